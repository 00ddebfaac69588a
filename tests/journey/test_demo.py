"""The demo person: a year of history ending today, loaded again without duplicates."""

from __future__ import annotations

import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from hizakoshi.accounts.models import User
from hizakoshi.journey.demo.services import DEMO_EMAIL, demo_journey_load, demo_password
from hizakoshi.journey.models import (
    Assessment,
    DiaryEntry,
    Escalation,
    ExerciseSession,
    FunctionTest,
    OutcomeResponse,
    PlanItem,
    SessionItem,
    WalkingTarget,
)

pytestmark = pytest.mark.django_db
TODAY = date(2025, 6, 30)
START = TODAY - timedelta(days=364)


@pytest.fixture
def demo() -> User:
    return demo_journey_load(today=TODAY).person


def test_the_command_prints_the_login_marked_as_demo_only_and_it_works(client: Client) -> None:
    out = StringIO()
    call_command("load_demo_journey", stdout=out)
    text = out.getvalue()
    assert DEMO_EMAIL in text and "demo only" in text
    password = re.search(r"password: (\S+)", text)
    assert password is not None and password.group(1) == demo_password()
    login = client.post(
        reverse("accounts:login"), {"username": DEMO_EMAIL, "password": password.group(1)}
    )
    assert login.status_code == 302
    assert client.get(reverse("journey:profile")).status_code == 200


def test_loading_twice_leaves_one_demo_person_with_the_same_history() -> None:
    first = demo_journey_load(today=TODAY)
    second = demo_journey_load(today=TODAY)
    assert User.objects.filter(email=DEMO_EMAIL).count() == 1
    assert first.counts == second.counts
    assert ExerciseSession.objects.count() == second.counts["sessions"]


def test_the_same_day_gives_the_same_numbers() -> None:
    def pains() -> list[tuple[date, int | None, int | None]]:
        return list(
            DiaryEntry.objects.order_by("day").values_list("day", "knee_pain_right", "back_pain")
        )

    demo_journey_load(today=TODAY)
    before = pains()
    demo_journey_load(today=TODAY)
    assert pains() == before


def test_the_year_starts_with_the_knee_origin_self_check_and_its_plan(demo: User) -> None:
    (first,) = Assessment.objects.filter(person=demo)
    assert first.answers["first"] == "knee"
    assert first.assessment["plan"] is not None
    assert PlanItem.objects.filter(person=demo, started_on=START, reason__isnull=True).count() >= 3
    assert WalkingTarget.objects.filter(person=demo, started_on=START).exists()


def test_about_four_sessions_a_week_and_a_diary_nearly_every_day(demo: User) -> None:
    sessions = ExerciseSession.objects.filter(person=demo)
    assert 3.0 <= sessions.count() / 52 <= 4.5
    assert SessionItem.objects.filter(session__person=demo).count() >= 3 * sessions.count()
    assert SessionItem.objects.filter(person=demo, skipped=True, skip_reason="pain").exists()
    diary = DiaryEntry.objects.filter(person=demo)
    assert 330 <= diary.count() <= 365
    assert diary.filter(day=TODAY).exists() and diary.filter(day=START).exists()
    assert diary.filter(weight_kg__isnull=False).count() == 53  # every week, both ends included


def test_pain_eases_over_the_year(demo: User) -> None:
    def mean(first: date, last: date) -> float:
        values = DiaryEntry.objects.filter(person=demo, day__range=(first, last)).values_list(
            "knee_pain_right", flat=True
        )
        return sum(v for v in values if v is not None) / len(values)

    assert mean(START, START + timedelta(days=27)) - mean(TODAY - timedelta(days=27), TODAY) >= 2


def test_outcomes_every_four_weeks_and_function_tests_every_three_months(demo: User) -> None:
    rounds = 365 // 28 + 1
    outcomes = OutcomeResponse.objects.filter(person=demo)
    assert outcomes.filter(instrument="nrs").count() == 2 * rounds  # knee and back
    psfs = outcomes.filter(instrument="psfs")
    assert psfs.count() == rounds
    assert all(len(s["names"]) == 3 for s in psfs.values_list("scores", flat=True))
    koos = outcomes.filter(instrument="koos-12")
    assert koos.count() == rounds
    assert all(s["summary"] is not None for s in koos.values_list("scores", flat=True))
    taken = sorted(set(FunctionTest.objects.filter(person=demo).values_list("taken_on", flat=True)))
    assert taken == [START + timedelta(days=91 * q) for q in range(5)]


def test_the_plan_steps_up_and_back_and_each_change_says_why(demo: User) -> None:
    changes = PlanItem.objects.filter(person=demo, reason__isnull=False)
    assert changes.count() >= 1
    assert all(c["ja"] and c["en"] for c in changes.values_list("reason", flat=True))
    levels = changes.values_list("level", flat=True)
    assert max(levels) > 1  # at least one step up to the next level
    assert WalkingTarget.objects.filter(person=demo, per_day__gt=10).exists()
    assert PlanItem.objects.filter(person=demo, active=True).count() == 4


def test_the_flare_raised_one_escalation_worse_two_weeks_running(demo: User) -> None:
    (raised,) = Escalation.objects.filter(person=demo)
    assert raised.kind == "worse_two_weeks"
    assert START + timedelta(days=45) <= raised.raised_on <= START + timedelta(days=66)
    assert raised.message["specialist"] is True
    assert "右膝" in raised.message["reasons"][0]["ja"]
