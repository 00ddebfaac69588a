"""The weekly review over several weeks, with frozen time: a good week steps the exercises and
walking up, a painful week steps them back, the first week sets walking from the person's own
baseline, a warning sign stops all stepping up, and each week changes each amount at most once."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from hizakoshi.care.content import exercises
from hizakoshi.journey.models import (
    DiaryEntry,
    ExerciseSession,
    PlanItem,
    SessionItem,
    WalkingTarget,
)
from hizakoshi.journey.review.services import plan_review_if_due, plan_review_week
from journey.factories import person, with_plan

pytestmark = pytest.mark.django_db

START = date(2025, 3, 3)  # a Monday; the first assessment is made at 09:00 in Tokyo
DAY = timedelta(days=1)


def at(day: date, hour_utc: int = 1) -> datetime:
    """10:00 in Tokyo on `day` (01:00 UTC)."""
    return datetime(day.year, day.month, day.day, hour_utc, 0, tzinfo=UTC)


@pytest.fixture
def hanako() -> Any:
    with time_machine.travel(at(START, 0), tick=False):
        return with_plan(person("hanako@example.jp"))


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
                "knee_pain_left": 3,
                "knee_pain_right": 3,
                "back_pain": 3,
                "walking_minutes": walk,
                "walking_pain": pain,
                "next_morning_back_to_usual": back_to_usual,
                "good_control": control,
            },
        )


def test_the_first_week_holds_the_exercises_and_starts_walking_from_the_own_baseline(
    hanako: Any,
) -> None:
    before = {k: (p.reps, p.sets, p.level) for k, p in active(hanako).items()}
    planned = walking(hanako).per_day
    a_week(hanako, START, walk=22)
    changes = plan_review_week(person=hanako, week_end=START + 6 * DAY)
    # Last week cannot be compared with yet, so no exercise steps up.
    assert {k: (p.reps, p.sets, p.level) for k, p in active(hanako).items()} == before
    assert [(c.kind, c.action) for c in changes] == [("walking", "baseline")]
    target = walking(hanako)
    assert target.from_baseline and target.per_day == 20 != planned  # 22 rounded to 5
    assert target.started_on == START + 7 * DAY
    assert "first week" in target.reason["en"]


# The plan's 30-second stretch has no harder version, so it never moves (its ladder is one rung).
STRETCH = "hamstring_stretch_seated"


def test_the_plans_stretch_has_no_harder_version() -> None:
    assert exercises()[STRETCH].harder == ()


def test_a_good_second_week_steps_every_exercise_and_walking_up(hanako: Any) -> None:
    a_week(hanako, START)
    plan_review_week(person=hanako, week_end=START + 6 * DAY)
    before = active(hanako)
    a_week(hanako, START + 7 * DAY)
    changes = plan_review_week(person=hanako, week_end=START + 13 * DAY)
    after = active(hanako)
    assert {c.exercise_id for c in changes if c.kind == "exercise"} == set(before) - {STRETCH}
    assert all(c.action == "step_up" for c in changes)
    assert after[STRETCH].pk == before[STRETCH].pk  # unchanged, still the same plan item
    for exercise_id, item in after.items():
        if exercise_id == STRETCH:
            continue
        old = before[exercise_id]
        assert (item.level, item.sets, item.reps or 0) > (old.level, old.sets, old.reps or 0)
        assert item.started_on == START + 14 * DAY
        assert "going well" in item.reason["en"]
        assert PlanItem.objects.get(pk=old.pk).ended_on == START + 14 * DAY
    assert walking(hanako).per_day == 25


def test_a_week_with_pain_above_five_steps_back_one_notch(hanako: Any) -> None:
    for week in range(2):
        a_week(hanako, START + 7 * week * DAY)
        plan_review_week(person=hanako, week_end=START + (7 * week + 6) * DAY)
    stepped_up = {k: (p.level, p.sets, p.reps) for k, p in active(hanako).items()}
    a_week(hanako, START + 14 * DAY, pain=7)
    changes = plan_review_week(person=hanako, week_end=START + 20 * DAY)
    assert changes and all(c.action == "step_back" for c in changes)
    for exercise_id, item in active(hanako).items():
        if exercise_id == STRETCH:  # already at its only, gentlest amount
            assert (item.level, item.sets, item.reps) == stepped_up[exercise_id]
            continue
        assert (item.level, item.sets, item.reps) < stepped_up[exercise_id]
        assert "comfortable" in item.reason["en"]
    assert walking(hanako).per_day == 20


@pytest.mark.parametrize(
    "week",
    [
        {"back_to_usual": False},
        {"control": False},
        {"skip_for_pain": True},
    ],
)
def test_pain_not_settling_by_morning_poor_control_or_skipping_for_pain_steps_back(
    hanako: Any, week: dict[str, Any]
) -> None:
    for n in range(2):
        a_week(hanako, START + 7 * n * DAY)
        plan_review_week(person=hanako, week_end=START + (7 * n + 6) * DAY)
    a_week(hanako, START + 14 * DAY, **week)
    changes = plan_review_week(person=hanako, week_end=START + 20 * DAY)
    assert {c.action for c in changes if c.kind == "exercise"} == {"step_back"}


def test_a_week_with_too_few_sessions_holds(hanako: Any) -> None:
    a_week(hanako, START)
    plan_review_week(person=hanako, week_end=START + 6 * DAY)
    a_week(hanako, START + 7 * DAY, session_days=(3,))
    changes = plan_review_week(person=hanako, week_end=START + 13 * DAY)
    assert [c for c in changes if c.kind == "exercise"] == []


def test_reviewing_the_same_week_again_changes_nothing(hanako: Any) -> None:
    a_week(hanako, START)
    plan_review_week(person=hanako, week_end=START + 6 * DAY)
    a_week(hanako, START + 7 * DAY)
    first = plan_review_week(person=hanako, week_end=START + 13 * DAY)
    rows = PlanItem.objects.count(), WalkingTarget.objects.count()
    assert first
    assert plan_review_week(person=hanako, week_end=START + 13 * DAY) == []
    assert (PlanItem.objects.count(), WalkingTarget.objects.count()) == rows


def test_a_warning_sign_in_the_diary_stops_the_review(hanako: Any) -> None:
    a_week(hanako, START)
    plan_review_week(person=hanako, week_end=START + 6 * DAY)
    a_week(hanako, START + 7 * DAY)
    DiaryEntry.objects.filter(person=hanako, day=START + 12 * DAY).update(
        red_flag_signs=["hot_knee_fever"]
    )
    rows = PlanItem.objects.count()
    assert plan_review_week(person=hanako, week_end=START + 13 * DAY) == []
    assert PlanItem.objects.count() == rows


def test_nothing_is_reviewed_before_the_first_week_is_over(hanako: Any) -> None:
    a_week(hanako, START)
    assert plan_review_if_due(person=hanako, today=START + 6 * DAY) == (None, [])


def test_opening_today_runs_the_review_once_a_week_and_shows_what_changed_and_why(
    client: Client, hanako: Any
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    def today(when: datetime, *, login: bool = True) -> str:
        with time_machine.travel(when, tick=False):
            if login:  # a login lasts 30 minutes
                client.force_login(hanako)
            response = client.get("/me/today/")
        assert response.status_code == 200
        return response.content.decode()

    a_week(hanako, START)
    text = today(at(START + 7 * DAY))
    assert "What changed this week, and why" in text
    assert "You start from your first week" in text
    a_week(hanako, START + 7 * DAY)
    for minutes in (0, 5):  # twice in a row: the second visit reviews nothing
        text = today(at(START + 14 * DAY) + timedelta(minutes=minutes), login=not minutes)
    stepping = len(active(hanako)) - 1  # all but the stretch
    assert text.count("It is going well") == stepping + 1  # and walking
    assert PlanItem.objects.filter(person=hanako, started_on=START + 14 * DAY).count() == stepping
    text = today(at(START + 21 * DAY))
    assert "What changed this week, and why" not in text  # last week's change is a week old


def test_months_of_good_weeks_climb_the_ladder_but_never_past_its_top(hanako: Any) -> None:
    for week in range(30):
        a_week(hanako, START + 7 * week * DAY)
        plan_review_week(person=hanako, week_end=START + (7 * week + 6) * DAY)
    for item in active(hanako).values():
        assert item.level <= 3 and item.sets <= 3 and (item.reps or 0) <= 12
    assert walking(hanako).per_day == 30  # the goal for low-back pain, in minutes
