"""After a diary warning sign, Today pauses everything like the self-check result: urgent
advice, what to tell the doctor, a print page, and a form to record the doctor's visit with
its day. The visit resumes the plan and stays in the record; a new sign pauses again."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hizakoshi.journey.diary.services import diary_save
from hizakoshi.journey.models import DiaryEntry, ResumeRecord
from hizakoshi.journey.pause.forms import MSG_SEEN_BEFORE_SIGN, MSG_SEEN_FUTURE, MSG_SEEN_ON
from hizakoshi.journey.pause.selectors import self_care_paused_now
from hizakoshi.journey.review.services import plan_review_week
from journey.factories import with_plan
from people import person

NOW = datetime(2025, 3, 10, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo, Monday 10 March
TODAY = date(2025, 3, 10)
SIGN_DAY = date(2025, 3, 8)


def someone(client: Client) -> Any:
    with time_machine.travel(NOW - timedelta(days=14), tick=False):
        user = with_plan(person("hanako@example.jp"))
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return user


def get(client: Client, url: str = "/me/today/") -> str:
    with time_machine.travel(NOW, tick=False):
        response = client.get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def resume(client: Client, seen_on: str, note: str = "") -> Any:
    with time_machine.travel(NOW, tick=False):
        return client.post(reverse("journey:resume"), {"seen_on": seen_on, "note": note})


@pytest.fixture
def paused(client: Client, db: None) -> Any:
    user = someone(client)
    DiaryEntry.objects.create(person=user, day=SIGN_DAY, red_flag_signs=["calf_swollen"])
    return user


def test_today_paused_by_a_diary_sign_shows_no_session_walking_tip_or_plan(
    client: Client, paused: Any
) -> None:
    text = get(client)
    assert "triage-same_day" in text
    assert "See a doctor today" in text
    assert reverse("journey:session") not in text
    for block in ("session-title", "walk-title", "thermal-title", "tip-title", "pain-title"):
        assert block not in text
    assert "keep doing" not in text.lower()


def test_today_paused_says_what_to_tell_the_doctor_with_the_day_and_links_a_print_page(
    client: Client, paused: Any
) -> None:
    text = get(client)
    assert "What to tell the doctor" in text
    assert "In your diary on 8 March 2025 you noted: One calf is swollen" in text
    printable = get(client, reverse("journey:for_doctor"))
    assert "js-print" in printable and "8 March 2025" in printable and "2025-03-08" not in printable


def test_the_guided_session_and_the_weekly_review_honour_the_pause(
    client: Client, paused: Any
) -> None:
    assert "data-session" not in get(client, reverse("journey:session"))
    assert self_care_paused_now(person=paused, today=TODAY)
    assert plan_review_week(person=paused, week_end=TODAY) == []


@pytest.mark.parametrize(
    ("seen_on", "message"),
    [
        ("", MSG_SEEN_ON),
        ("last tuesday", MSG_SEEN_ON),
        ("2025-03-11", MSG_SEEN_FUTURE),
        ("2025-03-07", MSG_SEEN_BEFORE_SIGN),
    ],
)
def test_the_day_of_the_doctor_s_visit_must_be_between_the_sign_and_today(
    client: Client, paused: Any, seen_on: str, message: Any
) -> None:
    response = resume(client, seen_on)
    assert response.status_code == 200
    with translation.override("en"):
        expected = str(message) % {"day": "2025-03-08"} if "%(day)s" in str(message) else message
        assert str(expected) in response.content.decode()
    assert not ResumeRecord.objects.exists()


def test_a_visit_typed_the_japanese_way_resumes_the_plan_and_is_kept_with_its_note(
    client: Client, paused: Any
) -> None:
    response = resume(client, "２０２５年３月９日", note="血栓はないと言われた")
    assert response.status_code == 302 and response["Location"].endswith("?saved=resumed")
    record = ResumeRecord.objects.get(person=paused)
    assert (record.seen_on, record.flag_day, record.signs) == (
        date(2025, 3, 9),
        SIGN_DAY,
        ["calf_swollen"],
    )
    assert record.note == "血栓はないと言われた"
    text = get(client)
    assert reverse("journey:session") in text
    assert "triage-same_day" not in text


def test_a_new_warning_sign_after_resuming_pauses_again(client: Client, paused: Any) -> None:
    resume(client, "2025-03-09")
    assert not self_care_paused_now(person=paused, today=TODAY)
    with time_machine.travel(NOW, tick=False):
        diary_save(person=paused, day=TODAY, values={"red_flag_signs": ["night_pain"]})
    assert self_care_paused_now(person=paused, today=TODAY)
    assert reverse("journey:session") not in get(client)


def test_the_resume_page_without_a_pause_goes_back_to_today(client: Client, db: None) -> None:
    someone(client)
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("journey:resume"))
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_the_same_day_at_once_keep_one_entry_and_raise_no_error() -> None:
    with time_machine.travel(NOW - timedelta(days=14), tick=False):
        user = with_plan(person("hanako@example.jp"))
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def save(values: dict[str, Any]) -> None:
        try:
            barrier.wait(timeout=10)
            diary_save(person=user, day=TODAY, values=values)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=({"back_pain": 8},)),
        threading.Thread(target=save, args=({"back_pain": 8, "red_flag_signs": ["night_pain"]},)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    (entry,) = DiaryEntry.objects.filter(person=user, day=TODAY)
    assert entry.back_pain == 8
