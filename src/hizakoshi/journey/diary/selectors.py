"""Reads for the diary: one day's entry, the recent days, which days may still be changed,
whether the weekly weight is due, and which knees to ask about."""

from __future__ import annotations

from datetime import date

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import diary_first_editable
from hizakoshi.care.journey import weight_due as weight_due_after
from hizakoshi.journey.models import (
    Assessment,
    DiaryEntry,
)

# --- the diary ---------------------------------------------------------------------------------


def diary_entry_get(*, person: User, day: date) -> DiaryEntry | None:
    return DiaryEntry.objects.filter(person=person, day=day).first()


def diary_version(entry: DiaryEntry | None) -> str:
    """What the diary form carries as `seen`: the entry as the person last saw it ("" for none).
    A save from an older page (a phone that was offline, another tab) is checked against it."""
    return "" if entry is None else entry.updated_at.isoformat()


def diary_recent(*, person: User, today: date) -> list[DiaryEntry]:
    """The entries of the days that can still be changed (care.journey.diary_days)."""
    first = diary_first_editable(today)
    found = DiaryEntry.objects.filter(person=person, day__gte=first, day__lte=today)
    return list(found.order_by("-day"))


def weight_due(*, person: User, today: date) -> bool:
    last = (
        DiaryEntry.objects.filter(person=person, weight_kg__isnull=False, day__lte=today)
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )
    return weight_due_after(last_weighed=last, today=today)


def knee_sides(assessment: Assessment | None) -> tuple[str, ...]:
    """The knee(s) the diary asks about: those that hurt at the latest check, else both."""
    side = (assessment.answers or {}).get("knee_side") if assessment else None
    return (side,) if side in ("left", "right") else ("left", "right")
