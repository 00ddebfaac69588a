"""The clinic's outcomes page in Chromium, as the demo doctor sees it after `hizakoshi run`: the
printed password, the code from the printed TOTP secret, then the report with its chart and
table, in Japanese. axe finds no violation."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Browser, expect

from hizakoshi.clinic.demo.people import DEMO_STAFF
from hizakoshi.clinic.demo.services import demo_clinic_load

from .conftest import AXE_JS, shoot
from .person import site_text
from .test_browser_journey_diary import axe_violations

DESKTOP: dict[str, Any] = {
    "locale": "ja-JP",
    "timezone_id": "Asia/Tokyo",
    "viewport": {"width": 1280, "height": 800},
}


def test_the_demo_doctor_reads_the_outcomes_with_no_axe_violation(
    browser: Browser, site_url: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    demo_clinic_load(count=40)
    doctor = DEMO_STAFF[0]
    context = browser.new_context(**DESKTOP, bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    try:
        page.goto(site_url + "/accounts/login/")
        page.get_by_label(site_text("E-mail address")).fill(doctor.email)
        page.get_by_label(site_text("Password"), exact=True).fill(doctor.password())
        with page.expect_navigation():
            page.get_by_role("button", name=site_text("Log in")).click()
        totp = TOTP(doctor.totp_key())
        totp.time = time.time()
        page.get_by_label(site_text("Code")).fill(f"{totp.token():06d}")
        with page.expect_navigation():
            page.get_by_role("button", name=site_text("Continue")).click()
        page.goto(site_url + "/clinic/outcomes/")
        expect(page.get_by_role("heading", level=1)).to_have_text("成果")
        expect(page.get_by_role("img", name="12週で良くなった人の割合")).to_be_visible()
        expect(page.get_by_role("link", name="成果")).to_have_attribute("aria-current", "page")
        shoot(page, "clinic-outcomes")
        assert axe_violations(page) == []
    finally:
        context.close()
