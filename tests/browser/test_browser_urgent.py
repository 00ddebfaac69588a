"""Urgent signs in real Chromium: the stop button appears as soon as such a sign is ticked and
goes straight to the result; urgent results show no self-care; axe finds nothing on them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from hizakoshi.care.questions import question_set

from .conftest import AXE_JS, PHONE, shoot
from .person import MRS_SATO, answer, answer_screen, complete, current_step, press_next
from .test_browser_selfcheck import ja, start

SAME_DAY: dict[str, Any] = {**MRS_SATO, "other_signs": ["fever_back"]}
SELF_CARE = (
    "#plan-title",
    ".stop-rule",
    "#pattern-title",
    "#priority-title",
    "#thermal-title",
    "#weight-title",
    "#tips-title",
    "#edu-title",
    ".exercise",
    "[data-tip]",
)
STOP = re.compile("^" + re.escape(ja("Skip the other questions: see what to do now")) + "$")


def to_urgent_screen(page: Page, site_url: str) -> None:
    start(page, site_url)
    answer_screen(page, MRS_SATO)
    press_next(page)
    assert current_step(page) == "urgent"


def assert_no_self_care(page: Page) -> None:
    result = page.locator("#result")
    for block in SELF_CARE:
        expect(result.locator(block)).to_have_count(0)
    expect(result.get_by_role("heading", name=ja("What to tell the doctor"))).to_be_visible()
    expect(page.get_by_role("button", name=ja("Keep this in an account"))).to_have_count(0)


def test_ticking_saddle_numbness_shows_the_stop_button_that_reaches_the_emergency_result(
    page: Page, site_url: str, csp_violations: list[str]
) -> None:
    to_urgent_screen(page, site_url)
    stop = page.get_by_role("button", name=STOP)
    expect(stop).to_have_count(0)
    answer(page, question_set().questions["urgent_signs"], ["saddle_numbness"], "ja")
    expect(stop).to_be_visible()
    expect(page.locator("#stop-now")).to_contain_text(ja("This sign needs a doctor straight away."))
    stop.scroll_into_view_if_needed()
    shoot(page, "ja-urgent-stop-button")
    with page.expect_navigation():
        stop.click()
    result = page.locator("#result")
    expect(result).to_have_attribute("data-urgency", "emergency")
    expect(page.get_by_role("link", name=ja("Call 119")).first).to_have_attribute("href", "tel:119")
    assert_no_self_care(page)
    shoot(page, "ja-urgent-emergency-result")
    assert csp_violations == []


def test_unticking_the_sign_hides_the_stop_button_again(page: Page, site_url: str) -> None:
    to_urgent_screen(page, site_url)
    signs = question_set().questions["urgent_signs"]
    answer(page, signs, ["calf_swollen"], "ja")
    expect(page.locator("#stop-now")).to_contain_text(ja("This sign needs a doctor today."))
    answer(page, signs, ["calf_swollen"], "ja")  # a second click unticks it
    expect(page.get_by_role("button", name=STOP)).to_have_count(0)


def test_a_same_day_result_has_none_of_the_self_care_blocks_and_prints_for_the_doctor(
    page: Page, site_url: str
) -> None:
    start(page, site_url)
    complete(page, SAME_DAY)
    expect(page.locator("#result")).to_have_attribute("data-urgency", "same_day")
    expect(page.locator(".triage-label")).to_have_text(ja("See a doctor today"))
    assert_no_self_care(page)
    expect(page.get_by_role("button", name=ja("Print this for the doctor")).first).to_be_visible()
    shoot(page, "ja-urgent-same-day-result")
    page.emulate_media(media="print")
    expect(page.locator(".triage")).to_be_visible()
    expect(page.locator("#for-doctor .for-doctor-list")).to_be_visible()
    expect(page.locator(".save")).to_be_hidden()


def test_the_new_urgent_screens_have_no_accessibility_problem(
    browser: Browser, site_url: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    context = browser.new_context(**PHONE, bypass_csp=True)
    page = context.new_page()
    found: dict[str, list[str]] = {}

    def check(name: str) -> None:
        page.add_script_tag(path=str(AXE_JS))
        report: dict[str, Any] = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        found[name] = [f"{v['id']} ({v['impact']}): {v['help']}" for v in report["violations"]]

    try:
        to_urgent_screen(page, site_url)
        answer(page, question_set().questions["urgent_signs"], ["calf_swollen"], "ja")
        answer(page, question_set().questions["calf_breathless"], "no", "ja")
        check("urgent screen with the stop button")
        press_next(page)
        check("health screen with the same-day banner")
        with page.expect_navigation():
            page.get_by_role("button", name=STOP).first.click()
        check("same-day result")
        to_urgent_screen(page, site_url)
        answer(page, question_set().questions["urgent_signs"], ["bladder_bowel"], "ja")
        press_next(page)
        check("health screen with the emergency banner")
        with page.expect_navigation():
            page.get_by_role("button", name=STOP).first.click()
        check("emergency result")
    finally:
        context.close()
    problems = {name: issues for name, issues in found.items() if issues}
    assert problems == {}, problems
