"""Builders for journey tests: dated records around a fixed `today`, never the clock."""

from __future__ import annotations

from datetime import date, timedelta

from hizakoshi.care.journey.ladder import Dose
from hizakoshi.care.journey.progress import Point
from hizakoshi.care.journey.progression import ExerciseState, SessionRecord
from hizakoshi.care.journey.walking import WalkDay

TODAY = date(2025, 6, 30)
BRIDGE = Dose(sets=2, reps=10, hold_seconds=5)  # the plan's start for the bridge (3 levels)


def ago(days: int, today: date = TODAY) -> date:
    return today - timedelta(days=days)


def state(current: Dose | None = None, start: Dose = BRIDGE) -> ExerciseState:
    return ExerciseState(exercise_id="bridge", start=start, current=current or start)


def good_weeks(
    weeks: int = 2,
    *,
    today: date = TODAY,
    every: int = 2,
    pain: int = 3,
    morning: int = 2,
    control: bool | None = True,
) -> list[SessionRecord]:
    """A session every `every` days over the last `weeks` weeks, all within the pain rules."""
    return [
        SessionRecord(
            day=ago(d, today), pain_during=pain, next_morning_pain=morning, good_control=control
        )
        for d in range(0, 7 * weeks, every)
    ]


def walks(
    weeks: int = 2,
    *,
    today: date = TODAY,
    minutes: int | None = 15,
    steps: int | None = None,
    pain: int = 2,
    morning: int = 2,
    control: bool | None = True,
) -> list[WalkDay]:
    return [
        WalkDay(
            day=ago(d, today),
            minutes=minutes,
            steps=steps,
            pain_during=pain,
            next_morning_pain=morning,
            good_control=control,
        )
        for d in range(7 * weeks)
    ]


def daily(start: date, values: list[float]) -> list[Point]:
    """One point a day from `start`."""
    return [Point(start + timedelta(days=i), v) for i, v in enumerate(values)]
