"""Helpers for the weekly review's tests: a week of sessions and diary, the active plan."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import time_machine

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import (
    DiaryEntry,
    ExerciseSession,
    PlanItem,
    SessionItem,
    WalkingTarget,
)
from journey.factories import with_plan
from people import person

START = date(2025, 3, 3)  # a Monday; the first assessment is made at 09:00 in Tokyo
DAY = timedelta(days=1)


def at(day: date, hour_utc: int = 1) -> datetime:
    """10:00 in Tokyo on `day` (01:00 UTC)."""
    return datetime(day.year, day.month, day.day, hour_utc, 0, tzinfo=UTC)


def active(user: Any) -> dict[str, PlanItem]:
    return {p.exercise_id: p for p in PlanItem.objects.filter(person=user, active=True)}


def walking(user: Any) -> WalkingTarget:
    return WalkingTarget.objects.get(person=user, active=True)


def a_week(
    user: Any,
    first: date,
    *,
    pain: int = 2,
    back_to_usual: bool = True,
    control: bool = True,
    walk: int | None = 20,
    session_days: Iterable[int] = (0, 2, 4),
    skip_for_pain: bool = False,
    diary_pain: int = 3,
) -> None:
    """Sessions of every exercise on the given days and a diary entry on all seven."""
    for offset in session_days:
        session = ExerciseSession.objects.create(
            person=user,
            client_id=uuid.uuid4(),
            started_at=at(first + offset * DAY),
            finished_at=at(first + offset * DAY) + timedelta(minutes=9),
            pain_during=pain,
        )
        for position, item in enumerate(active(user).values()):
            SessionItem.objects.create(
                person=user,
                session=session,
                position=position,
                exercise_id=item.exercise_id,
                reps_done=None if skip_for_pain else (item.reps or 1) * item.sets,
                skipped=skip_for_pain,
                skip_reason="pain" if skip_for_pain else "",
            )
    for offset in range(7):
        DiaryEntry.objects.update_or_create(
            person=user,
            day=first + offset * DAY,
            defaults={
                "knee_pain_left": diary_pain,
                "knee_pain_right": diary_pain,
                "back_pain": diary_pain,
                "walking_minutes": walk,
                "walking_pain": pain,
                "next_morning_back_to_usual": back_to_usual,
                "good_control": control,
            },
        )


def stopped_opening_the_app(email: str = "hanako@example.jp") -> User:
    """Two good weeks, then two weeks of pain clearly worse than at the start; the records are
    written (sessions and diary), but Today and Progress are never opened."""
    with time_machine.travel(at(START, 0), tick=False):
        user = with_plan(person(email))
    a_week(user, START)
    a_week(user, START + 7 * DAY)
    a_week(user, START + 14 * DAY, pain=7, diary_pain=7, back_to_usual=False)
    a_week(user, START + 21 * DAY, pain=7, diary_pain=7, back_to_usual=False)
    return user
