"""A session done on the phone without a connection, late in the evening, and sent two days
later counts for the day it was done at every door: Today, Progress, the weekly review, the
clinic's dashboard and its outcomes. Each reads the day through SESSION_DAY_FROM; before, Progress
and the dashboard dated it by its arrival (finished_at was the server's clock), two days apart."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.clinic.dashboard.records import journeys_facts
from hizakoshi.clinic.reports.selectors import clinic_episodes
from hizakoshi.journey.models import ExerciseSession, PlanItem
from hizakoshi.journey.progress.selectors import measure_records
from hizakoshi.journey.review.services import _session_records
from hizakoshi.journey.today.presenters import today_context
from journey.factories import with_plan
from people import clinic_make, linked, person

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")
DONE_ON = date(2026, 11, 10)
BEGAN = datetime(2026, 11, 10, 23, 50, tzinfo=TOKYO)  # late in the evening, offline
PRESSED_SAVE = datetime(2026, 11, 11, 0, 5, tzinfo=TOKYO)  # after midnight
ARRIVED = datetime(2026, 11, 12, 9, 30, tzinfo=TOKYO)  # back online two days later


def _sent_late(client: Client, user: User) -> ExerciseSession:
    data = {
        "client_id": "5f0c7a52-8a3e-4a43-9d55-2f1d3c1f0e11",
        "started_at": BEGAN.isoformat(),
        "finished_at": PRESSED_SAVE.isoformat(),
        "pain_during": "2",
        "feeling": "same",
    }
    items = PlanItem.objects.filter(person=user, active=True).order_by("pk")
    for i, item in enumerate(items):
        data |= {f"exercise_{i}": item.exercise_id, f"level_{i}": str(item.level)}
        data |= {f"reps_{i}": "10"}
    with time_machine.travel(ARRIVED, tick=False):
        client.force_login(user)
        response = client.post("/me/session/", data)
    assert response.status_code == 303, response.content[:300]
    return ExerciseSession.objects.get(person=user)


def test_a_session_sent_two_days_late_counts_for_its_own_day_at_every_door(
    client: Client,
) -> None:
    user = with_plan(person("late@example.jp"), now=BEGAN - timedelta(days=20))
    clinic = clinic_make("LATE01", "遅れて届く整形外科")
    with time_machine.travel(BEGAN - timedelta(days=20), tick=False):
        linked(user, clinic)

    session = _sent_late(client, user)
    assert (session.started_at, session.finished_at) == (BEGAN, PRESSED_SAVE)

    with time_machine.travel(ARRIVED, tick=False):
        today = ARRIVED.date()
        # Today: on the day it was done it counts, on the day it arrived it does not.
        assert today_context(person=user, day=DONE_ON, lang="ja")["sessions_today"] == 1
        assert today_context(person=user, day=today, lang="ja")["sessions_today"] == 0
        # Progress: one session, on the day it was done.
        sessions = measure_records(person=user, today=today).series["sessions"]
        assert [p.day for p in sessions] == [DONE_ON]
        # The weekly review judges each exercise on that day.
        records = _session_records(user, DONE_ON - timedelta(days=6), today, {}, 3)
        assert {r.day for found in records.values() for r in found} == {DONE_ON}
        # The clinic: the last record and the outcomes' session days.
        assert journeys_facts(person_ids=[user.pk], today=today)[user.pk].last_activity == DONE_ON
        (episode,) = clinic_episodes(clinic=clinic, today=today)
        assert episode.session_days == (DONE_ON,)
        assert episode.last_activity == DONE_ON
