"""Pain 0-10 on a 390 px phone, in Japanese: eleven buttons that each are at least 44 x 44 px,
wrap in rows without sideways scrolling, work by tapping the number, and pass axe with no
violation, in the self-check and in the diary. Photographs: test-artifacts/pain-scale-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from hizakoshi.journey.demo.services import DEMO_EMAIL, demo_journey_load

from .conftest import AXE_JS, PHONE, shoot
from .person import MRS_SATO, answer_screen, current_step, log_in, press_next
from .test_browser_journey_diary import axe_violations

MIN_TARGET = 44


def scale_problems(page: Page, name: str) -> list[str]:
    """Buttons smaller than 44 px, or a page wider than the screen."""
    labels = page.locator(f".scale-options input[name={name}] + label")
    assert labels.count() == 11, f"{name}: {labels.count()} buttons"
    problems = []
    for i in range(11):
        box = labels.nth(i).bounding_box()
        assert box is not None
        if box["width"] < MIN_TARGET or box["height"] < MIN_TARGET:
            problems.append(f"{name} {i}: {box['width']:.0f} x {box['height']:.0f} px")
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["viewport"]["width"]:
        problems.append(f"the page is {width} px wide")
    return problems


def test_the_self_check_asks_pain_with_eleven_large_buttons(
    browser: Browser, site_url: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    context = browser.new_context(**PHONE, bypass_csp=True)
    page = context.new_page()
    found: dict[str, Any] = {}
    try:
        page.goto(site_url + "/check/")
        while current_step(page) != "knee":
            answer_screen(page, MRS_SATO)
            press_next(page)
        found["sizes"] = scale_problems(page, "knee_pain")
        page.get_by_text("7", exact=True).first.click()
        expect(page.locator("input[name=knee_pain][value='7']")).to_be_checked()
        expect(page.get_by_text("10=考えられる最悪の痛み").first).to_be_visible()
        shoot(page, "pain-scale-self-check")
        found["axe"] = axe_violations(page)
    finally:
        context.close()
    assert found == {"sizes": [], "axe": []}


def test_the_diary_asks_pain_with_eleven_large_buttons_and_not_today(
    browser: Browser, site_url: str
) -> None:
    demo = demo_journey_load()
    context = browser.new_context(**PHONE, bypass_csp=True)
    page = context.new_page()
    found: dict[str, Any] = {}
    try:
        log_in(page, site_url, DEMO_EMAIL, demo.password)
        page.goto(site_url + "/me/diary/")
        found["sizes"] = scale_problems(page, "back_pain")
        page.locator("input[name=back_pain][value='3'] + label").click()
        expect(page.locator("input[name=back_pain][value='3']")).to_be_checked()
        page.locator("input[name=back_pain][value=''] + label").click()
        expect(page.locator("input[name=back_pain][value='']")).to_be_checked()
        shoot(page, "pain-scale-diary")
        found["axe"] = axe_violations(page)
    finally:
        context.close()
    assert found == {"sizes": [], "axe": []}
