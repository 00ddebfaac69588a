"""Reception at a clinic desktop, in Japanese, sets when the clinic takes consultation bookings:
from the menu to the hours page, a new entry typed with one mistake (a 2-minute slot, said at its
field), then saved; a closed day; and the booking page then offers exactly the new times. Each
page is looked at (screenshots in test-artifacts/) and axe finds no violation on any of them."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect

from clinic.booking.factories import next_weekday, site_clinic
from hizakoshi.clinic.models import Availability, Role
from people import STAFF_PASSWORD, staff

from .conftest import AXE_JS, shoot
from .person import site_text
from .test_browser_journey_diary import axe_violations

DESKTOP: dict[str, Any] = {
    "locale": "ja-JP",
    "timezone_id": "Asia/Tokyo",
    "viewport": {"width": 1280, "height": 800},
}
EMAIL = "uketsuke@clinic.example.jp"


def log_in(page: Page, site_url: str) -> None:
    page.goto(site_url + "/accounts/login/")
    page.get_by_label(site_text("E-mail address")).fill(EMAIL)
    page.get_by_label(site_text("Password"), exact=True).fill(STAFF_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=site_text("Log in")).click()
    totp = TOTP(TOTPDevice.objects.get(user__email=EMAIL).bin_key)
    totp.time = time.time()
    page.get_by_label(site_text("Code")).fill(f"{totp.token():06d}")
    with page.expect_navigation():
        page.get_by_role("button", name=site_text("Continue")).click()


def checked(page: Page, found: dict[str, list[str]], name: str) -> None:
    shoot(page, f"clinic-hours-{name}")
    found[name] = axe_violations(page)


def test_reception_sets_the_hours_and_the_booking_page_offers_them(
    browser: Browser, site_url: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    staff(EMAIL, site_clinic(), role=Role.RECEPTION, display_name="受付")
    context = browser.new_context(**DESKTOP, bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    found: dict[str, list[str]] = {}
    try:
        log_in(page, site_url)
        page.get_by_role("link", name="予約の受付時間").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("予約の受付時間")
        checked(page, found, "empty")

        page.get_by_role("link", name="スタッフ・部屋を追加する").click()
        page.get_by_label("スタッフ・部屋").fill("山田(医師)")
        for day in ("火曜日", "木曜日"):
            page.get_by_label(f"{day} 時間帯1 の始まり").fill("09:00")
            page.get_by_label(f"{day} 時間帯1 の終わり").fill("12:00")
            page.get_by_label(f"{day} 時間帯2 の始まり").fill("14:00")
            page.get_by_label(f"{day} 時間帯2 の終わり").fill("16:00")
        slot = page.get_by_label("1回の相談の長さ(分)")
        slot.fill("2")
        page.get_by_label("予約を受け付けるのは開始の何分前までか(分)").fill("0")
        page.get_by_label("表示する費用(円)").fill("0")
        with page.expect_navigation():
            page.get_by_role("button", name="追加する").click()
        expect(page.get_by_role("alert")).to_contain_text("保存していません")
        expect(page.get_by_text("5から240までの数を入れてください。")).to_be_visible()
        expect(page.get_by_label("火曜日 時間帯2 の終わり")).to_have_value("16:00")
        checked(page, found, "refused")

        page.get_by_label("1回の相談の長さ(分)").fill("40")
        with page.expect_navigation():
            page.get_by_role("button", name="追加する").click()
        expect(page.get_by_role("status")).to_contain_text("追加しました")
        expect(page.locator(".week-lines").first).to_contain_text("火 9:00-12:00 14:00-16:00")
        checked(page, found, "list")

        page.get_by_role("link", name="休みの日・臨時の時間を追加する").click()
        closed = next_weekday(weekday=3)  # a Thursday
        page.get_by_label(re.compile(r"^日")).fill(closed.isoformat())
        page.get_by_label("スタッフ向けのメモ").fill("研修")
        checked(page, found, "day-form")
        with page.expect_navigation():
            page.get_by_role("button", name="この日を保存する").click()
        expect(page.locator(f'[data-day="{closed.isoformat()}"]')).to_contain_text("終日休み")
        checked(page, found, "with-a-closed-day")

        page.get_by_role("link", name="山田(医師)").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("山田(医師) の受付時間")
        checked(page, found, "edit")

        page.goto(site_url + "/book/")
        links = page.locator(".slot-grid a")
        expect(links.first).to_be_visible()
        times = {t.strip() for t in links.all_inner_texts()}
        assert times == {"09:00", "09:40", "10:20", "11:00", "14:00", "14:40", "15:20"}, times
        hrefs = [links.nth(n).get_attribute("href") or "" for n in range(links.count())]
        assert not [h for h in hrefs if f"-{closed:%Y%m%d}" in h]  # the closed Thursday
        entry = Availability.objects.get()
        assert entry.slot_minutes == 40
        assert entry.weekly[1] == [["09:00", "12:00"], ["14:00", "16:00"]]
        assert errors == []
        assert found == {name: [] for name in found}, found
    finally:
        context.close()
