"""axe-core finds no serious or critical accessibility problem on any page of the self-check.

axe (node_modules/axe-core, pinned in package-lock.json; `npm ci` installs it) is injected as a
script, which the site's strict Content-Security-Policy would block: this test alone runs in a
context with bypass_csp=True. The other browser tests keep the policy on.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from hizakoshi.care.questions import question_set
from hizakoshi.selfcheck.consent import CONSENT_LABEL

from .conftest import AXE_JS, PHONE
from .person import MRS_SATO, answer, complete, press_next
from .test_browser_selfcheck import ja, start

BLOCKING = ("serious", "critical")


def axe_problems(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    report: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in report["violations"]
        if v["impact"] in BLOCKING
    ]


def test_no_page_has_a_serious_or_critical_accessibility_problem(
    browser: Browser, site_url: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (make test does)")
    context = browser.new_context(**PHONE, bypass_csp=True)
    page = context.new_page()
    found: dict[str, list[str]] = {}

    def check(name: str) -> None:
        found[name] = axe_problems(page)

    try:
        page.goto(site_url + "/")
        check("landing")
        start(page, site_url)
        answer(page, question_set().questions["age"], "300", "ja")
        press_next(page)
        check("step about, with a field error")
        page.locator("#q-age").fill("")
        steps = complete(page, MRS_SATO, on_screen=lambda step: check(f"step {step}"))
        check("result")
        page.get_by_text(CONSENT_LABEL.ja).click()
        page.get_by_role("button", name=ja("Save and get a private link")).click()
        expect(page).to_have_url(re.compile(r"/r/"))
        check("saved result")
        page.get_by_role("link", name=ja("Delete this result")).click()
        confirm = page.get_by_role("button", name=ja("Yes, delete it"))
        expect(confirm).to_be_visible()
        check("delete confirmation")
        confirm.click()
        expect(page).to_have_url(re.compile(r"/deleted/$"))
        check("deleted")
        page.goto(site_url + "/no-such-page/")
        check("404")
        page.goto(site_url + "/")
        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        check("landing in English")
    finally:
        context.close()

    assert set(steps) == {step.id for step in question_set().steps}  # every screen was checked
    problems = {page: issues for page, issues in found.items() if issues}
    assert problems == {}, "\n".join(f"{p}: {i}" for p, issues in problems.items() for i in issues)
