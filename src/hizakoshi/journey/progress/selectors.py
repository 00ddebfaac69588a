"""Reads for the progress page: the person's facts and each kind of record in one query each
(the query count does not grow with the years of data)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.utils import timezone
from pydantic import ValidationError

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import red_flag_window_start
from hizakoshi.care.journey.content import SeriesId
from hizakoshi.care.journey.progress import Point
from hizakoshi.care.model import Triage
from hizakoshi.journey.function_tests.selectors import CHAIR_KINDS
from hizakoshi.journey.models import (
    SESSION_DAY_FROM,
    Assessment,
    AssessmentSource,
    DiaryEntry,
    ExerciseSession,
    FunctionTest,
    FunctionTestKind,
    OutcomeResponse,
    Profile,
)
from hizakoshi.journey.plan.selectors import journey_start_day

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What the tests' norms need, from the profile or else the latest assessment."""

    height_cm: Decimal | None = None
    age: int | None = None
    sex: Literal["female", "male", "other"] | None = None


def person_facts(*, person: User, today: date) -> PersonFacts:
    profile = Profile.objects.filter(person=person).first()
    latest = (
        Assessment.objects.filter(person=person)
        .order_by("-created_at", "-pk")
        .values_list("answers", "created_at")
        .first()
    )
    answers: dict[str, Any] = latest[0] if latest and isinstance(latest[0], dict) else {}
    height = profile.height_cm if profile and profile.height_cm else None
    if height is None and isinstance(answers.get("height_cm"), int | float):
        height = Decimal(str(answers["height_cm"])).quantize(Decimal("0.1"))
    age = answers.get("age") if isinstance(answers.get("age"), int) else None
    if age is not None and latest is not None:
        age += (today - timezone.localdate(latest[1])).days // 365  # a year older since then
    sex = answers.get("sex") if answers.get("sex") in ("female", "male", "other") else None
    return PersonFacts(height, age, sex)


# --- progress and escalation ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeasureRecords:
    """Everything the progress page and the escalation review read, as plain points."""

    today: date
    start: date | None
    series: dict[SeriesId, list[Point]] = field(default_factory=dict)
    chair: str | None = None  # the chair of the chair-stand series (never two chairs mixed)
    diary_signs: list[tuple[date, tuple[str, ...]]] = field(default_factory=list)
    daily_life: tuple[date, str] | None = None  # the latest answer in the last days
    reassessment: tuple[date, Triage] | None = None
    weight_goal: Decimal | None = None


DIARY_FIELDS = (
    "day",
    "knee_pain_left",
    "knee_pain_right",
    "back_pain",
    "walking_minutes",
    "weight_kg",
    "daily_life",
    "red_flag_signs",
)


def measure_records(*, person: User, today: date) -> MeasureRecords:
    """One query per kind of record (diary, PSFS, tests, sessions, assessments, profile)."""
    start = journey_start_day(person=person)
    series: dict[SeriesId, list[Point]] = {
        "knee_pain_left": [],
        "knee_pain_right": [],
        "back_pain": [],
        "walking_minutes": [],
        "weight": [],
    }
    signs: list[tuple[date, tuple[str, ...]]] = []
    life: tuple[date, str] | None = None
    recent = red_flag_window_start(today)  # red flags and daily life count while this recent
    rows = DiaryEntry.objects.filter(person=person, day__lte=today).order_by("day")
    for day, left, right, back, walked, weight, daily, flags in rows.values_list(*DIARY_FIELDS):
        for sid, value in (
            ("knee_pain_left", left),
            ("knee_pain_right", right),
            ("back_pain", back),
            ("walking_minutes", walked),
            ("weight", weight),
        ):
            if value is not None:
                series[sid].append(Point(day, float(value)))  # type: ignore[index]
        if day >= recent:
            if flags:
                signs.append((day, tuple(str(s) for s in flags)))
            if daily:
                life = (day, daily)
    series["psfs"] = [
        Point(day, float(scores["score"]))
        for day, scores in OutcomeResponse.objects.filter(
            person=person, instrument="psfs", taken_on__lte=today
        ).values_list("taken_on", "scores")
        if isinstance(scores, dict) and isinstance(scores.get("score"), int | float)
    ]
    chair, tests = _test_series(person, today)
    series.update(tests)
    finished = ExerciseSession.objects.filter(person=person, finished_at__isnull=False)
    series["sessions"] = [
        Point(day, 1.0)
        for day in map(timezone.localdate, finished.values_list(SESSION_DAY_FROM, flat=True))
        if day <= today
    ]
    goal = Profile.objects.filter(person=person).values_list("weight_goal_kg", flat=True).first()
    return MeasureRecords(
        today=today,
        start=start,
        series=series,
        chair=chair,
        diary_signs=signs,
        daily_life=life,
        reassessment=_latest_reassessment(person, today),
        weight_goal=goal,
    )


def _test_series(person: User, today: date) -> tuple[str | None, dict[SeriesId, list[Point]]]:
    rows = list(
        FunctionTest.objects.filter(person=person, taken_on__lte=today)
        .order_by("taken_on", "pk")
        .values_list("kind", "taken_on", "result")
    )
    chairs = [kind for kind, _, _ in rows if kind in CHAIR_KINDS]
    chair = chairs[-1] if chairs else None  # the chair used last; the other is not mixed in
    stages: dict[date, float] = {}
    stands: list[Point] = []
    one_leg: list[Point] = []
    for kind, day, result in rows:
        if not isinstance(result, dict):
            continue
        if kind in (FunctionTestKind.TWO_STEP, FunctionTestKind.STAND_UP):
            stage = result.get("stage")
            if isinstance(stage, int):
                stages[day] = max(stages.get(day, 0.0), float(stage))
        elif kind == chair and isinstance(result.get("count"), int):
            stands.append(Point(day, float(result["count"])))
        elif kind == FunctionTestKind.ONE_LEG and isinstance(result.get("seconds"), int | float):
            one_leg.append(Point(day, float(result["seconds"])))
    return chair, {
        "locomo_stage": [Point(d, s) for d, s in sorted(stages.items())],
        "chair_stand": stands,
        "one_leg_standing": one_leg,
    }


def _latest_reassessment(person: User, today: date) -> tuple[date, Triage] | None:
    latest = (
        Assessment.objects.filter(person=person, source=AssessmentSource.REASSESSMENT)
        .order_by("-created_at", "-pk")
        .values_list("created_at", "assessment")
        .first()
    )
    if latest is None or not isinstance(latest[1], dict):
        return None
    day = timezone.localdate(latest[0])
    if day > today:
        return None
    try:
        return day, Triage.model_validate(latest[1].get("triage"))
    except ValidationError:
        # Stored by an older engine in a shape this one cannot read: the self-check page
        # showed its own advice at the time; the journey does not guess.
        log.warning("reassessment of %s: triage not readable", day)
        return None
