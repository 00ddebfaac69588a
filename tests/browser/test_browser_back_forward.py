"""The browser's back and forward buttons move through the self-check and its result with the
answers kept, never showing Chromium's "Confirm form resubmission" page, with JavaScript on and
off. No form is ever sent again by going back or forward, and no answer appears in a URL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from hizakoshi.care.questions import question_set
from hizakoshi.selfcheck.flow import STATE_COOKIE

from .conftest import AXE_JS, PHONE, shoot
from .person import MRS_SATO, answer_screen, complete, current_step
from .test_browser_selfcheck import ja, start

# Values typed or chosen by Mrs Sato that would give her away if they reached a URL.
TELLING_VALUES = ("155", "62", "over_1y", "6m_1y", "a_little")


class Sent:
    """Every request the page makes: to show that going back and forward sends no form."""

    def __init__(self, page: Page) -> None:
        self.requests: list[Request] = []
        page.on("request", self.record)

    def record(self, request: Request) -> None:
        self.requests.append(request)

    def posts_since(self, mark: int) -> list[str]:
        return [r.url for r in self.requests[mark:] if r.method != "GET"]

    def urls(self) -> list[str]:
        return [r.url for r in self.requests]


@pytest.fixture(params=[True, False], ids=["with-javascript", "without-javascript"])
def phone(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(**PHONE, java_script_enabled=request.param)
    yield context.new_page()
    context.close()


def shows_a_screen(page: Page, step: str) -> None:
    """A real question screen (not Chromium's error page asking to resend the form)."""
    expect(page.locator("form#step-form")).to_have_attribute("data-step", step)
    expect(page).to_have_url(re.compile(f"/check/{step}/$"))
    assert "ERR_CACHE_MISS" not in page.content()


def chosen(page: Page, question_id: str) -> list[str]:
    inputs = page.locator(f'input[name="{question_id}"]:checked')
    return [inputs.nth(i).get_attribute("value") or "" for i in range(inputs.count())]


def test_back_from_the_result_shows_the_last_screen_with_its_answers_and_forward_the_result(
    phone: Page, site_url: str
) -> None:
    sent = Sent(phone)
    start(phone, site_url)
    steps = complete(phone, MRS_SATO)
    last = steps[-1]
    expect(phone).to_have_url(re.compile(r"/check/result/$"))
    mark = len(sent.requests)

    phone.go_back()
    shows_a_screen(phone, last)
    has_the_answers(phone, last)
    assert chosen(phone, "daily_life") == [MRS_SATO["daily_life"]]

    phone.go_forward()
    expect(phone.locator("#result")).to_be_visible()
    expect(phone).to_have_url(re.compile(r"/check/result/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text(ja("Your result"))
    assert sent.posts_since(mark) == [], "going back or forward sent a form again"
    shoot(phone, "ja-result-after-back-and-forward")


def test_back_twice_and_forward_twice_through_the_screens_keeps_every_answer(
    phone: Page, site_url: str
) -> None:
    sent = Sent(phone)
    start(phone, site_url)
    steps = complete(phone, MRS_SATO)
    mark = len(sent.requests)
    phone.go_back()
    phone.go_back()
    shows_a_screen(phone, steps[-2])
    has_the_answers(phone, steps[-2])
    phone.go_forward()
    shows_a_screen(phone, steps[-1])
    has_the_answers(phone, steps[-1])
    phone.go_forward()
    expect(phone.locator("#result")).to_be_visible()
    # All the way back to the first screen, and all the way forward to the result again.
    for step in reversed(steps):
        phone.go_back()
        shows_a_screen(phone, step)
    has_the_answers(phone, "about")
    for step in steps[1:]:
        phone.go_forward()
        shows_a_screen(phone, step)
    phone.go_forward()
    expect(phone.locator("#result")).to_be_visible()
    assert sent.posts_since(mark) == [], "going back or forward sent a form again"


def has_the_answers(page: Page, step_id: str) -> None:
    """Every answer Mrs Sato gave on this screen is shown filled in."""
    for question in question_set().step(step_id).questions:
        given = MRS_SATO.get(question.id)
        if given is None or not page.locator(f'[name="{question.id}"]').count():
            continue
        if question.type in ("integer", "number"):
            expect(page.locator(f"#q-{question.id}")).to_have_value(str(given))
        else:
            wanted = given if isinstance(given, list) else [given]
            assert chosen(page, question.id) == wanted, question.id


def test_the_in_page_back_button_and_then_the_browser_buttons_agree(
    phone: Page, site_url: str
) -> None:
    sent = Sent(phone)
    start(phone, site_url)
    answer_screen(phone, MRS_SATO)
    with phone.expect_navigation():
        phone.get_by_role("button", name=ja("Next")).click()
    shows_a_screen(phone, "urgent")
    with phone.expect_navigation():
        phone.get_by_role("button", name=ja("Back")).click()
    shows_a_screen(phone, "about")
    expect(phone.locator("#q-age")).to_have_value("68")
    mark = len(sent.requests)
    phone.go_back()
    shows_a_screen(phone, "urgent")
    phone.go_back()
    shows_a_screen(phone, "about")
    expect(phone.locator("#q-age")).to_have_value("68")
    assert sent.posts_since(mark) == []


def test_no_answer_reaches_a_url_and_the_answers_cookie_is_hidden_from_scripts(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        sent = Sent(page)
        start(page, site_url)
        complete(page, MRS_SATO)
        for url in sent.urls():
            assert not any(f"={value}" in url or value in url for value in TELLING_VALUES), url
        cookie = next(c for c in context.cookies() if c["name"] == STATE_COOKIE)
        assert cookie["httpOnly"] is True
        assert cookie["path"] == "/check/"
        assert cookie["sameSite"] == "Lax"
        assert STATE_COOKIE not in page.evaluate("document.cookie")
    finally:
        context.close()


def test_after_saving_back_shows_the_first_screen_not_the_result(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        start(page, site_url)
        complete(page, MRS_SATO)
        from hizakoshi.selfcheck.consent import CONSENT_LABEL

        page.get_by_text(CONSENT_LABEL.ja).click()
        page.get_by_role("button", name=ja("Save and get a private link")).click()
        expect(page).to_have_url(re.compile(r"/r/[A-Za-z0-9_-]{20,}/$"))
        page.go_back()
        # The answers left the browser with the save: nothing of them is shown again.
        shows_a_screen(page, "about")
        expect(page.locator("#q-age")).to_have_value("")
        assert current_step(page) == "about"
    finally:
        context.close()


def all_axe_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    report: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [f"{v['id']}: {v['help']}" for v in report["violations"]]


def test_the_pages_reached_by_back_and_forward_have_no_accessibility_violations(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(**PHONE, bypass_csp=True)
    page = context.new_page()
    try:
        start(page, site_url)
        steps = complete(page, MRS_SATO)
        assert all_axe_violations(page) == []
        page.go_back()
        shows_a_screen(page, steps[-1])
        assert all_axe_violations(page) == []
        context.add_cookies(
            [{"name": STATE_COOKIE, "value": "forged", "url": site_url + "/check/"}]
        )
        page.goto(site_url + "/check/result/")
        expect(page.get_by_role("heading", level=1)).to_have_text(ja("Please start again"))
        assert all_axe_violations(page) == []
    finally:
        context.close()
