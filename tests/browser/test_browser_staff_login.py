"""A new staff member at a clinic desktop, in Japanese: the clinic admin adds them with
`hizakoshi staff_add` and hands over the setup code it prints; the member logs in with the
password, types the setup code, sets up the authenticator app from the key the page shows (the
test computes the app's code from it, as the app would), sees the recovery codes, and the next
day logs in with password and code into the clinic area. axe finds no violation on any of the
second factor's pages."""

from __future__ import annotations

import io
import re
import time
from base64 import b32decode
from typing import Any

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from playwright.sync_api import Browser, Page, expect

from hizakoshi.clinic.models import Clinic
from hizakoshi.clinic.staff.views import clinic_home
from people import STAFF_PASSWORD, clinic_make

from .conftest import AXE_JS, shoot
from .person import site_text
from .test_browser_journey_diary import axe_violations

DESKTOP: dict[str, Any] = {
    "locale": "ja-JP",
    "timezone_id": "Asia/Tokyo",
    "viewport": {"width": 1280, "height": 800},
}
EMAIL = "kato@clinic.example.jp"


def app_code(key: bytes, *, steps_ahead: int = 0) -> str:
    totp = TOTP(key)
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


def password_step(page: Page, site_url: str) -> None:
    page.goto(site_url + "/accounts/login/")
    page.get_by_label(site_text("E-mail address")).fill(EMAIL)
    page.get_by_label(site_text("Password"), exact=True).fill(STAFF_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=site_text("Log in")).click()


def enter_code(page: Page, label: str, code: str, button: str) -> None:
    page.get_by_label(site_text(label)).fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name=site_text(button)).click()


def staff_added_by_the_clinic_admin(monkeypatch: pytest.MonkeyPatch, clinic: Clinic) -> str:
    """`hizakoshi staff_add` as the clinic admin runs it: the setup code it prints."""
    monkeypatch.setattr("sys.stdin", io.StringIO(STAFF_PASSWORD + "\n"))
    out = io.StringIO()
    call_command(
        "staff_add",
        *("--email", EMAIL, "--clinic-code", clinic.code, "--role", "physio", "--name", "加藤"),
        "--password-stdin",
        stdout=out,
    )
    printed = re.search(r"setup code: (\S+) ", out.getvalue())
    assert printed, out.getvalue()
    return printed.group(1)


def test_a_new_member_sets_up_the_app_and_logs_in_with_password_and_code(
    browser: Browser, site_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    clinic: Clinic = clinic_make("HIZA01", "ひざこしクリニック")
    setup_code = staff_added_by_the_clinic_admin(monkeypatch, clinic)
    context = browser.new_context(**DESKTOP, bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    axe: dict[str, list[str]] = {}
    try:
        password_step(page, site_url)
        expect(page).to_have_url(re.compile(r"/clinic/setup/$"))  # no app yet: set one up
        axe["setup, first page"] = axe_violations(page)
        shoot(page, "clinic-setup-code")
        enter_code(page, "Setup code", setup_code.lower(), "Show the QR code")
        expect(
            page.get_by_role("img", name=site_text("QR code for setting up the authenticator app"))
        ).to_be_visible()
        axe["setup, QR code"] = axe_violations(page)
        shoot(page, "clinic-setup-qr")
        typed_key = re.sub(r"\s", "", page.locator("#app-secret").inner_text())
        key = b32decode(typed_key + "=" * (-len(typed_key) % 8))
        enter_code(page, "Code from the app", app_code(key), "Confirm")
        codes = page.locator(".recovery-codes code").all_inner_texts()
        axe["recovery codes shown"] = axe_violations(page)
        with page.expect_navigation():
            page.get_by_role("link", name=site_text("I have stored the codes. Continue")).click()
        expect(page).to_have_url(re.compile(re.escape(clinic_home()) + "$"))
        page.goto(site_url + "/clinic/recovery-codes/")
        with page.expect_navigation():
            page.get_by_role("button", name=site_text("Log out")).click()

        # The next day: the password, then the code the app shows by then.
        password_step(page, site_url)
        expect(page).to_have_url(re.compile(r"/clinic/verify/$"))
        axe["code page"] = axe_violations(page)
        shoot(page, "clinic-verify")
        enter_code(page, "Code", app_code(key, steps_ahead=1), "Continue")
        expect(page).to_have_url(re.compile(re.escape(clinic_home()) + "$"))
        page.goto(site_url + "/clinic/recovery-codes/")
        expect(page.get_by_role("heading", level=1)).to_have_text(site_text("Recovery codes"))
        axe["new recovery codes page"] = axe_violations(page)
    finally:
        context.close()
    assert len(set(codes)) == 10
    assert axe == {
        "setup, first page": [],
        "setup, QR code": [],
        "recovery codes shown": [],
        "code page": [],
        "new recovery codes page": [],
    }
