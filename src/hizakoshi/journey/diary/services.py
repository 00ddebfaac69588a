"""Writes of the diary: a day's check-in, and the urgent escalation a warning sign in it raises."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import (
    DiaryEvents,
    DiaryReport,
    diary_triage,
    escalation_review,
    event_signs,
    red_flag_window_start,
)
from hizakoshi.care.model import Triage
from hizakoshi.journey.diary.selectors import diary_version
from hizakoshi.journey.models import (
    DiaryEntry,
    Escalation,
)
from hizakoshi.journey.pause.selectors import person_age
from hizakoshi.journey.plan.selectors import journey_start_day
from hizakoshi.site.signals import records_changed_send

DIARY_FIELDS = frozenset(
    {
        "knee_pain_left",
        "knee_pain_right",
        "back_pain",
        "morning_stiffness_min",
        "walking_minutes",
        "steps",
        "walking_pain",
        "skipped_walk_for_pain",
        "sleep_disturbed",
        "next_morning_back_to_usual",
        "good_control",
        "daily_life",
        "weight_kg",
        "red_flag_signs",
        "notes",
    }
)


@dataclass(frozen=True)
class DiarySaved:
    entry: DiaryEntry
    created: bool
    triage: Triage  # the warning signs of this entry: urgency NONE when there are none
    escalation: Escalation | None
    repeat: bool = False  # the same answers were already saved: nothing was written


class DiaryChanged(Exception):
    """The day's entry changed after the page was opened, and these answers differ from it."""

    def __init__(self, entry: DiaryEntry) -> None:
        super().__init__(f"diary entry {entry.day} changed since it was seen")
        self.entry = entry


@transaction.atomic
def diary_save(
    *,
    person: User,
    day: date,
    values: Mapping[str, Any],
    events: DiaryEvents | None = None,
    now: datetime | None = None,
    seen: str | None = None,
) -> DiarySaved:
    """Add or change the person's entry for `day` (one per day). The new events since the last
    entry add the warning signs they raise (care.journey.event_signs). A warning sign raises
    (or updates) today's diary escalation, marked as seen: the answer page shows it at once.
    Two saves of the same day at once keep one entry: the later save's answers.

    `seen` is the entry's version when the page was opened (diary_version; "" for no entry;
    None: not checked). A phone sends a diary kept offline later, maybe twice: answers equal
    to the saved ones are a repeat and write nothing; other answers over an entry changed
    since `seen` raise DiaryChanged, so that a newer entry is never silently overwritten."""
    unknown = set(values) - DIARY_FIELDS
    if unknown:
        raise ValueError(f"not diary fields: {sorted(unknown)}")
    now = now or timezone.now()
    events = events or DiaryEvents()
    ticked = tuple(values.get("red_flag_signs", ()))
    raised = event_signs(
        events, age=person_age(person=person, today=day), back_pain=values.get("back_pain")
    )
    signs = tuple(dict.fromkeys((*ticked, *raised)))
    DiaryReport(day=day, signs=signs)  # an unknown sign raises UnknownDiarySign
    fields = dict(values) | {
        "red_flag_signs": list(signs),
        "events": events.model_dump(mode="json"),
    }
    if seen is not None:
        # select_for_update: on PostgreSQL another save waits here (SQLite's IMMEDIATE
        # transaction already holds the write lock), so the check and the write are one step.
        current = DiaryEntry.objects.select_for_update().filter(person=person, day=day).first()
        if current is not None and diary_version(current) != seen:
            if all(getattr(current, name) == value for name, value in fields.items()):
                triage = diary_triage(signs)
                return DiarySaved(
                    entry=current, created=False, triage=triage, escalation=None, repeat=True
                )
            raise DiaryChanged(current)
    try:
        with transaction.atomic():
            entry, created = DiaryEntry.objects.update_or_create(
                person=person, day=day, defaults=fields
            )
    except IntegrityError:
        # The same day was saved at the same moment from another tab: change that entry.
        entry, created = DiaryEntry.objects.update_or_create(
            person=person, day=day, defaults=fields
        )
    triage = diary_triage(signs)
    escalation = _diary_escalation(person=person, now=now) if triage.hits else None
    records_changed_send(person=person, now=now)  # the clinic's view of them, in this transaction
    return DiarySaved(entry=entry, created=created, triage=triage, escalation=escalation)


def _diary_escalation(*, person: User, now: datetime) -> Escalation | None:
    today = timezone.localdate(now)
    first = red_flag_window_start(today)
    reports = [
        DiaryReport(day=day, signs=tuple(signs))
        for day, signs in DiaryEntry.objects.filter(
            person=person, day__gte=first, day__lte=today
        ).values_list("day", "red_flag_signs")
        if signs
    ]
    start = journey_start_day(person=person) or today
    review = escalation_review(today=today, selfcare_start=min(start, today), diary=reports)
    item = next((i for i in review.items if i.id == "red_flag_diary"), None)
    if item is None:
        return None
    escalation, _ = Escalation.objects.update_or_create(
        person=person,
        kind="red_flag_diary",
        raised_on=today,
        defaults={
            "urgency": item.urgency.value,
            "message": item.model_dump(mode="json"),
            "seen_at": now,
        },
    )
    return escalation
