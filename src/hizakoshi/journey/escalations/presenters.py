"""What an escalation message shows: the urgency in words, the reasons, what to do."""

from __future__ import annotations

from typing import Any

from hizakoshi.accounts.models import User
from hizakoshi.care.model import Lang, Urgency
from hizakoshi.journey.me.selectors import clinic_contact
from hizakoshi.journey.pause.presenters import URGENCY_LABELS
from hizakoshi.selfcheck.presenters import resolve_texts


def escalation_page(row: Any, lang: Lang, person: User) -> dict[str, Any]:
    view = escalation_view(row, lang)
    view["clinic"] = clinic_contact(person=person) if view["specialist"] else None
    return view


def escalation_view(row: Any, lang: Lang) -> dict[str, Any]:
    message = resolve_texts(row.message if isinstance(row.message, dict) else {}, lang)
    return {
        "pk": row.pk,
        "urgency": row.urgency,
        "label": URGENCY_LABELS.get(row.urgency, row.urgency),
        "is_emergency": row.urgency == Urgency.EMERGENCY.value,
        "raised_on": row.raised_on,
        "headline": message.get("headline", ""),
        "reasons": message.get("reasons", []),
        "what_to_do": message.get("what_to_do", []),
        "specialist": bool(message.get("specialist")) or row.urgency == Urgency.SOON.value,
    }
