"""A doctor at the clinic desktop changes a linked patient's plan in Chromium: a bad level is
refused at its field, then the bridge's amount is saved with a note. The patient, on her phone,
reads the clinic's message on Today with the new amount, and dismisses it. axe finds no violation
on the plan page (also with the refused form) nor on Today with the message."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, expect

from journey.factories import with_plan
from people import PASSWORD, STAFF_PASSWORD, clinic_make, linked, person, staff

from .conftest import AXE_JS, PHONE, shoot
from .person import site_text
from .test_browser_journey_diary import axe_violations

DESKTOP: dict[str, Any] = {
    "locale": "ja-JP",
    "timezone_id": "Asia/Tokyo",
    "viewport": {"width": 1280, "height": 800},
}
DOCTOR = "yamada@clinic.example.jp"
PATIENT = "hanako@example.jp"


def test_a_doctor_changes_the_amount_and_the_patient_reads_the_message_on_today(
    browser: Browser, site_url: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    clinic = clinic_make("HIZA01", "ひざこしクリニック")
    doctor = staff(DOCTOR, clinic, display_name="山田")
    hanako = with_plan(person(PATIENT))
    linked(hanako, clinic)
    key = TOTPDevice.objects.get(user=doctor).bin_key
    axe: dict[str, list[str]] = {}

    desk = browser.new_context(**DESKTOP, bypass_csp=True)  # axe is injected as a script
    page = desk.new_page()
    try:
        page.goto(site_url + "/accounts/login/")
        page.get_by_label(site_text("E-mail address")).fill(DOCTOR)
        page.get_by_label(site_text("Password"), exact=True).fill(STAFF_PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name=site_text("Log in")).click()
        totp = TOTP(key)
        totp.time = time.time()
        page.get_by_label(site_text("Code")).fill(f"{totp.token():06d}")
        with page.expect_navigation():
            page.get_by_role("button", name=site_text("Continue")).click()
        page.goto(f"{site_url}/clinic/patients/{hanako.pk}/plan/")
        expect(page.get_by_role("heading", level=1)).to_have_text("佐藤 花子さんのプラン")
        axe["plan page"] = axe_violations(page)

        page.get_by_text("お尻上げ(ブリッジ)の量を変える").click()
        form = page.locator("form.plan-dose").filter(has=page.locator('[value="bridge"]'))
        form.get_by_label(re.compile("^段階")).fill("4")
        with page.expect_navigation():
            form.get_by_role("button", name="この量で保存").click()
        expect(page.get_by_text("1から3までの数を入れてください。")).to_be_visible()
        axe["plan page, refused"] = axe_violations(page)

        form = page.locator("form.plan-dose").filter(has=page.locator('[value="bridge"]'))
        form.get_by_label(re.compile("^段階")).fill("2")
        form.get_by_label(re.compile("^回数")).fill("12")
        form.get_by_label("ご本人へのメモ").fill("ブリッジはレベル2にしました。")
        with page.expect_navigation():
            form.get_by_role("button", name="この量で保存").click()
        expect(page.get_by_role("status")).to_contain_text("保存しました")
        expect(page.locator('tr[data-exercise="bridge"]')).to_contain_text("山田(医師)")
        shoot(page, "clinic-plan")
    finally:
        desk.close()

    phone = browser.new_context(**PHONE, bypass_csp=True)
    page = phone.new_page()
    try:
        page.goto(site_url + "/accounts/login/")
        page.get_by_label(site_text("E-mail address")).fill(PATIENT)
        page.get_by_label(site_text("Password"), exact=True).fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name=site_text("Log in")).click()
        page.goto(site_url + "/me/today/")
        message = page.get_by_role("region", name="クリニックからのメッセージ")
        expect(message).to_contain_text("ブリッジはレベル2にしました。")
        expect(message).to_contain_text("ひざこしクリニック · 山田(医師)")
        expect(page.get_by_text("山田(医師)が量を決めました。")).to_be_visible()
        shoot(page, "today-clinic-message")
        axe["today with the clinic's message"] = axe_violations(page)
        with page.expect_navigation():
            message.get_by_role("button", name="読みました").click()
        expect(page.get_by_role("region", name="クリニックからのメッセージ")).to_have_count(0)
    finally:
        phone.close()
    assert axe == {
        "plan page": [],
        "plan page, refused": [],
        "today with the clinic's message": [],
    }
