"""Writes of a pause: the record that a doctor has seen the person and said they may resume."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import (
    Escalation,
    ResumeRecord,
)
from hizakoshi.journey.pause.selectors import diary_pause_now
from hizakoshi.site.signals import records_changed_send


@transaction.atomic
def resume_record(
    *, person: User, today: date, seen_on: date, note: str = ""
) -> ResumeRecord | None:
    """Keep that a doctor saw the person on `seen_on` and said they may resume: it covers the
    diary signs pausing the plan now (None when nothing is paused by the diary)."""
    pause = diary_pause_now(person=person, today=today)
    if pause is None:
        return None
    if not pause.first_day <= seen_on <= today:
        raise ValueError("seen_on must lie between the first warning sign and today")
    # The diary's urgent messages up to the visit have been acted on: no longer shown as new.
    Escalation.objects.filter(
        person=person, kind="red_flag_diary", raised_on__lte=seen_on, seen_at__isnull=True
    ).update(seen_at=timezone.now())
    record = ResumeRecord.objects.create(
        person=person, flag_day=pause.first_day, signs=list(pause.signs), seen_on=seen_on, note=note
    )
    records_changed_send(person=person)
    return record
