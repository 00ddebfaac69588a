"""The daily job `hizakoshi review_journeys`: a person who stops opening the app still gets the
weekly plan review and the escalation message, a second run the same day changes nothing, one
person's failure is counted without stopping the others, and the pages show what it stored."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import Escalation, PlanItem, WalkingTarget
from hizakoshi.journey.review import daily, services
from hizakoshi.journey.review.tasks import review_journeys
from journey.measures_helpers import in_english
from journey.review_helpers import DAY, START, at, stopped_opening_the_app

pytestmark = pytest.mark.django_db

LAST_RECORD = START + 27 * DAY  # four weeks of records, then the app is never opened again


def job(day: date) -> str:
    out = StringIO()
    call_command("review_journeys", today=day.isoformat(), stdout=out)
    return out.getvalue()


def stored(user: User) -> tuple[int, int, int]:
    return (
        PlanItem.objects.filter(person=user).count(),
        WalkingTarget.objects.filter(person=user).count(),
        Escalation.objects.filter(person=user).count(),
    )


def test_a_person_who_stopped_opening_the_app_gets_the_weekly_review_and_the_escalation(
    client: Client,
) -> None:
    hanako = stopped_opening_the_app()
    for n in range(1, 36):  # cron, once a day, for five weeks; no page is opened meanwhile
        job(START + n * DAY)
    reasons = [
        (row.started_on, row.reason["en"])
        for row in PlanItem.objects.filter(person=hanako, reason__isnull=False)
    ]
    assert any(on == START + 14 * DAY and "going well" in why for on, why in reasons)
    assert any(on == START + 21 * DAY and "comfortable" in why for on, why in reasons)
    assert WalkingTarget.objects.filter(person=hanako, from_baseline=True).exists()
    (raised,) = Escalation.objects.filter(person=hanako, kind="worse_two_weeks")
    assert START + 21 * DAY <= raised.raised_on <= LAST_RECORD + 7 * DAY
    assert raised.message["specialist"] is True
    # When she opens the app again, Today and Progress show what the job stored.
    with time_machine.travel(at(START + 29 * DAY), tick=False):
        client.force_login(hanako)
        today = in_english(client).get("/me/today/").content.decode()
        progress = client.get("/me/progress/").content.decode()
    assert "What changed this week, and why" in today and "To keep it comfortable" in today
    assert "We recommend seeing a specialist" in today
    assert "We recommend seeing a specialist" in progress


def test_running_twice_the_same_day_changes_nothing() -> None:
    hanako = stopped_opening_the_app()
    first = job(START + 28 * DAY)
    before = stored(hanako)
    assert "Reviewed 1 people as on 2025-03-31" in first
    assert "0 plan change(s)" not in first  # the first run did change the plan
    second = job(START + 28 * DAY)
    assert "0 plan change(s), 0 escalation(s) raised, 0 failure(s)" in second
    assert stored(hanako) == before


def test_without_a_date_it_reviews_as_on_todays_date_in_japan() -> None:
    stopped_opening_the_app()
    out = StringIO()
    # 2025-03-30 16:00 UTC is already 01:00 on 31 March in Tokyo.
    with time_machine.travel(datetime(2025, 3, 30, 16, 0, tzinfo=UTC), tick=False):
        call_command("review_journeys", stdout=out)
    assert "as on 2025-03-31" in out.getvalue()


def test_a_date_that_is_not_a_date_is_a_clear_error() -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("review_journeys", today="31/03/2025", stdout=StringIO())


def test_one_persons_failure_is_counted_the_others_are_reviewed_and_the_exit_is_not_zero(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = stopped_opening_the_app("broken@example.jp")
    fine = stopped_opening_the_app("fine@example.jp")
    real = services.plan_review_if_due

    def fails_for_one(*, person: User, today: date) -> Any:
        if person.pk == broken.pk:
            raise ValueError("a record the review cannot read")
        return real(person=person, today=today)

    monkeypatch.setattr("hizakoshi.journey.review.services.plan_review_if_due", fails_for_one)
    out = StringIO()
    with pytest.raises(CommandError, match="failed for 1 person"):
        call_command("review_journeys", today=(START + 28 * DAY).isoformat(), stdout=out)
    assert "Reviewed 1 people" in out.getvalue() and "1 failure(s)" in out.getvalue()
    assert Escalation.objects.filter(person=fine, kind="worse_two_weeks").exists()
    assert stored(broken) == (4, 1, 0)  # the plan as it began: nothing half-written


def test_the_task_runs_the_same_review_and_returns_its_counts() -> None:
    stopped_opening_the_app()
    result = review_journeys.enqueue((START + 28 * DAY).isoformat())
    assert result.return_value is not None
    counts = result.return_value
    assert counts["people"] == 1 and counts["failures"] == 0 and counts["plan_changes"] > 0
    assert str(counts["summary"]).startswith("Reviewed 1 people as on 2025-03-31")


def test_the_dev_runner_reviews_at_start_and_then_waits_for_five_in_the_morning() -> None:
    stop, ran = threading.Event(), threading.Event()
    lines: list[str] = []

    def review() -> str:
        ran.set()
        return "reviewed"

    thread = daily.start_daily_reviews(stop=stop, review=review, write=lines.append)
    assert ran.wait(5)
    stop.set()
    thread.join(5)
    assert lines == ["reviewed"] and not thread.is_alive() and thread.daemon
    tokyo_0459 = datetime(2025, 3, 30, 19, 59, tzinfo=UTC)
    assert daily.seconds_until(tokyo_0459, daily.REVIEW_AT) == 60
    assert daily.seconds_until(tokyo_0459.replace(hour=20, minute=0), daily.REVIEW_AT) == 86400
