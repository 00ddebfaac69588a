"""Reads of escalation messages: unseen, recent, and one as the person sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case, QuerySet, Value, When

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import shown_since
from hizakoshi.care.model import URGENCY_ORDER, Lang
from hizakoshi.journey.models import (
    Escalation,
)


def escalations_unseen(*, person: User) -> QuerySet[Escalation]:
    """Raised and not yet marked as read: for the today page. Most urgent first, then newest."""
    rank = Case(
        *(When(urgency=u.value, then=Value(i)) for i, u in enumerate(URGENCY_ORDER)),
        default=Value(len(URGENCY_ORDER)),
    )
    found = Escalation.objects.filter(person=person, seen_at__isnull=True)
    return found.order_by(rank, "-raised_on", "-pk")


def escalations_recent(*, person: User, today: date) -> list[Escalation]:
    since = shown_since(today)
    found = Escalation.objects.filter(person=person, raised_on__gte=since, raised_on__lte=today)
    return list(found.order_by("-raised_on", "-pk"))


@dataclass(frozen=True, slots=True)
class EscalationShown:
    """A stored message in one language, for journey/measures/_escalation.html."""

    pk: int
    raised_on: date
    urgency: str
    seen: bool
    headline: str
    reasons: list[str]
    what_to_do: list[str]
    specialist: bool  # show the clinic's contact (selectors.clinic_contact())
    source: str


def _in(value: object, lang: Lang) -> str:
    if not isinstance(value, dict):
        return ""
    return str(value.get(lang) or value.get("en") or value.get("ja") or "")


def escalation_shown(row: Escalation, lang: Lang) -> EscalationShown:
    message: dict[str, Any] = row.message if isinstance(row.message, dict) else {}

    def texts(key: str) -> list[str]:
        found = message.get(key)
        return [t for t in (_in(v, lang) for v in found) if t] if isinstance(found, list) else []

    return EscalationShown(
        pk=row.pk,
        raised_on=row.raised_on,
        urgency=row.urgency,
        seen=row.seen_at is not None,
        headline=_in(message.get("headline"), lang),
        reasons=texts("reasons"),
        what_to_do=texts("what_to_do"),
        specialist=bool(message.get("specialist", row.urgency == "soon")),
        source=str(message.get("source") or ""),
    )
