"""On a 390 px phone, in Japanese: the account page's actions are buttons at least 44 px tall,
the questionnaire pages carry the same tabs as Today, and axe finds no violation on the
pages this touched (account, questionnaires, progress, calendar link, export, deletion)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from hizakoshi.journey.demo.services import DEMO_EMAIL, demo_journey_load

from .conftest import AXE_JS, PHONE, shoot
from .person import log_in, site_text
from .test_browser_journey_diary import axe_violations

PAGES = [
    "/me/",
    "/me/measures/",
    "/me/measures/nrs/",
    "/me/progress/",
    "/me/calendar/",
    "/me/export/",
    "/me/delete/",
]


def test_account_actions_are_large_buttons_and_every_page_has_the_tabs(
    browser: Browser, site_url: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    demo = demo_journey_load()
    context = browser.new_context(**PHONE, bypass_csp=True)
    page = context.new_page()
    found: dict[str, Any] = {}
    try:
        log_in(page, site_url, DEMO_EMAIL, demo.password)
        page.goto(site_url + "/me/")
        small = []
        for button in page.locator(".account-actions .button").all():
            box = button.bounding_box()
            if box is None or box["height"] < 44:
                small.append(button.inner_text())
        found["small buttons"] = small
        shoot(page, "account-actions")
        nav_name = site_text("My self-care")
        for url in PAGES:
            page.goto(site_url + url)
            tabs = page.get_by_role("navigation", name=nav_name)
            found[f"{url} tabs"] = tabs.get_by_role("link").count()
            found[f"{url} width"] = page.evaluate("document.documentElement.scrollWidth")
            found[f"{url} axe"] = axe_violations(page)
    finally:
        context.close()
    expected: dict[str, Any] = {"small buttons": []}
    for url in PAGES:
        expected |= {f"{url} tabs": 5, f"{url} width": 390, f"{url} axe": []}
    assert found == expected
