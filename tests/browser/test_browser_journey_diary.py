"""The diary answers in real Chromium on a phone, in Japanese: pain 8 gets "ease off today" at
once; ticking a fall shows the Ottawa questions; a fall the person cannot walk after pauses
Today, which then offers what to tell the doctor and the form to record the visit. axe finds
no violation at all on the diary and on the paused Today. Photographs go to
test-artifacts/diary-*.png."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from hizakoshi.care.journey import journey
from hizakoshi.journey.demo.services import DEMO_EMAIL, demo_journey_load

from .conftest import ARTIFACTS, AXE_JS, PHONE, shoot
from .person import log_in, site_text


def t(message: str) -> str:
    return site_text(message, "ja")


def axe_violations(page: Page) -> list[str]:
    """Every axe violation, whatever its impact."""
    page.add_script_tag(path=str(AXE_JS))
    report: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in report["violations"]
    ]


def test_the_diary_answers_pain_8_and_a_fall_pauses_today_with_the_resume_form(
    browser: Browser, site_url: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    demo = demo_journey_load()
    context = browser.new_context(**PHONE, bypass_csp=True)
    page = context.new_page()
    words = journey().diary.events
    found: dict[str, list[str]] = {}
    try:
        log_in(page, site_url, DEMO_EMAIL, demo.password)
        page.goto(site_url + "/me/diary/")
        follow_up = page.get_by_text(words.fall_four_steps.ja)
        expect(follow_up).to_be_hidden()  # asked only once the fall is ticked
        found["diary"] = axe_violations(page)

        page.locator("input[name=back_pain][value='8']").check()
        page.get_by_role("button", name=t("Save"), exact=True).click()
        answer = page.locator("[data-pain-answer='8']")
        expect(answer).to_be_visible()
        expect(answer).to_contain_text("8/10")
        shoot(page, "diary-pain-8-answer")
        found["diary: the answer to pain 8"] = axe_violations(page)

        page.goto(site_url + "/me/diary/")
        page.get_by_label(words.fall.ja).check()
        expect(follow_up).to_be_visible()
        shoot(page, "diary-fall-ticked")
        page.locator(".diary-events").screenshot(
            path=str(ARTIFACTS / "diary-fall-ticked-events.png")
        )
        found["diary: a fall ticked"] = axe_violations(page)
        box = page.locator("[data-event=fall]")
        box.locator("input[name=fall_four_steps][value=no]").check()
        box.locator("input[name=fall_bend][value=yes]").check()
        box.locator("input[name=fall_deformity][value=no]").check()
        page.get_by_role("button", name=t("Save"), exact=True).click()
        expect(page.locator("main > .triage").first).to_have_class(
            re.compile(r"\btriage-emergency\b")
        )

        page.goto(site_url + "/me/today/")
        expect(page.locator("[data-redflag=injury_cannot_walk]")).to_be_visible()
        expect(page.get_by_role("heading", name=t("Has a doctor seen you?"))).to_be_visible()
        expect(page.locator("a[href='/me/session/']")).to_have_count(0)
        shoot(page, "today-paused-resume-form")
        page.locator("main").screenshot(path=str(ARTIFACTS / "today-paused-main.png"))
        found["today, paused"] = axe_violations(page)
    finally:
        context.close()
    problems = {p: issues for p, issues in found.items() if issues}
    assert problems == {}, "\n".join(f"{p}: {i}" for p, issues in problems.items() for i in issues)
