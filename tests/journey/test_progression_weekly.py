"""The weekly review over several weeks, with frozen time: a good week steps the exercises and
walking up, a painful week steps them back, the first week sets walking from the person's own
baseline, a warning sign stops all stepping up, and each week changes each amount at most once."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.care.content import exercises
from hizakoshi.journey.models import DiaryEntry, PlanItem, WalkingTarget
from hizakoshi.journey.review.services import plan_review_if_due, plan_review_week
from journey.factories import with_plan
from journey.review_helpers import DAY, START, a_week, active, at, walking

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient(patient: User) -> User:
    """On a plan since START, a Monday."""
    with time_machine.travel(at(START, 0), tick=False):
        return with_plan(patient)


def test_the_first_week_holds_the_exercises_and_starts_walking_from_the_own_baseline(
    patient: User,
) -> None:
    before = {k: (p.reps, p.sets, p.level) for k, p in active(patient).items()}
    planned = walking(patient).per_day
    a_week(patient, START, walk=22)
    changes = plan_review_week(person=patient, week_end=START + 6 * DAY)
    # Last week cannot be compared with yet, so no exercise steps up.
    assert {k: (p.reps, p.sets, p.level) for k, p in active(patient).items()} == before
    assert [(c.kind, c.action) for c in changes] == [("walking", "baseline")]
    target = walking(patient)
    assert target.from_baseline and target.per_day == 20 != planned  # 22 rounded to 5
    assert target.started_on == START + 7 * DAY
    assert "first week" in target.reason["en"]


# The plan's 30-second stretch has no harder version, so it never moves (its ladder is one rung).
STRETCH = "hamstring_stretch_seated"


def test_the_plans_stretch_has_no_harder_version() -> None:
    assert exercises()[STRETCH].harder == ()


def test_a_good_second_week_steps_every_exercise_and_walking_up(patient: User) -> None:
    a_week(patient, START)
    plan_review_week(person=patient, week_end=START + 6 * DAY)
    before = active(patient)
    a_week(patient, START + 7 * DAY)
    changes = plan_review_week(person=patient, week_end=START + 13 * DAY)
    after = active(patient)
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
    assert walking(patient).per_day == 25


def test_a_week_with_pain_above_five_steps_back_one_notch(patient: User) -> None:
    for week in range(2):
        a_week(patient, START + 7 * week * DAY)
        plan_review_week(person=patient, week_end=START + (7 * week + 6) * DAY)
    stepped_up = {k: (p.level, p.sets, p.reps) for k, p in active(patient).items()}
    a_week(patient, START + 14 * DAY, pain=7)
    changes = plan_review_week(person=patient, week_end=START + 20 * DAY)
    assert changes and all(c.action == "step_back" for c in changes)
    for exercise_id, item in active(patient).items():
        if exercise_id == STRETCH:  # already at its only, gentlest amount
            assert (item.level, item.sets, item.reps) == stepped_up[exercise_id]
            continue
        assert (item.level, item.sets, item.reps) < stepped_up[exercise_id]
        assert "comfortable" in item.reason["en"]
    assert walking(patient).per_day == 20


@pytest.mark.parametrize(
    "week",
    [
        {"back_to_usual": False},
        {"control": False},
        {"skip_for_pain": True},
    ],
)
def test_pain_not_settling_by_morning_poor_control_or_skipping_for_pain_steps_back(
    patient: User, week: dict[str, Any]
) -> None:
    for n in range(2):
        a_week(patient, START + 7 * n * DAY)
        plan_review_week(person=patient, week_end=START + (7 * n + 6) * DAY)
    a_week(patient, START + 14 * DAY, **week)
    changes = plan_review_week(person=patient, week_end=START + 20 * DAY)
    assert {c.action for c in changes if c.kind == "exercise"} == {"step_back"}


def test_a_week_with_too_few_sessions_holds(patient: User) -> None:
    a_week(patient, START)
    plan_review_week(person=patient, week_end=START + 6 * DAY)
    a_week(patient, START + 7 * DAY, session_days=(3,))
    changes = plan_review_week(person=patient, week_end=START + 13 * DAY)
    assert [c for c in changes if c.kind == "exercise"] == []


def test_reviewing_the_same_week_again_changes_nothing(patient: User) -> None:
    a_week(patient, START)
    plan_review_week(person=patient, week_end=START + 6 * DAY)
    a_week(patient, START + 7 * DAY)
    first = plan_review_week(person=patient, week_end=START + 13 * DAY)
    rows = PlanItem.objects.count(), WalkingTarget.objects.count()
    assert first
    assert plan_review_week(person=patient, week_end=START + 13 * DAY) == []
    assert (PlanItem.objects.count(), WalkingTarget.objects.count()) == rows


def test_a_warning_sign_in_the_diary_stops_the_review(patient: User) -> None:
    a_week(patient, START)
    plan_review_week(person=patient, week_end=START + 6 * DAY)
    a_week(patient, START + 7 * DAY)
    DiaryEntry.objects.filter(person=patient, day=START + 12 * DAY).update(
        red_flag_signs=["hot_knee_fever"]
    )
    rows = PlanItem.objects.count()
    assert plan_review_week(person=patient, week_end=START + 13 * DAY) == []
    assert PlanItem.objects.count() == rows


def test_nothing_is_reviewed_before_the_first_week_is_over(patient: User) -> None:
    a_week(patient, START)
    assert plan_review_if_due(person=patient, today=START + 6 * DAY) == (None, [])


def test_the_daily_job_reviews_each_week_once_and_today_shows_what_changed_and_why(
    client: Client, patient: User
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    def job(day: date) -> str:
        out = StringIO()
        call_command("review_journeys", today=day.isoformat(), stdout=out)
        return out.getvalue()

    def today(when: datetime) -> str:
        with time_machine.travel(when, tick=False):
            client.force_login(patient)  # a login lasts 30 minutes
            response = client.get("/me/today/")
        assert response.status_code == 200
        return response.content.decode()

    a_week(patient, START)
    assert "What changed this week, and why" not in today(at(START + 7 * DAY))  # not run yet
    job(START + 7 * DAY)
    text = today(at(START + 7 * DAY))
    assert "What changed this week, and why" in text
    assert "You start from your first week" in text
    a_week(patient, START + 7 * DAY)
    stepping = len(active(patient)) - 1  # all but the stretch
    assert f"{stepping + 1} plan change(s)" in job(START + 14 * DAY)  # and walking
    assert "0 plan change(s)" in job(START + 14 * DAY)  # twice the same day: nothing more
    text = today(at(START + 14 * DAY))
    assert text.count("It is going well") == stepping + 1
    assert PlanItem.objects.filter(person=patient, started_on=START + 14 * DAY).count() == stepping
    text = today(at(START + 21 * DAY))
    assert "What changed this week, and why" not in text  # last week's change is a week old


def test_months_of_good_weeks_climb_the_ladder_but_never_past_its_top(patient: User) -> None:
    for week in range(30):
        a_week(patient, START + 7 * week * DAY)
        plan_review_week(person=patient, week_end=START + (7 * week + 6) * DAY)
    for item in active(patient).values():
        assert item.level <= 3 and item.sets <= 3 and (item.reps or 0) <= 12
    assert walking(patient).per_day == 30  # the goal for low-back pain, in minutes
