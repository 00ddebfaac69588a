"""The today page: today's short session, walking, heat or cold, a tip, and what needs
attention (a warning sign in the diary, an escalation, a 4-weekly check that is due)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from hizakoshi.accounts.models import User
from hizakoshi.care.journey.session import limit_seconds
from hizakoshi.journey.checkins.selectors import checkins_now
from hizakoshi.journey.models import (
    DiaryEntry,
    Escalation,
    ExerciseSession,
    OutcomeResponse,
)
from hizakoshi.journey.session.selectors import session_for_day
from journey.factories import with_plan
from people import PASSWORD, person

pytestmark = pytest.mark.django_db

# 09:00 in Tokyo on Monday 3 March 2025.
START = datetime(2025, 3, 3, 0, 0, tzinfo=UTC)
TODAY_URL = "/me/today/"


@pytest.fixture
def patient(patient: User) -> User:
    """Reads in English; on a plan since START."""
    patient.language = "en"
    patient.save(update_fields=["language"])
    with time_machine.travel(START, tick=False):
        return with_plan(patient)


def page(client: Client, user: object, when: datetime = START, url: str = TODAY_URL) -> str:
    client.force_login(user)  # type: ignore[arg-type]
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    with time_machine.travel(when, tick=False):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(TODAY_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_logging_in_lands_on_today(client: Client) -> None:
    person("hanako@example.jp")
    # Through /signed-in/, where the site sends clinic staff to their second factor instead.
    response = client.post(
        "/accounts/login/", {"username": "hanako@example.jp", "password": PASSWORD}, follow=True
    )
    assert [url for url, _ in response.redirect_chain] == ["/signed-in/", TODAY_URL]
    assert response.status_code == 200


def test_a_person_without_a_self_check_is_sent_to_the_self_check(client: Client) -> None:
    text = page(client, person("new@example.jp"))
    assert reverse("selfcheck:landing") in text
    assert reverse("journey:session") not in text


def test_today_shows_a_session_of_ten_minutes_or_less_with_its_estimate(
    client: Client, patient: User
) -> None:
    text = page(client, patient)
    assert reverse("journey:session") in text
    assert "About " in text and " minute" in text
    picked = session_for_day(person=patient, day=date(2025, 3, 3))  # type: ignore[arg-type]
    assert picked.items and 0 < picked.seconds <= limit_seconds()


def test_the_walking_target_heat_or_cold_and_a_tip_are_on_the_page(
    client: Client, patient: User
) -> None:
    text = page(client, patient)
    assert "minutes a day" in text  # the walking target
    assert 'data-thermal="' in text
    assert "Today&#x27;s tip" in text or "Today's tip" in text


def test_the_tip_changes_from_one_day_to_the_next(client: Client, patient: User) -> None:
    first = page(client, patient).split("tip-title", 1)[1]
    second = page(client, patient, START + timedelta(days=1)).split("tip-title", 1)[1]
    assert first != second


def test_a_warning_sign_in_the_diary_shows_urgent_advice_and_pauses_the_exercises(
    client: Client, patient: User
) -> None:
    DiaryEntry.objects.create(
        person=patient, day=date(2025, 3, 3), red_flag_signs=["bladder_bowel"]
    )
    text = page(client, patient)
    assert 'href="tel:119"' in text
    assert text.index('href="tel:119"') < text.index("diary-title")
    assert "paused until a doctor has seen you" in text
    assert reverse("journey:session") not in text


def test_a_warning_sign_a_week_old_still_pauses_until_a_doctor_s_visit_is_recorded(
    client: Client, patient: User
) -> None:
    # Spec §1: a within-days sign pauses self-care until a doctor has seen the person.
    DiaryEntry.objects.create(person=patient, day=date(2025, 3, 3), red_flag_signs=["night_pain"])
    text = page(client, patient, START + timedelta(days=7))
    assert reverse("journey:session") not in text
    assert reverse("journey:resume") in text


def test_a_not_urgent_sign_from_the_self_check_is_a_short_reminder_and_exercises_go_on(
    client: Client, patient: User
) -> None:
    text = page(client, patient)  # back pain that began after 55: see a doctor, not urgent
    assert "From your self-check" in text and 'data-redflag="' in text
    assert "Where to go" in text
    assert reverse("journey:session") in text


def test_an_unseen_escalation_is_shown_with_the_clinic_until_it_is_read(
    client: Client, patient: User, settings: Any
) -> None:
    settings.HIZAKOSHI_CLINIC_NAME = "Hizakoshi Clinic"
    settings.HIZAKOSHI_CLINIC_PHONE = "03-0000-0000"
    esc = Escalation.objects.create(
        person=patient,
        kind="six_months_no_better",
        urgency="soon",
        message={
            "headline": {"ja": "専門医に相談を", "en": "Time to see a specialist"},
            "reasons": [{"ja": "6か月", "en": "Six months without a change"}],
            "what_to_do": [],
            "specialist": True,
        },
        raised_on=date(2025, 3, 3),
    )
    text = page(client, patient)
    assert "Time to see a specialist" in text and "Six months without a change" in text
    assert "Hizakoshi Clinic" in text and 'href="tel:03-0000-0000"' in text
    with time_machine.travel(START, tick=False):
        done = client.post(reverse("journey:escalation", kwargs={"pk": esc.pk}))
    assert done.status_code == 302 and done["Location"] == reverse("journey:today")
    esc.refresh_from_db()
    assert esc.seen_at is not None
    assert "Time to see a specialist" not in page(client, patient)


def test_another_person_s_escalation_is_not_found(
    client: Client, patient: User, other_patient: User
) -> None:
    esc = Escalation.objects.create(
        person=patient, kind="worse_two_weeks", urgency="soon", message={}, raised_on=START.date()
    )
    client.force_login(other_patient)
    url = reverse("journey:escalation", kwargs={"pk": esc.pk})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    esc.refresh_from_db()
    assert esc.seen_at is None


def due(person: object, today: date) -> list[str]:
    found = checkins_now(person=person, today=today).items  # type: ignore[arg-type]
    return [d.instrument for d in found if d.due]


def test_the_pain_scores_and_activity_goals_are_due_on_the_first_day_then_every_four_weeks(
    patient: User,
) -> None:
    first = date(2025, 3, 3)
    assert due(patient, first) == ["nrs", "psfs"]
    for name in ("nrs", "psfs"):
        OutcomeResponse.objects.create(
            person=patient, instrument=name, answers={}, scores={}, taken_on=first
        )
    assert due(patient, first + timedelta(days=27)) == []
    four_weeks = first + timedelta(weeks=4)
    assert due(patient, four_weeks) == ["nrs", "psfs"]
    OutcomeResponse.objects.create(
        person=patient,
        instrument="nrs",
        answers={},
        scores={},
        taken_on=four_weeks - timedelta(days=3),
    )
    assert due(patient, four_weeks) == ["psfs"]


def test_the_first_check_in_is_called_a_starting_point_and_later_ones_4_weekly(
    client: Client, patient: User
) -> None:
    text = page(client, patient)
    assert "Your first check-in: a starting point" in text
    assert "Your 4-weekly check is due" not in text
    OutcomeResponse.objects.create(
        person=patient, instrument="nrs", answers={}, scores={}, taken_on=START.date()
    )
    text = page(client, patient, when=START + timedelta(weeks=4))
    assert "Your 4-weekly check is due" in text
    assert "a starting point" not in text


def test_a_saved_session_is_counted_on_today(client: Client, patient: User) -> None:
    ExerciseSession.objects.create(
        person=patient, client_id=uuid.uuid4(), started_at=START, finished_at=START, pain_during=2
    )
    text = page(client, patient, url=TODAY_URL + "?saved=session")
    assert "Your session is saved" in text
    assert "Done today: 1 session" in text


# --- STarT Back: the care around the plan ------------------------------------------------------


def _start_back(user: object, risk: str) -> None:
    scores = {"low": (2, 1), "medium": (5, 2), "high": (7, 4)}[risk]
    OutcomeResponse.objects.create(
        person=user,
        instrument="start-back",
        answers={},
        scores={"total": scores[0], "distress": scores[1], "risk": risk},
        taken_on=START.date(),
    )


def test_a_medium_start_back_risk_shows_its_care_and_where_to_ask(client: Client) -> None:
    with time_machine.travel(START, tick=False):  # 50: no "back pain began after 55" sign
        taro = with_plan(person("taro@example.jp", language="en"), age="50")
    before = page(client, taro)
    _start_back(taro, "medium")
    text = page(client, taro)
    assert "Where to go" not in before
    assert 'data-risk="medium"' in text
    assert "Self-care plus exercise guided by a physiotherapist" in text
    assert "Where to go" in text  # the clinic's contact, or the advice to book one


def test_a_low_start_back_risk_keeps_to_self_care_and_sends_nobody_to_the_clinic(
    client: Client, patient: User
) -> None:
    before = page(client, patient)
    _start_back(patient, "low")
    text = page(client, patient)
    assert 'data-risk="low"' in text and "Self-care" in text
    # The clinic card shows only for what the self-check itself raised, as before.
    assert text.count("Where to go") == before.count("Where to go")


def test_without_start_back_answers_today_shows_no_risk_group(
    client: Client, patient: User
) -> None:
    assert "data-risk=" not in page(client, patient)
