"""The real session page (Django template + session.js + site.css) in Chromium: skip in one tap,
change the reason, save; the server keeps what the person chose. No JavaScript errors, no
inline script, and no accessibility problem while a skipped exercise's reason is being changed."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from hizakoshi.journey.models import SessionItem
from journey.factories import with_plan
from people import PASSWORD, person

from ..conftest import AXE_JS, PHONE, shoot
from ..person import log_in
from .test_session_js_run import axe

pytestmark = pytest.mark.browser


def test_on_the_site_a_skip_takes_one_tap_and_the_changed_reason_is_saved(
    browser: Browser, site_url: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    user = with_plan(person("skip@example.jp"))
    context = browser.new_context(**PHONE, bypass_csp=True)  # for axe; the CSP is tested elsewhere
    page = context.new_page()
    errors: list[Any] = []
    page.on("pageerror", lambda e: errors.append(e))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        log_in(page, site_url, user.email, PASSWORD)
        page.goto(site_url + "/me/session/")
        sections = page.locator("section[data-exercise-id]")
        first_id = sections.first.get_attribute("data-exercise-id")
        sections.first.get_by_role("button", name="痛いのでとばす").click()
        expect(sections.first).to_be_hidden()
        note = page.locator(".session-skipped")
        expect(note).to_contain_text("(理由:痛い)")
        note.get_by_role("button", name="理由を変える").click()
        reason = page.get_by_label("とばす理由", exact=False)
        expect(reason).to_be_focused()
        reason.select_option("no_time")
        expect(note).to_contain_text("(理由:時間がない)")
        shoot(page, "session-site-skipped")
        assert axe(page) == []
        for _ in range(sections.count()):
            visible = page.locator("section[data-exercise-id]:visible")
            if not visible.count():
                break
            visible.get_by_role("button", name="次の体操へ").click()
        end = page.locator("[data-session-end]")
        expect(end).to_be_visible()
        end.get_by_label("2", exact=True).check()
        end.get_by_role("button", name="体操の記録を保存する").click()
        page.wait_for_url("**/me/today/?saved=session")
    finally:
        context.close()
    assert errors == []
    item = SessionItem.objects.get(person=user, position=0)
    assert item.exercise_id == first_id
    assert item.skipped and item.skip_reason == "no_time"
    assert not SessionItem.objects.filter(person=user, position__gt=0, skipped=True).exists()
