"""Each screen is checked on the server with the core's validator; messages stand next to the
field, in the person's language, and bad input never gives a 500."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from hizakoshi.care.questions import (
    MSG_CHOICE,
    MSG_EXCLUSIVE,
    MSG_RANGE,
    MSG_REQUIRED,
)
from hizakoshi.selfcheck.flow import STATE_COOKIE

from .factories import current_step, knee_origin_answers, post_step, start, step_url

pytestmark = pytest.mark.django_db

ABOUT = {"age": "70", "sex": "female", "desk_work": "no", "activity": "some"}


def field_error(page: str, qid: str) -> str:
    match = re.search(rf'id="q-{qid}-error">(.*?)</p>', page, re.S)
    assert match, f"no error message next to {qid}"
    return re.sub(r"<[^>]+>", "", match.group(1)).removeprefix("Error: ").strip()


def post_about(client: Client, **values: str) -> str:
    start(client)
    response = client.post(step_url("about"), {"action": "next"} | values, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_first_screen_is_about_you_with_progress_one_of_eleven(client: Client) -> None:
    page = start(client)
    assert current_step(page) == "about"
    assert "1 / 11" in page.content.decode()


def test_an_age_of_300_is_refused_next_to_the_age_field(client: Client) -> None:
    page = post_about(client, **(ABOUT | {"age": "300"}))
    assert field_error(page, "age").endswith(MSG_RANGE.format(min="18", max="110").ja)
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="q-age-error"' in page


def test_a_weight_of_zero_is_refused(client: Client) -> None:
    page = post_about(client, **(ABOUT | {"weight_kg": "0"}))
    assert field_error(page, "weight_kg").endswith(MSG_RANGE.format(min="25", max="250").ja)


def test_missing_required_answers_are_listed_at_the_top_and_beside_each_field(
    client: Client,
) -> None:
    page = post_about(client, age="70")
    summary = page[page.index('class="error-summary"') : page.index("</ul>")]
    assert 'href="#q-sex-0"' in summary
    assert MSG_REQUIRED.ja in summary
    assert field_error(page, "sex").endswith(MSG_REQUIRED.ja)
    assert field_error(page, "activity").endswith(MSG_REQUIRED.ja)


def test_a_made_up_choice_is_refused(client: Client) -> None:
    page = post_about(client, **(ABOUT | {"sex": "robot"}))
    assert field_error(page, "sex").endswith(MSG_CHOICE.ja)


def test_full_width_digits_are_accepted(client: Client) -> None:
    page = post_about(client, **(ABOUT | {"age": "７０", "height_cm": "１５２．５"}))
    assert 'data-step="urgent"' in page


def test_messages_are_in_english_for_an_english_reader(client: Client) -> None:
    client.cookies["django_language"] = "en"
    page = post_about(client, **(ABOUT | {"age": "300"}))
    assert field_error(page, "age").endswith(MSG_RANGE.format(min="18", max="110").en)
    assert '<html lang="en">' in page


def test_a_pain_score_of_11_is_refused(client: Client) -> None:
    raw = knee_origin_answers(knee_pain="11")
    page = start(client)
    while current_step(page) != "knee":
        page = post_step(client, page, raw)
    page = post_step(client, page, raw)
    assert current_step(page) == "knee"
    assert field_error(page.content.decode(), "knee_pain").endswith(
        MSG_RANGE.format(min="0", max="10").ja
    )


def test_none_of_these_cannot_be_ticked_together_with_a_sign(client: Client) -> None:
    raw = knee_origin_answers(urgent_signs=["none", "bladder_bowel"])
    page = post_step(client, start(client), raw)
    page = post_step(client, page, raw)
    assert current_step(page) == "urgent"
    expected = MSG_EXCLUSIVE.ja.format(option="どれもない")
    assert field_error(page.content.decode(), "urgent_signs").endswith(expected)


@pytest.mark.parametrize("state", ["garbage", "eyJ2IjoxfQ:1tampered:signature", "x" * 5000])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_state_asks_to_start_again_instead_of_failing(
    client: Client, state: str, method: str
) -> None:
    client.cookies[STATE_COOKIE] = state
    response = getattr(client, method)(step_url("urgent"), {"age": "70"})
    assert response.status_code == 400
    assert "もう一度" in response.content.decode()
    assert response.cookies[STATE_COOKIE].value == ""  # and the browser forgets it


def test_a_missing_state_on_a_later_screen_starts_from_the_first_screen(client: Client) -> None:
    response = client.get(step_url("knee"), follow=True)
    assert response.redirect_chain == [(step_url("about"), 302)]
    assert current_step(response) == "about"


def test_odd_input_shapes_never_give_a_server_error(client: Client) -> None:
    start(client)
    data = {
        "age": ["70", "80"],
        "sex": ["female", "male"],
        "height_cm": "1e400",
        "weight_kg": "NaN",
        "activity": "x" * 10_000,
        "action": "sideways",
    }
    response = client.post(step_url("about"), data, follow=True)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
