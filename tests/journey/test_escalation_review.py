"""Escalation review over months of records: each rule stores one message when it first
applies, does not repeat it every morning, comes back after four weeks while it still applies,
and is shown on the progress page with the clinic's contact."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client, override_settings

from hizakoshi.accounts.models import User
from hizakoshi.care import assess
from hizakoshi.care.questions import parse_answers
from hizakoshi.journey.escalations.selectors import escalations_unseen
from hizakoshi.journey.escalations.services import escalation_mark_seen, escalations_review
from hizakoshi.journey.models import AssessmentSource, DiaryEntry, Escalation
from hizakoshi.journey.plan.services import journey_start_from_assessment
from journey.measures_helpers import START, at_noon, diary, in_english, started
from selfcheck.factories import emergency_answers

pytestmark = pytest.mark.django_db


def day(n: int) -> date:
    return START + timedelta(days=n)


def review(user: User, n: int) -> list[str]:
    return [e.kind for e in escalations_review(person=user, today=day(n))]


def test_back_pain_no_better_after_six_weeks_raises_one_message_and_not_every_morning() -> None:
    user = started()
    diary(user, 120, back=lambda i: 5, knee=lambda i: 6 - min(i // 7, 3))
    assert review(user, 41) == []  # under six weeks: the guideline's wait is not over
    assert review(user, 42) == ["no_better_after_weeks"]
    assert review(user, 42) == []  # the same day again: nothing twice
    assert review(user, 43) == []  # the next morning: still the same message, not a new one
    assert review(user, 70) == ["no_better_after_weeks"]  # four weeks on, still no better
    assert Escalation.objects.filter(person=user).count() == 2


def test_back_pain_that_eases_raises_nothing() -> None:
    user = started()
    diary(user, 120, back=lambda i: 6 if i < 14 else 3, knee=lambda i: 6 if i < 14 else 3)
    assert review(user, 42) == []
    assert review(user, 100) == []


def test_pain_clearly_worse_than_at_the_start_for_two_weeks_running_recommends_a_specialist() -> (
    None
):
    user = started()
    diary(user, 60, back=lambda i: 3 if i < 14 else 7, knee=lambda i: 3)
    assert review(user, 27) == ["worse_two_weeks"]
    message = Escalation.objects.get(kind="worse_two_weeks").message
    assert message["specialist"] is True
    assert "2週続けて" in message["reasons"][0]["ja"]


def test_six_months_without_improvement_is_the_articles_rule() -> None:
    user = started()
    diary(user, 200, back=lambda i: 5, knee=lambda i: 5)
    kinds = review(user, 182)  # 2025-07-06: six months since 2025-01-06
    assert "six_months_no_better" in kinds
    assert "no_better_after_weeks" not in kinds  # the six-month message says it more strongly


def test_six_months_of_clear_improvement_raises_nothing() -> None:
    user = started()
    diary(user, 200, back=lambda i: max(1, 7 - i // 20), knee=lambda i: max(1, 7 - i // 20))
    assert review(user, 190) == []


def test_a_warning_sign_in_the_diary_is_raised_once_and_a_new_sign_again() -> None:
    user = started()
    diary(user, 20)
    DiaryEntry.objects.filter(person=user, day=day(10)).update(red_flag_signs=["night_pain"])
    assert review(user, 10) == ["red_flag_diary"]
    assert review(user, 11) == []
    DiaryEntry.objects.filter(person=user, day=day(12)).update(red_flag_signs=["fever_back"])
    assert review(user, 12) == ["red_flag_diary"]
    assert (
        Escalation.objects.get(raised_on=day(12)).urgency == "same_day"
    )  # fever with back pain: see a doctor today


def test_daily_life_badly_affected_recommends_a_specialist() -> None:
    user = started()
    diary(user, 20)
    DiaryEntry.objects.filter(person=user, day=day(15)).update(daily_life="severe")
    assert review(user, 16) == ["daily_life_badly_affected"]


def test_a_warning_sign_at_a_reassessment_gives_its_urgent_advice() -> None:
    user = started()
    answers = parse_answers(emergency_answers())
    journey_start_from_assessment(
        person=user,
        answers=answers,
        assessment=assess(answers),
        source=AssessmentSource.REASSESSMENT,
        now=at_noon(day(30)),
    )
    assert review(user, 30) == ["red_flag_reassessment"]
    assert Escalation.objects.get().urgency == "emergency"


def test_unseen_messages_come_most_urgent_first_and_leave_once_read() -> None:
    user = started()
    diary(user, 60, back=lambda i: 5, knee=lambda i: 5)
    review(user, 42)
    DiaryEntry.objects.filter(person=user, day=day(43)).update(red_flag_signs=["bladder_bowel"])
    review(user, 43)
    unseen = list(escalations_unseen(person=user))
    assert [e.kind for e in unseen] == ["red_flag_diary", "no_better_after_weeks"]
    escalation_mark_seen(person=user, escalation_id=unseen[0].pk)
    assert [e.kind for e in escalations_unseen(person=user)] == ["no_better_after_weeks"]


def test_nobody_can_mark_another_persons_message_as_read() -> None:
    a, b = started("a@example.jp"), started("b@example.jp")
    diary(a, 60, back=lambda i: 5)
    (raised,) = escalations_review(person=a, today=day(42))
    assert escalation_mark_seen(person=b, escalation_id=raised.pk) == 0
    assert escalations_unseen(person=a).count() == 1


@override_settings(HIZAKOSHI_CLINIC_NAME="ひざこし整形外科", HIZAKOSHI_CLINIC_PHONE="03-0000-0000")
def test_the_progress_page_shows_the_message_with_the_clinics_contact(client: Client) -> None:
    user = started()
    diary(user, 60, back=lambda i: 5, knee=lambda i: 4)
    with time_machine.travel(at_noon(day(45)), tick=False):
        call_command("review_journeys", stdout=StringIO())  # the daily job raises it
        client.force_login(user)
        page = in_english(client).get("/me/progress/").content.decode()
        (row,) = Escalation.objects.filter(person=user)
        assert "We recommend seeing a specialist" in page
        assert "ひざこし整形外科" in page and 'href="tel:03-0000-0000"' in page
        response = client.post(f"/me/progress/messages/{row.pk}/read/")
        assert response.status_code == 302
    row.refresh_from_db()
    assert row.seen_at is not None


def test_marking_a_message_read_goes_back_to_the_page_it_came_from_on_this_site_only(
    client: Client,
) -> None:
    user = started()
    diary(user, 60, back=lambda i: 5)
    (row,) = escalations_review(person=user, today=day(42))
    client.force_login(user)
    url = f"/me/progress/messages/{row.pk}/read/"
    assert client.post(url, {"next": "/me/today/"})["Location"] == "/me/today/"
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == "/me/progress/"
