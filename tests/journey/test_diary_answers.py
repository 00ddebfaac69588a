"""The diary answers at once: pain above 5 gets "ease off today"; new events (a fall with the
Ottawa questions, a swollen calf, a fever) get the self-check's urgency; follow-up questions
are asked only when the event is ticked; a weight loss of 5% asks for a check."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from hizakoshi.journey.diary.forms import MSG_FOLLOW_UP
from hizakoshi.journey.models import DiaryEntry, Escalation
from journey.factories import with_plan
from people import person

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 3, 10, 11, 0, tzinfo=UTC)  # 20:00 in Tokyo, Monday 10 March
TODAY = date(2025, 3, 10)
URL = "/me/diary/"
WELL = {"fall_four_steps": "yes", "fall_bend": "yes", "fall_deformity": "no"}


def someone(client: Client, age: int = 70) -> Any:
    with time_machine.travel(NOW - timedelta(days=7), tick=False):
        user = with_plan(person(f"p{age}@example.jp"), knee_side="right", age=str(age))
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return user


def post(client: Client, data: dict[str, Any]) -> Any:
    with time_machine.travel(NOW, tick=False):
        return client.post(URL, data)


def get(client: Client, url: str = URL) -> str:
    with time_machine.travel(NOW, tick=False):
        response = client.get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def test_back_pain_8_is_answered_at_once_with_ease_off_the_plan_change_and_when_to_get_help(
    client: Client,
) -> None:
    someone(client)
    response = post(client, {"back_pain": "8"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-pain-answer="8"' in text
    assert "Today&#x27;s pain (8/10) is high" in text
    assert "back one step" in text
    assert "talk to a doctor" in text
    assert text.index("data-pain-answer") < text.index(
        'Your check-in for <span class="nowrap">10 March 2025</span> is saved'
    )
    assert DiaryEntry.objects.get().back_pain == 8


def test_the_pain_answer_is_also_on_today_that_day(client: Client) -> None:
    someone(client)
    post(client, {"knee_pain_right": "7"})
    assert 'data-pain-answer="7"' in get(client, "/me/today/")


def test_pain_of_5_is_saved_without_an_answer(client: Client) -> None:
    someone(client)
    response = post(client, {"back_pain": "5"})
    assert response.status_code == 302


def test_the_follow_up_questions_are_on_the_page_with_a_note_for_when_to_answer(
    client: Client,
) -> None:
    someone(client)
    text = get(client)
    assert 'name="event_fall"' in text and 'name="fall_four_steps"' in text
    assert 'data-show-if-name="event_fall"' in text
    assert "Answer only if you ticked the line above." in text


def test_a_ticked_fall_without_its_questions_answered_asks_for_them_and_saves_nothing(
    client: Client,
) -> None:
    someone(client)
    response = post(client, {"event_fall": "on"})
    assert response.status_code == 200
    assert str(MSG_FOLLOW_UP) in response.content.decode()
    assert not DiaryEntry.objects.exists()


def test_follow_up_answers_without_the_event_are_ignored(client: Client) -> None:
    someone(client)
    response = post(client, {"back_pain": "2", "fall_four_steps": "no"})
    assert response.status_code == 302
    assert DiaryEntry.objects.get().red_flag_signs == []


@pytest.mark.parametrize(
    ("data", "urgency"),
    [
        ({"event_fall": "on", **WELL, "fall_four_steps": "no"}, "emergency"),
        ({"event_fall": "on", **WELL, "fall_bend": "no"}, "emergency"),
        ({"event_fall": "on", **WELL, "fall_deformity": "yes"}, "emergency"),
        ({"event_calf": "on", "calf_breathless": "no"}, "same_day"),
        ({"event_calf": "on", "calf_breathless": "yes"}, "emergency"),
        ({"event_fever": "on", "fever_back_pain": "yes", "fever_hot_knee": "no"}, "same_day"),
        ({"event_fever": "on", "fever_back_pain": "no", "fever_hot_knee": "yes"}, "emergency"),
        ({"red_flag_signs": ["saddle_numbness"]}, "emergency"),
    ],
)
def test_each_new_event_in_the_diary_gets_the_self_check_s_urgency_at_once(
    client: Client, data: dict[str, Any], urgency: str
) -> None:
    someone(client, age=40)
    text = post(client, data).content.decode()
    assert f"triage-{urgency}" in text
    assert ('href="tel:119"' in text) == (urgency == "emergency")
    assert Escalation.objects.get().urgency == urgency


@pytest.mark.parametrize(("age", "paused"), [(54, False), (55, True)])
def test_after_a_fall_the_diary_asks_for_an_x_ray_within_days_from_55(
    client: Client, age: int, paused: bool
) -> None:
    someone(client, age=age)
    response = post(client, {"event_fall": "on", **WELL})
    signs = DiaryEntry.objects.get().red_flag_signs
    assert ("injury_age_ottawa" in signs) == paused
    assert (response.status_code == 200) == paused
    if paused:
        assert "triage-within_days" in response.content.decode()


def test_a_fever_alone_is_saved_without_a_warning(client: Client) -> None:
    someone(client)
    response = post(client, {"event_fever": "on", "fever_back_pain": "no", "fever_hot_knee": "no"})
    assert response.status_code == 302
    entry = DiaryEntry.objects.get()
    assert entry.red_flag_signs == [] and entry.events["fever"] is True


def test_an_entry_with_a_fall_opens_again_with_its_answers(client: Client) -> None:
    someone(client, age=40)
    post(client, {"event_fall": "on", **WELL, "fall_bend": "unknown"})
    text = get(client, f"/me/diary/{TODAY.isoformat()}/")
    assert 'name="event_fall" id="id_event_fall" checked' in text
    assert 'value="unknown" id="id_fall_bend_2" checked' in text


@pytest.mark.parametrize(("latest", "asked"), [("76.1", False), ("76.0", True)])
def test_a_weight_loss_of_5_percent_in_the_diary_asks_for_a_check(
    client: Client, latest: str, asked: bool
) -> None:
    user = someone(client)
    DiaryEntry.objects.create(person=user, day=TODAY - timedelta(days=120), weight_kg=80)
    response = post(client, {"weight_kg": latest})
    assert DiaryEntry.objects.get(day=TODAY).weight_kg == Decimal(latest)
    text = response.content.decode() if response.status_code == 200 else ""
    assert ("data-weight-loss" in text) == asked
    assert ("data-weight-loss" in get(client, "/me/today/")) == asked
