"""The guided-session script keeps a finished session when the network fails, and sends it later."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, Request, Route, expect

from ..conftest import shoot
from .conftest import (
    PREFIX,
    QUEUED,
    SAVE,
    pending,
    posted,
    recorder,
    to_end,
)

pytestmark = pytest.mark.browser


def finish(page: Page) -> None:
    to_end(page)
    page.get_by_label("体操中の痛み", exact=False).fill("2")
    page.get_by_role("button", name="記録する").click()


def test_a_failed_post_is_kept_and_sent_on_the_next_page_load_with_the_same_client_id(
    session: Page,
) -> None:
    session.route(SAVE, lambda route: route.abort("internetdisconnected"))
    finish(session)
    expect(session.get_by_role("status")).to_have_text(QUEUED)
    expect(session.get_by_role("status")).to_be_visible()
    shoot(session, "session-kept-offline")
    (stored,) = pending(session).values()
    client_id = dict(stored["fields"])["client_id"]
    assert client_id == stored["id"]
    assert len(client_id) == 36 and client_id[14] == "4"

    session.unroute(SAVE)
    sent: list[Request] = []

    def accept(route: Route) -> None:
        sent.append(route.request)
        route.fulfill(status=201, json={"ok": True})

    session.route(SAVE, accept)
    session.reload()
    session.wait_for_function(f"!Object.keys(localStorage).some(k => k.startsWith('{PREFIX}'))")
    (request,) = sent
    assert posted(request)["client_id"] == [client_id]
    assert posted(request)["pain_during"] == ["2"]
    assert pending(session) == {}


def test_a_kept_session_is_sent_when_the_connection_comes_back(session: Page) -> None:
    sent: list[Request] = []
    ok = {"now": False}

    def answer(route: Route) -> None:
        sent.append(route.request)
        if ok["now"]:
            route.fulfill(status=201, json={"ok": True})
        else:
            route.fulfill(status=503, body="down")

    session.route(SAVE, answer)
    finish(session)
    expect(session.get_by_role("status")).to_have_text(QUEUED)
    assert len(pending(session)) == 1

    ok["now"] = True
    session.evaluate("window.dispatchEvent(new Event('online'))")
    session.wait_for_function(f"!Object.keys(localStorage).some(k => k.startsWith('{PREFIX}'))")
    assert len(sent) == 2
    assert posted(sent[0])["client_id"] == posted(sent[1])["client_id"]


def test_a_kept_session_says_when_it_was_begun_and_saved_not_when_it_arrived(
    session: Page,
) -> None:
    opened = datetime.fromisoformat(session.evaluate("new Date().toISOString()"))
    session.clock.run_for(20 * 3_600_000)  # the page was left open overnight
    first = session.locator("section[data-exercise-id]:visible")
    first.get_by_role("button", name="スタート").click()  # the session begins now
    session.clock.run_for(10 * 60_000)
    session.route(SAVE, lambda route: route.abort("internetdisconnected"))
    finish(session)
    expect(session.get_by_role("status")).to_have_text(QUEUED)

    session.clock.run_for(2 * 24 * 3_600_000)  # two days on, the connection is back
    session.unroute(SAVE)
    sent, answer = recorder()
    session.route(SAVE, answer)
    session.evaluate("window.dispatchEvent(new Event('online'))")
    session.wait_for_function(f"!Object.keys(localStorage).some(k => k.startsWith('{PREFIX}'))")
    (request,) = sent
    began = datetime.fromisoformat(posted(request)["started_at"][0])
    saved = datetime.fromisoformat(posted(request)["finished_at"][0])
    assert timedelta(hours=20) <= began - opened < timedelta(hours=20, minutes=1)
    assert timedelta(minutes=10) <= saved - began < timedelta(minutes=11)


def test_a_redirect_to_the_login_page_is_not_taken_as_saved(session: Page, server: str) -> None:
    session.route(
        SAVE,
        lambda route: route.fulfill(status=302, headers={"Location": "/fixtures/session.css"}),
    )
    finish(session)
    expect(session.get_by_role("status")).to_have_text(QUEUED)
    assert len(pending(session)) == 1


def test_a_queued_post_carries_the_csrf_token_of_the_page_it_is_sent_from(session: Page) -> None:
    sent, answer = recorder(204)
    session.route(SAVE, answer)
    session.evaluate(
        """p => localStorage.setItem(p + "abc", JSON.stringify({id: "abc",
             url: "/journey/session/save/", at: 0,
             fields: [["csrfmiddlewaretoken", "stale"], ["client_id", "abc"]]}))""",
        PREFIX,
    )
    session.evaluate("window.HizakoshiSession.flush()")
    assert pending(session) == {}
    (request,) = sent
    assert posted(request)["csrfmiddlewaretoken"] == ["token-from-the-page"]
    assert request.headers["x-csrftoken"] == "token-from-the-page"


def test_field_errors_from_the_server_fall_back_to_a_plain_form_post(session: Page) -> None:
    sent: list[Request] = []

    def answer(route: Route) -> None:
        sent.append(route.request)
        route.fulfill(status=400, content_type="text/html", body="<h1>Please check</h1>")

    session.route(SAVE, answer)
    finish(session)
    expect(session.get_by_role("heading", level=1)).to_have_text("Please check")
    assert len(sent) == 2
    assert sent[0].headers["accept"] == "application/json"
    assert "application/json" not in sent[1].headers.get("accept", "")
    assert posted(sent[0])["client_id"] == posted(sent[1])["client_id"]
    assert pending(session) == {}
