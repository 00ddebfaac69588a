"""The answers so far ride in one signed cookie that the server never stores: every form posts,
keeps the answers there and redirects, so back and forward only ever load pages (GET). The cookie
is hidden from scripts, limited to the self-check, never puts an answer in a URL, and is cleared
when the person starts again, saves, keeps the result in an account or deletes a saved one."""

from __future__ import annotations

import secrets
import time

import pytest
from django.core import signing
from django.test import Client, override_settings

from hizakoshi.selfcheck import flow
from hizakoshi.selfcheck.flow import (
    MAX_STATE_CHARS,
    RESULT,
    STATE_COOKIE,
    BadState,
    FlowState,
)
from hizakoshi.selfcheck.models import SavedResult

from .factories import (
    CHECK_URL,
    RESULT_URL,
    SAVE_URL,
    complete,
    current_step,
    knee_origin_answers,
    post_step,
    start,
    state_of,
    step_url,
)

pytestmark = pytest.mark.django_db

RESTART_JA = "もう一度"


def carried(client: Client) -> FlowState:
    return FlowState.load(client.cookies[STATE_COOKIE].value)


def test_every_screen_answered_redirects_to_the_next_screen_as_a_page_to_load(
    client: Client,
) -> None:
    start(client)
    raw = knee_origin_answers()
    response = client.post(
        step_url("about"), {k: raw[k] for k in ("age", "sex", "desk_work", "activity")}
    )
    assert response.status_code == 302
    assert response["Location"] == step_url("urgent")
    assert carried(client).answers["age"] == "70"


def test_the_cookie_is_hidden_from_scripts_kept_to_the_self_check_and_same_site(
    client: Client,
) -> None:
    page = post_step(client, start(client), knee_origin_answers())
    morsel = page.client.cookies[STATE_COOKIE]
    assert morsel["httponly"] is True
    assert morsel["path"] == "/check/"
    assert morsel["samesite"] == "Lax"
    assert int(morsel["max-age"]) == 2 * 3600  # short: a shared phone forgets the answers soon
    assert not morsel["secure"]  # plain http on this machine


@override_settings(HTTPS=True)
def test_over_https_the_cookie_is_sent_only_over_https(client: Client) -> None:
    page = post_step(client, start(client), knee_origin_answers())
    assert page.client.cookies[STATE_COOKIE]["secure"] is True


def test_the_cookie_is_signed_so_a_changed_answer_asks_to_start_again(client: Client) -> None:
    post_step(client, start(client), knee_origin_answers())
    token = client.cookies[STATE_COOKIE].value
    forged = token.replace(token[5], "A" if token[5] != "A" else "B", 1)
    client.cookies[STATE_COOKIE] = forged
    response = client.get(step_url("urgent"))
    assert response.status_code == 400
    assert RESTART_JA in response.content.decode()


def test_answers_older_than_the_allowed_hours_ask_to_start_again(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    post_step(client, start(client), knee_origin_answers())
    later = time.time() + 25 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)  # type: ignore[attr-defined]
    response = client.get(step_url("urgent"))
    assert response.status_code == 400
    assert RESTART_JA in response.content.decode()


def test_state_too_large_for_a_cookie_is_refused_not_sent() -> None:
    # Random text does not compress: far more than any real set of answers.
    huge = FlowState("about", {f"q{i}": secrets.token_hex(20) for i in range(200)})
    assert len(huge.dump()) > MAX_STATE_CHARS
    response = Client().get("/")  # any response object
    with pytest.raises(BadState):
        flow.state_keep(response, huge)
    assert STATE_COOKIE not in response.cookies


def test_a_whole_set_of_real_answers_fits_well_inside_the_cookie(client: Client) -> None:
    complete(client, knee_origin_answers())
    assert len(client.cookies[STATE_COOKIE].value) < MAX_STATE_CHARS // 2


def test_no_answer_appears_in_any_url_or_redirect(client: Client) -> None:
    raw = knee_origin_answers()
    page = start(client)
    locations: list[str] = []
    for _ in range(20):
        step_id = current_step(page)
        data = raw | {"action": "next"}
        response = client.post(step_url(step_id), data)
        locations.append(response["Location"])
        page = client.get(response["Location"])
        if response["Location"] == RESULT_URL:
            break
    assert locations[-1] == RESULT_URL
    for location in locations:
        assert "?" not in location and "=" not in location, location
        assert location == RESULT_URL or location.startswith("/check/")


def test_starting_again_forgets_the_answers(client: Client) -> None:
    complete(client, knee_origin_answers())
    response = client.get(CHECK_URL)
    assert response["Location"] == step_url("about")
    assert response.cookies[STATE_COOKIE].value == ""
    assert response.cookies[STATE_COOKIE]["path"] == "/check/"
    page = client.get(RESULT_URL, follow=True)
    assert current_step(page) == "about"
    assert (
        'name="age" value=""' in page.content.decode() or 'value="70"' not in page.content.decode()
    )


def test_saving_forgets_the_answers_so_back_shows_nothing_of_them(client: Client) -> None:
    page = complete(client, knee_origin_answers())
    response = client.post(SAVE_URL, {"state": state_of(page), "consent": "yes"})
    assert response.status_code == 302
    assert response.cookies[STATE_COOKIE].value == ""
    assert response.cookies[STATE_COOKIE]["path"] == "/check/"
    assert SavedResult.objects.count() == 1
    back = client.get(RESULT_URL)
    assert back["Location"] == step_url("about")


def test_saving_without_the_tick_goes_back_to_the_result_page_with_the_message(
    client: Client,
) -> None:
    page = complete(client, knee_origin_answers())
    response = client.post(SAVE_URL, {"state": state_of(page)})
    assert response["Location"] == RESULT_URL
    assert carried(client).errors_on == RESULT
    shown = client.get(RESULT_URL)
    assert 'id="consent-error"' in shown.content.decode()


def test_deleting_a_saved_result_also_forgets_answers_still_in_the_browser(
    client: Client,
) -> None:
    page = complete(client, knee_origin_answers())
    saved = client.post(SAVE_URL, {"state": state_of(page), "consent": "yes"})
    complete(client, knee_origin_answers())  # answered again afterwards, on the same phone
    response = client.post(saved["Location"] + "delete/")
    assert response.cookies[STATE_COOKIE].value == ""


def test_keeping_the_result_in_a_new_account_forgets_the_answers(client: Client) -> None:
    page = complete(client, knee_origin_answers())
    response = client.post(
        "/accounts/signup/",
        {
            "signup": "1",
            "email": "hanako@example.jp",
            "password": "a long enough password 42",
            "language": "ja",
            "consent": "yes",
            "state": state_of(page),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.cookies[STATE_COOKIE].value == ""
    assert response.cookies[STATE_COOKIE]["path"] == "/check/"


def test_the_result_page_carries_only_a_result_state_for_saving(client: Client) -> None:
    page = complete(client, knee_origin_answers())
    assert FlowState.load(state_of(page)).step == RESULT
    assert page["Cache-Control"].count("no-store") == 1


def test_every_page_of_the_self_check_is_never_kept_by_the_browser(client: Client) -> None:
    page = post_step(client, start(client), knee_origin_answers())
    assert "no-store" in page["Cache-Control"]
    assert "no-store" in client.get(RESULT_URL)["Cache-Control"]
    assert "no-store" in client.post(step_url("urgent"), {})["Cache-Control"]


def test_an_unknown_screen_is_not_found(client: Client) -> None:
    assert client.get("/check/no_such_screen/").status_code == 404


def test_a_form_from_before_the_update_asks_to_start_again(client: Client) -> None:
    response = client.post(CHECK_URL, {"state": "old", "age": "70"})
    assert response.status_code == 400
    assert RESTART_JA in response.content.decode()


def test_too_many_answers_for_a_cookie_ask_to_start_again_instead_of_failing(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(flow, "MAX_STATE_CHARS", 10)
    start(client)
    response = client.post(step_url("about"), {"age": "70"})
    assert response.status_code == 400
    assert RESTART_JA in response.content.decode()
