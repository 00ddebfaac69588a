"""The diary: a 30-second check-in, one entry a day that can be changed for a week, every field
checked with a message by it, and a warning sign answered at once with urgent advice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import DiaryEntry, Escalation
from journey.factories import with_plan
from people import person

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 3, 10, 11, 0, tzinfo=UTC)  # 20:00 in Tokyo, Monday 10 March
TODAY = date(2025, 3, 10)
URL = "/me/diary/"


@pytest.fixture
def patient(patient: User, client: Client) -> User:
    """Knee pain on the right only, on a plan for a week; logged in."""
    with time_machine.travel(NOW - timedelta(days=7), tick=False):
        with_plan(patient, knee_side="right")
    login(client, patient)
    return patient


def login(client: Client, user: Any) -> None:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def get(client: Client, url: str = URL) -> Any:
    with time_machine.travel(NOW, tick=False):
        return client.get(url)


def post(client: Client, data: dict[str, Any], url: str = URL) -> Any:
    with time_machine.travel(NOW, tick=False):
        return client.post(url, data)


def test_the_check_in_asks_only_about_the_knee_that_hurts(client: Client, patient: User) -> None:
    text = get(client).content.decode()
    assert 'name="knee_pain_right"' in text and 'name="knee_pain_left"' not in text
    assert 'name="back_pain"' in text
    assert 'name="red_flag_signs"' in text and 'value="saddle_numbness"' in text


def test_with_both_knees_or_no_self_check_both_knees_are_asked(client: Client) -> None:
    login(client, person("new@example.jp"))
    text = get(client).content.decode()
    assert 'name="knee_pain_left"' in text and 'name="knee_pain_right"' in text


def test_a_check_in_is_saved_for_today_and_a_second_save_changes_it(
    client: Client, patient: User
) -> None:
    first = post(client, {"knee_pain_right": "4", "back_pain": "3", "walking_minutes": "20"})
    assert first.status_code == 302 and first["Location"] == f"{URL}?saved={TODAY}"
    post(client, {"knee_pain_right": "5", "good_control": "no", "notes": "階段がつらい"})
    entry = DiaryEntry.objects.get(person=patient)
    assert entry.day == TODAY
    assert entry.knee_pain_right == 5 and entry.good_control is False
    assert entry.back_pain is None  # left empty the second time
    assert entry.notes == "階段がつらい"
    text = get(client, first["Location"]).content.decode()
    assert 'Saved your check-in for <span class="nowrap">10 March 2025</span>' in text
    assert 'value="5"' in text  # today's entry is shown to change


def test_the_weight_is_asked_once_a_week(client: Client, patient: User) -> None:
    assert 'name="weight_kg"' in get(client).content.decode()
    DiaryEntry.objects.create(person=patient, day=TODAY - timedelta(days=3), weight_kg=60)
    assert 'name="weight_kg"' not in get(client).content.decode()
    DiaryEntry.objects.filter(person=patient).update(day=TODAY - timedelta(days=7))
    assert 'name="weight_kg"' in get(client).content.decode()


def test_a_weight_is_kept_with_one_decimal(client: Client, patient: User) -> None:
    post(client, {"weight_kg": "５８．５"})
    assert DiaryEntry.objects.get(person=patient).weight_kg == Decimal("58.5")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("knee_pain_right", "11", "from 0 (no pain) to 10"),
        ("knee_pain_right", "-1", "from 0 (no pain) to 10"),
        ("back_pain", "abc", "from 0 (no pain) to 10"),
        ("back_pain", "4.5", "from 0 (no pain) to 10"),
        ("walking_pain", "11", "from 0 (no pain) to 10"),
        ("morning_stiffness_min", "-5", "minutes as a number from 0 to 600"),
        ("morning_stiffness_min", "601", "minutes as a number from 0 to 600"),
        ("walking_minutes", "twenty", "minutes as a number from 0 to 600"),
        ("steps", "100001", "steps as a number from 0 to 100000"),
        ("steps", "5千", "steps as a number from 0 to 100000"),
        ("weight_kg", "19.9", "weight in kg, from 20 to 300"),
        ("weight_kg", "58.55", "weight in kg, from 20 to 300"),
        ("weight_kg", "heavy", "weight in kg, from 20 to 300"),
        ("good_control", "maybe", "one of the answers shown"),
        ("sleep_disturbed", "1", "one of the answers shown"),
        ("next_morning_back_to_usual", "sometimes", "one of the answers shown"),
        ("daily_life", "awful", "one of the answers shown"),
        ("red_flag_signs", "headache", "one of the answers shown"),
        ("notes", "x" * 2001, "2000 characters or fewer"),
    ],
)
def test_bad_input_gets_a_message_by_the_field_and_saves_nothing(
    client: Client, patient: User, field: str, value: str, message: str
) -> None:
    response = post(client, {"back_pain": "3", field: value})
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    assert 'class="error-message"' in text
    assert not DiaryEntry.objects.exists()


def test_an_empty_check_in_is_not_saved(client: Client, patient: User) -> None:
    text = post(client, {}).content.decode()
    assert "at least one question" in text
    assert not DiaryEntry.objects.exists()


def test_a_pain_of_zero_is_an_answer(client: Client, patient: User) -> None:
    post(client, {"back_pain": "0"})
    assert DiaryEntry.objects.get(person=patient).back_pain == 0


def test_an_emergency_sign_answers_at_once_with_119_first_and_raises_an_escalation(
    client: Client, patient: User
) -> None:
    response = post(client, {"back_pain": "6", "red_flag_signs": ["saddle_numbness"]})
    assert response.status_code == 200
    text = response.content.decode()
    main = text[text.index('<main id="main"') :]
    assert main.index('href="tel:119"') < main.index("What to do")
    assert "Go to hospital now, or call 119" in text
    assert "is saved" in text
    assert DiaryEntry.objects.get(person=patient).red_flag_signs == ["saddle_numbness"]
    escalation = Escalation.objects.get(person=patient)
    assert escalation.kind == "red_flag_diary" and escalation.urgency == "emergency"
    assert escalation.raised_on == TODAY
    assert escalation.seen_at is not None  # the answer page showed it
    assert escalation.message["hits"][0]["id"] == "saddle_numbness"


def test_a_within_days_sign_asks_for_a_doctor_within_days_without_119(
    client: Client, patient: User
) -> None:
    text = post(client, {"red_flag_signs": ["knee_locking"]}).content.decode()
    assert "See a doctor within the next few days" in text
    assert 'href="tel:119"' not in text.split("<footer", 1)[0]
    assert Escalation.objects.get(person=patient).urgency == "within_days"


def test_a_second_sign_the_same_day_updates_the_escalation_to_the_more_urgent(
    client: Client, patient: User
) -> None:
    post(client, {"red_flag_signs": ["night_pain"]})
    post(client, {"red_flag_signs": ["night_pain", "bladder_bowel"]})
    escalation = Escalation.objects.get(person=patient)
    assert escalation.urgency == "emergency"


def test_an_earlier_day_of_the_last_week_can_be_filled_in_and_then_changed(
    client: Client, patient: User
) -> None:
    day = TODAY - timedelta(days=6)
    saved = post(client, {"back_pain": "2"}, url=f"{URL}?day={day}")
    assert saved["Location"] == f"{URL}?saved={day}"
    entry_url = f"{URL}{day}/"
    assert 'value="2"' in get(client, entry_url).content.decode()
    post(client, {"back_pain": "5"}, url=entry_url)
    entry = DiaryEntry.objects.get(person=patient)
    assert (entry.day, entry.back_pain) == (day, 5)


@pytest.mark.parametrize(
    "url",
    [
        f"{URL}{TODAY - timedelta(days=7)}/",  # more than a week ago
        f"{URL}{TODAY + timedelta(days=1)}/",  # tomorrow
        f"{URL}2025-02-30/",  # no such day
        f"{URL}?day={TODAY - timedelta(days=7)}",
        f"{URL}?day=yesterday",
    ],
)
def test_days_outside_the_last_week_are_not_found(client: Client, patient: User, url: str) -> None:
    DiaryEntry.objects.create(person=patient, day=TODAY - timedelta(days=7), back_pain=3)
    assert get(client, url).status_code == 404
    assert post(client, {"back_pain": "1"}, url=url).status_code == 404


def test_a_day_without_an_entry_of_one_s_own_is_not_found_by_its_address(
    client: Client, patient: User, other_patient: User
) -> None:
    day = TODAY - timedelta(days=1)
    with time_machine.travel(NOW, tick=False):
        taro = with_plan(other_patient)
    DiaryEntry.objects.create(person=taro, day=day, back_pain=7, notes="Taro's note")
    url = f"{URL}{day}/"
    response = get(client, url)
    assert response.status_code == 404
    assert post(client, {"back_pain": "1"}, url=url).status_code == 404
    assert DiaryEntry.objects.get(person=taro).back_pain == 7
    assert not DiaryEntry.objects.filter(person=patient).exists()


def test_the_list_shows_the_last_seven_days_with_links(client: Client, patient: User) -> None:
    DiaryEntry.objects.create(person=patient, day=TODAY - timedelta(days=2), back_pain=3)
    text = get(client).content.decode()
    assert f'href="{URL}{TODAY - timedelta(days=2)}/"' in text
    assert f'href="{URL}?day={TODAY - timedelta(days=1)}"' in text
    assert str(TODAY - timedelta(days=7)) not in text


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    for url in (URL, f"{URL}{TODAY}/"):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
