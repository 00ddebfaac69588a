"""What a pause shows: the urgency in words, the warning signs and what to do, and the notice
of an unexplained weight loss."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import pgettext_lazy

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import DiaryPause
from hizakoshi.care.model import Lang, Triage, Urgency
from hizakoshi.journey.pause.selectors import weight_loss_now
from hizakoshi.selfcheck.presenters import URGENCY_LABELS as SELFCHECK_URGENCY_LABELS
from hizakoshi.selfcheck.presenters import (
    resolve_texts,
)

# The journey labels every urgency, the same-day level included (care.model.Urgency).
URGENCY_LABELS = {
    **SELFCHECK_URGENCY_LABELS,
    "same_day": pgettext_lazy("urgency", "See a doctor today"),
}


def triage_view(triage: Triage, lang: Lang) -> dict[str, Any]:
    view: dict[str, Any] = resolve_texts(triage.model_dump(mode="json"), lang)
    view["label"] = URGENCY_LABELS.get(triage.urgency.value, triage.urgency.value)
    view["is_emergency"] = triage.urgency == Urgency.EMERGENCY
    return view


def diary_pause_view(pause: DiaryPause, lang: Lang) -> dict[str, Any]:
    """The diary's warning signs that pause the plan, with what to tell the doctor."""
    view = triage_view(pause.triage, lang)
    view["for_doctor"] = [line.get(lang) for line in pause.for_doctor]
    view["first_day"] = pause.first_day
    return view


def weight_loss_view(person: User, day: date, lang: Lang) -> dict[str, Any] | None:
    notice = weight_loss_now(person=person, today=day)
    if notice is None:
        return None
    found: dict[str, Any] = resolve_texts(notice.model_dump(mode="json"), lang)
    found["label"] = URGENCY_LABELS.get(notice.urgency.value, notice.urgency.value)
    return found
