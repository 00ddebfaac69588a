"""The guided session: one section per exercise with what session.js reads, a plain form that
works without JavaScript, and a save that is idempotent on the page's client_id and all or
nothing."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from hizakoshi.accounts.models import User
from hizakoshi.care.journey.schedule import schedule
from hizakoshi.journey.models import DiaryEntry, ExerciseSession, PlanItem, SessionItem
from journey.factories import with_plan
from people import person

pytestmark = pytest.mark.django_db

START = datetime(2025, 3, 3, 0, 0, tzinfo=UTC)  # 09:00 in Tokyo
URL = "/me/session/"
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def patient(patient: User, client: Client) -> User:
    """On a plan since START; logged in, pages in English."""
    with time_machine.travel(START, tick=False):
        with_plan(patient)
    client.force_login(patient)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return patient


def get(client: Client) -> str:
    with time_machine.travel(START, tick=False):
        response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def hidden(text: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', text)
    assert found, name
    return found.group(1)


def filled(text: str, **extra: str) -> dict[str, str]:
    """The form as a person sends it: every exercise done, pain 3, felt the same."""
    data = {
        "client_id": hidden(text, "client_id"),
        "started_at": hidden(text, "started_at"),
        "pain_during": "3",
        "feeling": "same",
    }
    for i, exercise in enumerate(re.findall(r'name="exercise_\d+" value="([^"]+)"', text)):
        data |= {f"exercise_{i}": exercise, f"level_{i}": "1", f"reps_{i}": "10"}
    return data | extra


def post(client: Client, data: dict[str, str], **headers: str) -> Any:
    with time_machine.travel(START + timedelta(minutes=9), tick=False):
        return client.post(URL, data, **headers)


def test_each_exercise_is_a_section_with_the_data_the_timer_reads(
    client: Client, patient: User
) -> None:
    text = get(client)
    sections = re.findall(
        r'<section class="session-exercise" data-exercise-id="([^"]+)" '
        r'data-hold-seconds="(\d*)" data-reps="(\d*)" data-sets="(\d+)"',
        text,
    )
    assert sections
    active = {p.exercise_id: p for p in PlanItem.objects.filter(person=patient, active=True)}
    for exercise_id, hold, reps, sets in sections:
        item = active[exercise_id]
        assert hold == str(item.hold_seconds or "") and reps == str(item.reps or "")
        assert sets == str(item.sets)
    assert text.count('data-field="reps"') == len(sections)
    assert text.count('data-field="skip"') == len(sections)
    assert "data-session-end" in text and 'id="session-labels"' in text
    assert re.search(r'<script src="[^"]*hizakoshi/session\.js" defer></script>', text)
    assert "<script>" not in text  # no inline script (strict CSP)
    assert '<img class="illustration" src="/static/illustrations/' in text


def test_without_javascript_the_page_carries_its_own_client_id(
    client: Client, patient: User
) -> None:
    assert uuid.UUID(hidden(get(client), "client_id"))


def test_a_plain_form_post_saves_the_session_and_goes_back_to_today(
    client: Client, patient: User
) -> None:
    text = get(client)
    data = filled(text, reps_0="7", sets_0="", skip_1="pain")
    response = post(client, data)
    assert response.status_code == 303
    assert response["Location"] == "/me/today/?saved=session"
    session = ExerciseSession.objects.get(person=patient)
    assert session.pain_during == 3 and session.feeling == "same"
    assert session.finished_at == START + timedelta(minutes=9)
    assert session.started_at == START
    items = list(session.items.order_by("position"))
    assert [i.exercise_id for i in items] == re.findall(
        r'name="exercise_\d+" value="([^"]+)"', text
    )
    assert items[0].reps_done == 7 and not items[0].skipped
    assert items[1].skipped and items[1].skip_reason == "pain"


def test_sets_left_empty_follow_from_the_count_the_timer_filled_in(
    client: Client, patient: User
) -> None:
    text = get(client)
    data = filled(text)
    first = PlanItem.objects.get(person=patient, active=True, exercise_id=data["exercise_0"])
    data["reps_0"] = str((first.reps or 1) * first.sets)
    post(client, data)
    item = SessionItem.objects.get(person=patient, position=0)
    assert item.sets_done == first.sets


def test_sending_the_same_session_again_stores_it_once(client: Client, patient: User) -> None:
    data = filled(get(client))
    first = post(client, data, **JSON)
    again = post(client, data, **JSON)
    assert first.status_code == again.status_code == 200
    assert first.json()["created"] is True and again.json()["created"] is False
    assert again.json()["next"] == "/me/today/?saved=session"
    assert ExerciseSession.objects.filter(person=patient).count() == 1
    assert SessionItem.objects.filter(person=patient).count() == len(
        [k for k in data if k.startswith("exercise_")]
    )


def test_the_same_client_id_from_another_person_is_their_own_session(
    client: Client, patient: User, other_patient: User
) -> None:
    data = filled(get(client))
    post(client, data)
    with time_machine.travel(START, tick=False):
        taro = with_plan(other_patient)
    client.force_login(taro)
    post(client, data)
    assert ExerciseSession.objects.filter(client_id=data["client_id"]).count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pain_during", "11"),
        ("pain_during", ""),
        ("pain_during", "abc"),
        ("reps_0", "-5"),
        ("reps_0", "201"),
        ("reps_0", "ten"),
        ("sets_0", "21"),
        ("skip_0", "bored"),
        ("feeling", "great"),
    ],
)
def test_bad_input_gets_a_message_by_the_field_and_saves_nothing(
    client: Client, patient: User, field: str, value: str
) -> None:
    data = filled(get(client), **{field: value})
    response = post(client, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'class="error-summary"' in text and 'class="error-message"' in text
    assert ExerciseSession.objects.count() == 0 and SessionItem.objects.count() == 0
    as_json = post(client, data, **JSON)
    assert as_json.status_code == 400 and field in as_json.json()["errors"]


def test_an_exercise_the_content_does_not_know_is_refused_as_a_whole(
    client: Client, patient: User
) -> None:
    data = filled(get(client), exercise_1="jumping_jacks")
    response = post(client, data)
    assert response.status_code == 200
    assert "could not be read" in response.content.decode()
    assert ExerciseSession.objects.count() == 0
    assert post(client, data, **JSON).status_code == 400


def test_full_width_numbers_from_a_japanese_keyboard_are_read(
    client: Client, patient: User
) -> None:
    post(client, filled(get(client), reps_0="１２", pain_during="3"))
    assert SessionItem.objects.get(person=patient, position=0).reps_done == 12


def test_a_session_sent_later_from_the_phone_keeps_the_time_it_began(
    client: Client, patient: User
) -> None:
    data = filled(get(client))
    with time_machine.travel(START + timedelta(days=2), tick=False):
        client.force_login(patient)  # the login of two days ago has ended
        client.post(URL, data)
    session = ExerciseSession.objects.get(person=patient)
    assert session.started_at == START
    assert session.finished_at == START + timedelta(days=2)


def test_a_session_kept_on_the_phone_keeps_when_save_was_pressed(
    client: Client, patient: User
) -> None:
    pressed = START + timedelta(minutes=12)
    data = filled(get(client), finished_at=pressed.isoformat())
    with time_machine.travel(START + timedelta(days=2), tick=False):
        client.force_login(patient)
        client.post(URL, data)
    session = ExerciseSession.objects.get(person=patient)
    assert (session.started_at, session.finished_at) == (START, pressed)


@pytest.mark.parametrize(
    "finished",
    [
        START - timedelta(minutes=1),  # before it began
        START + timedelta(days=3),  # after it arrived
        "yesterday",
        "2025-03-03T09:12:00",  # no time zone
    ],
)
def test_a_save_time_out_of_sense_is_the_arrival(
    client: Client, patient: User, finished: datetime | str
) -> None:
    value = finished.isoformat() if isinstance(finished, datetime) else finished
    post(client, filled(get(client), finished_at=value))
    session = ExerciseSession.objects.get(person=patient)
    assert session.finished_at == START + timedelta(minutes=9)


def test_a_session_older_than_the_phone_keeps_anything_is_dated_on_arrival(
    client: Client, patient: User
) -> None:
    keep_days = schedule().diary.edit_days
    data = filled(get(client), finished_at=(START + timedelta(minutes=12)).isoformat())
    arrived = START + timedelta(days=keep_days)
    with time_machine.travel(arrived, tick=False):
        client.force_login(patient)
        client.post(URL, data)
    session = ExerciseSession.objects.get(person=patient)
    assert (session.started_at, session.finished_at) == (arrived, arrived)
    # One day less and it keeps its own day.
    ExerciseSession.objects.all().delete()
    with time_machine.travel(arrived - timedelta(days=1), tick=False):
        client.post(URL, data | {"client_id": str(uuid.uuid4())})
    assert ExerciseSession.objects.get(person=patient).started_at == START


def test_a_start_time_in_the_future_is_not_believed(client: Client, patient: User) -> None:
    future = (START + timedelta(days=3)).isoformat()
    post(client, filled(get(client), started_at=future))
    session = ExerciseSession.objects.get(person=patient)
    assert session.started_at == START + timedelta(minutes=9)


def test_with_a_warning_sign_in_the_diary_there_is_no_session_today(
    client: Client, patient: User
) -> None:
    DiaryEntry.objects.create(person=patient, day=START.date(), red_flag_signs=["saddle_numbness"])
    text = get(client)
    assert "data-session" not in text
    assert "paused until a doctor has seen you" in text


def test_someone_without_a_plan_is_sent_to_the_self_check(client: Client) -> None:
    client.force_login(person("new@example.jp"))
    text = get(client)
    assert "data-session" not in text
    assert f'href="{reverse("selfcheck:landing")}"' in text
    assert "セルフチェックをする" in text  # "Do the self-check", in the default language


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    for method in (client.get, client.post):
        response = method(URL)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_an_exercise_at_level_two_says_what_is_different_at_that_level(
    client: Client, patient: User
) -> None:
    PlanItem.objects.filter(person=patient, active=True, exercise_id="bridge").update(level=2)
    text = get(client)
    bridge = text[text.index('data-exercise-id="bridge"') :]
    bridge = bridge[: bridge.index("</section>")]
    assert '<p class="level-note"><strong>Level 2:</strong> At the top, lift one foot' in bridge
    assert text.count('class="level-note"') == 1  # the others are still at level 1


def test_one_tick_on_this_hurts_skips_the_exercise_with_the_reason_pain(
    client: Client, patient: User
) -> None:
    text = get(client)
    assert 'name="skipped_0"' in text and 'type="checkbox" data-skipped' in text
    response = post(client, filled(text, skipped_1="on", reps_1="", skip_1=""))
    assert response.status_code == 303
    items = list(SessionItem.objects.filter(person=patient).order_by("position"))
    assert items[1].skipped and items[1].skip_reason == "pain"
    assert items[1].reps_done is None
    assert not items[0].skipped and items[0].reps_done == 10


def test_a_reason_changed_after_the_skip_is_the_one_kept(client: Client, patient: User) -> None:
    post(client, filled(get(client), skipped_0="on", skip_0="no_time"), **JSON)
    item = SessionItem.objects.get(person=patient, position=0)
    assert item.skipped and item.skip_reason == "no_time"


def test_an_unticked_exercise_is_not_skipped(client: Client, patient: User) -> None:
    post(client, filled(get(client)))
    assert not SessionItem.objects.filter(person=patient, skipped=True).exists()


def test_each_exercise_tells_the_timer_whether_it_is_done_on_each_side(
    client: Client, patient: User
) -> None:
    text = get(client)
    per_side = dict(re.findall(r'data-exercise-id="([^"]+)"[^>]*data-per-side="(1?)"', text))
    active = {p.exercise_id: p for p in PlanItem.objects.filter(person=patient, active=True)}
    assert per_side and set(per_side) <= set(active)
    for exercise_id, flag in per_side.items():
        assert flag == ("1" if active[exercise_id].per_side else "")
