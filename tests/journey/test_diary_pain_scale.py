"""The diary asks pain as eleven large buttons from 0 to 10 plus "not today", since pain may be
left out; the buttons are native radios, so the page works without JavaScript."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import DiaryEntry
from hizakoshi.site.fields import MSG_PAIN
from journey.factories import with_plan

from .test_diary import NOW, TODAY, get, login, post

pytestmark = pytest.mark.django_db

PAIN_FIELDS = ("knee_pain_right", "back_pain", "walking_pain")


@pytest.fixture
def patient(patient: User, client: Client) -> User:
    """Knee pain on the right only, on a plan for a week; logged in."""
    with time_machine.travel(NOW - timedelta(days=7), tick=False):
        with_plan(patient, knee_side="right")
    login(client, patient)
    return patient


def values_of(page: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{name}" value="(\d*)"', page)


@pytest.mark.parametrize("name", PAIN_FIELDS)
def test_each_pain_is_eleven_buttons_and_a_not_today_choice(
    client: Client, patient: User, name: str
) -> None:
    page = get(client).content.decode()
    assert values_of(page, name) == [*(str(n) for n in range(11)), ""]
    assert f'aria-describedby="id_{name}-anchors"' in page
    assert f'<input type="text" name="{name}"' not in page


def test_the_pain_anchors_are_in_words(client: Client, patient: User) -> None:
    client.cookies["django_language"] = "ja"
    page = get(client).content.decode()
    assert "0=痛みなし" in page and "10=考えられる最悪の痛み" in page and "今日は答えない" in page


def test_a_chosen_button_is_saved_and_shown_chosen_again(client: Client, patient: User) -> None:
    post(client, {"knee_pain_right": "8", "back_pain": ""})
    entry = DiaryEntry.objects.get(person=patient, day=TODAY)
    assert (entry.knee_pain_right, entry.back_pain) == (8, None)
    page = get(client).content.decode()
    assert re.search(r'name="knee_pain_right" value="8"[^>]*checked', page)


def test_not_today_leaves_the_pain_empty(client: Client, patient: User) -> None:
    post(client, {"back_pain": "", "walking_minutes": "10"})
    assert DiaryEntry.objects.get(person=patient).back_pain is None


@pytest.mark.parametrize("value", ["11", "-1", "4.5", "abc"])
def test_a_value_that_is_no_button_gets_the_pain_message(
    client: Client, patient: User, value: str
) -> None:
    response = post(client, {"back_pain": value})
    assert str(MSG_PAIN) in response.content.decode()
    assert not DiaryEntry.objects.exists()


def test_full_width_digits_are_still_read(client: Client, patient: User) -> None:
    post(client, {"back_pain": "５"})
    assert DiaryEntry.objects.get(person=patient).back_pain == 5
