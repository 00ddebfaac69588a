"""A diary kept on the phone without a connection is sent later, perhaps twice, perhaps after
the entry was changed elsewhere: a repeat writes nothing, a newer entry is never silently
overwritten, and the phone hears in JSON what happened and is told which diary arrived."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.journey.diary.selectors import diary_version
from hizakoshi.journey.diary.services import DiaryChanged, diary_save
from hizakoshi.journey.models import DiaryEntry
from journey.factories import with_plan

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 3, 10, 11, 0, tzinfo=UTC)  # 20:00 in Tokyo, Monday 10 March
TODAY = date(2025, 3, 10)
URL = "/me/diary/"
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def patient(patient: User, client: Client) -> User:
    """Knee pain on the right only, on a plan for a week; logged in, pages in English."""
    with time_machine.travel(NOW - timedelta(days=7), tick=False):
        with_plan(patient, knee_side="right")
    client.force_login(patient)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return patient


def send(
    client: Client, data: dict[str, Any], *, minutes: int = 0, url: str = URL, **headers: Any
) -> Any:
    with time_machine.travel(NOW + timedelta(minutes=minutes), tick=False):
        return client.post(url, data, **headers)


def entry(user: Any, day: date = TODAY) -> DiaryEntry:
    return DiaryEntry.objects.get(person=user, day=day)


def test_the_form_carries_the_version_of_the_entry_it_shows(client: Client, patient: User) -> None:
    with time_machine.travel(NOW, tick=False):
        assert 'name="seen" value=""' in client.get(URL).content.decode()
    send(client, {"back_pain": "3", "seen": ""})
    with time_machine.travel(NOW, tick=False):
        page = client.get(URL).content.decode()
    assert f'name="seen" value="{diary_version(entry(patient))}"' in page


def test_a_kept_diary_sent_twice_is_saved_once_and_the_second_time_writes_nothing(
    client: Client, patient: User
) -> None:
    kept = {"back_pain": "3", "walking_minutes": "20", "seen": "", "client_id": str(uuid.uuid4())}
    first = send(client, kept, **JSON)
    assert first.status_code == 200
    assert first.json() == {
        "ok": True,
        "urgent": False,
        "repeat": False,
        "next": "/me/diary/?saved=2025-03-10",
    }
    saved_at = entry(patient).updated_at

    again = send(client, kept, minutes=15, **JSON)  # the phone did not hear the answer
    assert again.status_code == 200
    assert again.json()["ok"] is True and again.json()["repeat"] is True
    assert DiaryEntry.objects.filter(person=patient).count() == 1
    assert entry(patient).updated_at == saved_at


def test_a_kept_diary_does_not_overwrite_an_entry_changed_since_and_answers_409(
    client: Client, patient: User
) -> None:
    send(client, {"back_pain": "3", "seen": ""})  # 20:00 on the phone, online
    seen_then = diary_version(entry(patient))
    # 20:10 on the tablet: changed to 6.
    send(client, {"back_pain": "6", "seen": seen_then}, minutes=10)
    # 20:20: the phone's copy of the 20:00 page, edited offline to 4, arrives.
    late = send(client, {"back_pain": "4", "seen": seen_then}, minutes=20, **JSON)
    assert late.status_code == 409
    body = late.json()
    assert body["ok"] is False
    assert body["errors"]["__all__"][0]["code"] == "changed"
    assert entry(patient).back_pain == 6


def test_the_page_says_the_entry_changed_and_a_second_save_keeps_the_persons_answers(
    client: Client, patient: User
) -> None:
    send(client, {"back_pain": "3", "seen": ""})
    send(client, {"back_pain": "6", "seen": diary_version(entry(patient))}, minutes=10)
    page = send(client, {"back_pain": "4", "seen": ""}, minutes=20)
    text = page.content.decode()
    assert page.status_code == 200
    assert "was changed after you opened this page" in text
    assert entry(patient).back_pain == 6  # not yet: the person was only told
    now_seen = diary_version(entry(patient))
    assert f'name="seen" value="{now_seen}"' in text

    kept = send(client, {"back_pain": "4", "seen": now_seen}, minutes=21)
    assert kept.status_code == 302
    assert entry(patient).back_pain == 4


def test_a_save_without_a_version_changes_the_entry_as_before(
    client: Client, patient: User
) -> None:
    send(client, {"back_pain": "3"})
    send(client, {"back_pain": "5"}, minutes=10)
    assert entry(patient).back_pain == 5


def test_a_kept_diary_of_an_earlier_day_is_saved_for_that_day(
    client: Client, patient: User
) -> None:
    yesterday = TODAY - timedelta(days=1)
    answer = send(
        client, {"back_pain": "2", "seen": ""}, url=f"{URL}?day={yesterday.isoformat()}", **JSON
    )
    assert answer.status_code == 200
    assert entry(patient, yesterday).back_pain == 2
    assert not DiaryEntry.objects.filter(person=patient, day=TODAY).exists()


def test_a_kept_diary_with_a_warning_sign_answers_with_a_link_to_today(
    client: Client, patient: User
) -> None:
    answer = send(client, {"red_flag_signs": "saddle_numbness", "seen": ""}, **JSON)
    assert answer.json()["urgent"] is True
    assert answer.json()["next"] == "/me/today/"


def test_a_kept_diary_that_is_not_valid_answers_400_with_the_messages(
    client: Client, patient: User
) -> None:
    answer = send(client, {"back_pain": "12", "seen": ""}, **JSON)
    assert answer.status_code == 400
    assert "back_pain" in json.loads(answer.content)["errors"]
    assert not DiaryEntry.objects.filter(person=patient).exists()


def test_the_page_after_saving_names_the_diary_it_received(client: Client, patient: User) -> None:
    sent = str(uuid.uuid4())
    saved = send(client, {"back_pain": "3", "seen": "", "client_id": sent})
    assert saved.status_code == 302
    assert saved["Location"] == f"/me/diary/?saved=2025-03-10&got={sent}"
    with time_machine.travel(NOW, tick=False):
        page = client.get(saved["Location"]).content.decode()
    assert f'data-diary-received="{sent}"' in page

    answer = send(client, {"back_pain": "8", "seen": "", "client_id": sent}, minutes=5)
    assert f'data-diary-received="{sent}"' in answer.content.decode()  # the pain-8 answer page


def test_a_client_id_that_is_not_one_is_not_echoed(client: Client, patient: User) -> None:
    saved = send(client, {"back_pain": "3", "client_id": '"><script>'})
    assert saved["Location"] == "/me/diary/?saved=2025-03-10"


def test_the_service_refuses_other_answers_over_a_changed_entry_and_keeps_the_same_ones(
    patient: User,
) -> None:
    with time_machine.travel(NOW, tick=False):
        first = diary_save(person=patient, day=TODAY, values={"back_pain": 3}, seen="")
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        repeat = diary_save(person=patient, day=TODAY, values={"back_pain": 3}, seen="")
        assert repeat.repeat and not repeat.created
        assert repeat.entry.updated_at == first.entry.updated_at
        with pytest.raises(DiaryChanged):
            diary_save(person=patient, day=TODAY, values={"back_pain": 4}, seen="")
    assert entry(patient).back_pain == 3


@pytest.mark.parametrize("bogus", ["2025-13-45T99:00:00", "yesterday", "x" * 5000])
def test_a_version_that_is_not_one_counts_as_no_entry_so_it_never_overwrites(
    client: Client, patient: User, bogus: str
) -> None:
    send(client, {"back_pain": "6", "seen": ""})
    answer = send(client, {"back_pain": "4", "seen": bogus}, minutes=5, **JSON)
    assert answer.status_code == 409
    assert entry(patient).back_pain == 6
