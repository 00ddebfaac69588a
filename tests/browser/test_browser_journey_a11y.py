"""axe-core finds no serious or critical accessibility problem on any page of the accounts and
the self-care journey, seen by the demo person with a year of records (and by a visitor, for
the account pages). The URL conf is enumerated, so a new page cannot be left out.

As in test_browser_accessibility.py, axe is injected as a script: this context alone bypasses
the Content-Security-Policy.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import resolve
from playwright.sync_api import Browser, Page, expect

from hizakoshi.care.journey import diary_signs
from hizakoshi.journey.demo.services import DEMO_EMAIL, demo_journey_load
from hizakoshi.journey.models import Escalation
from urltable import area_urls

from .conftest import AXE_JS, PHONE, shoot
from .person import log_in, site_text
from .test_browser_accessibility import axe_problems

# URL names that are no page to look at, and why.
NOT_PAGES = {
    "accounts:logout": "a POST that goes back to the start",
    "journey:export_json": "a JSON download",
    "journey:export_fhir": "a JSON download",
    "journey:escalation_seen": "a POST that goes back to the progress page",
    "journey:clinician_note_seen": "a POST that goes back to Today (the note is checked there)",
    "calendar:feed": "an ICS file for calendar apps",
    "journey:summary_pdf": "a PDF download (tests/journey/test_summary.py reads it)",
}
INSTRUMENTS = ("nrs", "psfs", "start-back", "koos", "koos-12", "koos-ps", "rmdq", "odi")
FUNCTION_TESTS = ("two-step", "stand-up", "chair-stand", "steadi", "one-leg")


class Pages:
    """Runs axe on each page it is shown and remembers which URL names were checked."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.found: dict[str, list[str]] = {}
        self.names: set[str] = set()

    def check(self, label: str) -> None:
        expect(self.page.locator("main")).to_be_visible()
        name = resolve(urlsplit(self.page.url).path).view_name
        self.names.add(name)
        self.found[f"{label} [{name}]"] = axe_problems(self.page)

    def visit(self, site_url: str, path: str, label: str) -> None:
        self.page.goto(site_url + path)
        self.check(label)


def t(message: str) -> str:
    return site_text(message, "ja")


def account_pages_as_a_visitor(pages: Pages, site_url: str, outbox: list[Any]) -> None:
    page = pages.page
    pages.visit(site_url, "/accounts/signup/", "sign-up")
    page.get_by_role("button", name=t("Make my account")).click()
    expect(page.locator(".error-message").first).to_be_visible()
    pages.check("sign-up with field errors")
    page.get_by_label(t("E-mail address")).fill("new.visitor@example.jp")
    page.get_by_label(t("Password"), exact=True).fill("knee-and-back-2025")
    page.locator("#id_consent").check()
    page.get_by_role("button", name=t("Make my account")).click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/sent/$"))
    pages.check("sign-up: check your e-mail")
    confirm = re.search(r"/accounts/signup/\S+/", str(outbox.pop().body))
    assert confirm
    pages.visit(site_url, confirm.group(0), "sign-up: the e-mailed link")

    pages.visit(site_url, "/accounts/login/", "login")
    page.get_by_label(t("E-mail address")).fill("nobody@example.jp")
    page.get_by_label(t("Password"), exact=True).fill("not-the-password")
    page.get_by_role("button", name=t("Log in")).click()
    expect(page.locator(".error-summary, .error-message").first).to_be_visible()
    pages.check("login with the one failure message")

    page.get_by_role("link", name=t("Forgot your password?")).click()
    pages.check("password reset")
    page.get_by_label(t("E-mail address")).fill(DEMO_EMAIL)
    page.get_by_role("button", name=t("Send the link")).click()
    expect(page).to_have_url(re.compile(r"/accounts/password-reset/sent/$"))
    pages.check("password reset: link sent")
    (letter,) = outbox  # the reset e-mail (locmem backend in tests)
    link = re.search(r"https?://\S+/accounts/reset/\S+/", str(letter.body))
    assert link, letter.body
    page.goto(link.group(0))
    expect(page.locator("input[type=password]").first).to_be_visible()
    pages.check("password reset: choose a new password")
    pages.visit(site_url, "/accounts/reset/done/", "password reset: done")
    pages.visit(site_url, "/accounts/deleted/", "account deleted")


def daily_pages(pages: Pages, site_url: str) -> None:
    page = pages.page
    pages.visit(site_url, "/me/today/", "today")
    escalation = Escalation.objects.filter(person__email=DEMO_EMAIL).first()
    assert escalation is not None, "the demo person has no escalation"
    pages.visit(site_url, f"/me/escalations/{escalation.pk}/", "a message to see a doctor")

    pages.visit(site_url, "/me/session/", "guided session: first exercise")
    sections = page.locator("section[data-exercise-id]")
    for i in range(sections.count()):
        sections.nth(i).get_by_role("button", name=t("Next exercise")).click()
    expect(page.locator("[data-session-end]")).to_be_visible()
    pages.check("guided session: the end")

    pages.visit(site_url, "/me/diary/", "diary")
    page.locator(".diary-week a[href*='/me/diary/2']").first.click()
    pages.check("diary: an earlier day")


def measure_pages(pages: Pages, site_url: str) -> None:
    page = pages.page
    pages.visit(site_url, "/me/measures/", "outcome measures")
    for slug in INSTRUMENTS:
        pages.visit(site_url, f"/me/measures/{slug}/", f"measure {slug}")
    pages.visit(site_url, "/me/measures/psfs/activities/", "PSFS activities")

    pages.visit(site_url, "/me/tests/", "function tests")
    pages.visit(site_url, "/me/tests/two-step/", "two-step: safety screen")
    page.get_by_role("button", name=t("Show the test")).click()
    expect(page.get_by_role("alert").first).to_be_visible()
    pages.check("two-step: safety screen, not all confirmed")
    for slug in FUNCTION_TESTS:
        page.goto(f"{site_url}/me/tests/{slug}/")
        if page.get_by_role("button", name=t("Show the test")).count():
            for box in page.locator("input[type=checkbox]").all():
                box.check()
            page.get_by_role("button", name=t("Show the test")).click()
        expect(page.get_by_role("button", name=t("Save the result"))).to_be_visible()
        pages.check(f"test {slug}")

    pages.visit(site_url, "/me/progress/", "progress")


def account_pages(pages: Pages, site_url: str) -> None:
    page = pages.page
    pages.visit(site_url, "/me/calendar/", "calendar link: none yet")
    page.get_by_role("button", name=t("Make a private calendar link")).click()
    expect(page.get_by_role("button", name=t("Stop the link"))).to_be_visible()
    pages.check("calendar link: made")
    pages.visit(site_url, "/me/reminders/", "reminders")
    pages.visit(site_url, "/me/", "profile")
    pages.visit(site_url, "/me/export/", "export")
    pages.visit(site_url, "/me/summary/", "summary for the doctor")
    pages.visit(site_url, "/me/delete/", "delete: confirm")
    page.get_by_label(t("Password"), exact=True).fill("not-the-password")
    page.get_by_role("button", name=t("Yes, delete everything")).click()
    expect(page.locator(".error-message").first).to_be_visible()
    pages.check("delete: wrong password")


def a_warning_sign_in_the_diary(pages: Pages, site_url: str) -> None:
    """A new bladder problem ticked in the diary: the urgent advice, with 119 first."""
    page = pages.page
    page.goto(site_url + "/me/diary/")
    (bladder,) = [rule for rule in diary_signs() if rule.id == "bladder_bowel"]
    page.get_by_label(bladder.sign.ja, exact=True).check()
    page.get_by_role("button", name=t("Save"), exact=True).click()
    alert = page.locator("main > .triage").first
    expect(alert).to_have_class(re.compile(r"\btriage-emergency\b"))
    first_action = page.locator("main").locator("a, button").first
    expect(first_action).to_have_text(t("Call 119"))
    expect(first_action).to_have_attribute("href", "tel:119")
    expect(alert.locator("[data-redflag=bladder_bowel]")).to_be_visible()
    shoot(page, "journey-diary-urgent")
    pages.check("diary: urgent advice")
    pages.visit(site_url, "/me/today/", "today, after a warning sign")
    expect(page.get_by_role("link", name=t("Call 119")).first).to_be_visible()
    pages.visit(site_url, "/me/today/for-doctor/", "what to tell the doctor, to print")
    pages.visit(site_url, "/me/today/resume/", "record a doctor's visit")
    page.get_by_role("button", name=t("A doctor has seen me: resume my plan")).click()
    expect(page.locator(".error-message").first).to_be_visible()
    pages.check("record a doctor's visit: no day given")


def test_no_journey_or_account_page_has_a_serious_or_critical_accessibility_problem(
    browser: Browser, site_url: str, mailoutbox: list[Any]
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (make test does)")
    demo = demo_journey_load()
    context = browser.new_context(**PHONE, bypass_csp=True)
    pages = Pages(context.new_page())
    try:
        account_pages_as_a_visitor(pages, site_url, mailoutbox)
        log_in(pages.page, site_url, DEMO_EMAIL, demo.password)
        pages.check("today, straight after logging in")
        daily_pages(pages, site_url)
        measure_pages(pages, site_url)
        account_pages(pages, site_url)
        a_warning_sign_in_the_diary(pages, site_url)
    finally:
        context.close()

    expected = {name for name, _ in area_urls()} - NOT_PAGES.keys()
    assert expected - pages.names == set(), "pages not checked"
    problems = {p: issues for p, issues in pages.found.items() if issues}
    assert problems == {}, "\n".join(f"{p}: {i}" for p, issues in problems.items() for i in issues)
