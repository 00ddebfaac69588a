"""Escalations: the review that raises a message when the outcome measures, the function tests
or a red flag say so (the rules are the core's: care.journey.escalation), and marking one
seen. Keyword-only arguments."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import (
    Clearance,
    DailyLifeReport,
    DiaryReport,
    Raised,
    Reassessment,
    diary_known_signs,
    escalation_review,
    held_back,
    journey,
    repeat_lookback_start,
)
from hizakoshi.care.journey.content import SeriesId
from hizakoshi.care.journey.pause import not_cleared
from hizakoshi.care.journey.progress import Point
from hizakoshi.journey.models import (
    Escalation,
    ResumeRecord,
)
from hizakoshi.journey.progress.selectors import MeasureRecords, measure_records
from hizakoshi.site.signals import records_changed_send

log = logging.getLogger(__name__)


def _escalation_series() -> tuple[SeriesId, ...]:
    """The series the escalation rules read (journey.yaml escalation)."""
    esc = journey().escalation
    return tuple(dict.fromkeys((*esc.worse_series, *esc.no_better_series)))


# --- escalation ----------------------------------------------------------------------------------


def _reports(records: MeasureRecords, clearances: Sequence[Clearance] = ()) -> dict[str, Any]:
    allowed = {rule.id for rule in diary_known_signs()}  # ticked, or raised by an event
    diary = []
    for day, signs in records.diary_signs:
        known = tuple(s for s in signs if s in allowed)
        if len(known) != len(signs):
            log.warning("diary %s: unknown warning-sign ids ignored", day)
        if known:
            diary.append(DiaryReport(day=day, signs=known))
    # A sign a doctor has seen since (the person recorded the visit) raises no new message.
    diary = list(not_cleared(diary, clearances))
    life = records.daily_life
    return {
        "diary": diary,
        "reassessment": None
        if records.reassessment is None
        else Reassessment(day=records.reassessment[0], triage=records.reassessment[1]),
        "daily_life": None
        if life is None or life[1] not in ("little", "moderate", "severe")
        else DailyLifeReport(day=life[0], impact=life[1]),
    }


def _selfcare_start(records: MeasureRecords) -> date | None:
    if records.start is not None:
        return records.start
    days = [p.day for sid in _escalation_series() for p in records.series.get(sid, [])]
    days += [d for d, _ in records.diary_signs]
    return min(days, default=None)


def _raised(day: date, message: object) -> Raised:
    """A stored message as the core's repeat rule reads it: its day and the signs it named."""
    hits = message.get("hits", []) if isinstance(message, dict) else []
    return Raised(day=day, hits=frozenset(str(h.get("id")) for h in hits if isinstance(h, dict)))


@transaction.atomic
def escalations_review(
    *, person: User, today: date, records: MeasureRecords | None = None
) -> list[Escalation]:
    """Run the escalation rules over the person's records up to `today` and store what is new.

    Returns the rows raised now (empty when nothing new). Running it again the same day, or
    the next days while the same message still applies, raises nothing twice: a kind is kept
    once per day by the database, and repeats are held back (care.journey.held_back, windows
    in journey.yaml) so the today page does not show the same message every morning.
    """
    records = records or measure_records(person=person, today=today)
    start = _selfcare_start(records)
    if start is None:
        return []
    series: dict[SeriesId, list[Point]] = {
        sid: records.series.get(sid, []) for sid in _escalation_series()
    }
    # Doctor's visits matter only when the diary holds signs (no query otherwise).
    clearances = (
        [
            Clearance(seen_on=seen_on, signs=tuple(signs))
            for seen_on, signs in ResumeRecord.objects.filter(person=person).values_list(
                "seen_on", "signs"
            )
        ]
        if records.diary_signs
        else []
    )
    report = escalation_review(
        today=today, selfcare_start=start, series=series, **_reports(records, clearances)
    )
    if not report.items:
        return []
    since = repeat_lookback_start(today)
    earlier: dict[str, list[Raised]] = {}
    for kind, day, message in Escalation.objects.filter(
        person=person, raised_on__gt=since, raised_on__lte=today
    ).values_list("kind", "raised_on", "message"):
        earlier.setdefault(kind, []).append(_raised(day, message))
    raised = []
    for item in report.items:
        if held_back(item, earlier.get(item.id, []), today):
            continue
        row, created = Escalation.objects.get_or_create(
            person=person,
            kind=item.id,
            raised_on=today,
            defaults={"urgency": item.urgency.value, "message": item.model_dump(mode="json")},
        )
        if created:
            raised.append(row)
    if raised:
        records_changed_send(person=person)
    return raised


@transaction.atomic
def escalation_mark_seen(*, person: User, escalation_id: int, now: datetime | None = None) -> int:
    """Mark one of the person's messages as read; another person's id changes nothing."""
    now = now or timezone.now()
    found = Escalation.objects.filter(person=person, pk=escalation_id, seen_at__isnull=True)
    changed = found.update(seen_at=now)
    if changed:
        records_changed_send(person=person, now=now)
    return changed
