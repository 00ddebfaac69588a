"""The saved link on a 390 px phone: shown whole (no cut-off box, no sideways scroll), a Copy
button that puts it on the clipboard and says so, and without JavaScript no button at all while
the field stays selectable. axe finds no violation on the saved page."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, expect

from selfcheck.factories import saved_result

from .conftest import PHONE, shoot
from .test_browser_journey_diary import axe_violations


def test_the_copy_button_copies_the_saved_link_and_says_so(browser: Browser, site_url: str) -> None:
    saved = saved_result()
    link = f"{site_url}/r/{saved.link_token}/"
    context = browser.new_context(**PHONE, bypass_csp=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    found: dict[str, Any] = {}
    try:
        page.goto(link)
        field = page.locator("#private-link")
        expect(field).to_have_value(link)
        found["cut off"] = field.evaluate("f => f.scrollHeight > f.clientHeight + 1")
        found["page width"] = page.evaluate("document.documentElement.scrollWidth")
        button = page.get_by_role("button", name="コピー", exact=True)
        box = button.bounding_box()
        found["button height ok"] = box is not None and box["height"] >= 44
        button.click()
        expect(page.locator("#private-link-copied")).to_have_text("コピーしました")
        found["clipboard"] = page.evaluate("navigator.clipboard.readText()")
        shoot(page, "saved-link-copied")
        found["axe"] = axe_violations(page)
    finally:
        context.close()
    assert found == {
        "cut off": False,
        "page width": PHONE["viewport"]["width"],
        "button height ok": True,
        "clipboard": link,
        "axe": [],
    }


def test_without_javascript_the_link_is_there_and_no_button(
    browser: Browser, site_url: str
) -> None:
    saved = saved_result()
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/r/{saved.link_token}/")
        expect(page.locator("#private-link")).to_be_visible()
        expect(page.locator("#private-link")).to_contain_text(f"/r/{saved.link_token}/")
        expect(page.get_by_role("button", name="コピー", exact=True)).to_have_count(0)
    finally:
        context.close()
