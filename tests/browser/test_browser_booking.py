"""On a 390 x 844 phone, in Japanese: a first-time visitor finishes the self-check, books a
consultation from the result (a time, their details, the result attached), forgets the consent
box once, gets the confirmation e-mail with a calendar invitation, and cancels from the private
link in it (the cancellation carries the same UID). axe finds no violation of any impact on any
of these pages."""

from __future__ import annotations

import re
from email.mime.base import MIMEBase
from urllib.parse import urlsplit

import pytest
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from clinic.booking.factories import availability, site_clinic
from hizakoshi.clinic.models import Booking

from .conftest import AXE_JS, PHONE, shoot
from .person import MRS_SATO, complete, site_text
from .test_browser_journey_diary import axe_violations
from .test_browser_selfcheck import start


def t(message: str) -> str:
    return site_text(message, "ja")


def check(page: Page, found: dict[str, list[str]], name: str) -> None:
    found[name] = axe_violations(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["viewport"]["width"]:
        found[name].append(f"the page is {width} px wide")


def invitation(message: mail.EmailMessage) -> Calendar:
    (part,) = [a for a in message.attachments if isinstance(a, MIMEBase)]
    return Calendar.from_ical(part.get_payload(decode=True))


def test_a_visitor_books_from_the_result_gets_the_email_and_cancels_from_its_link(
    browser: Browser, site_url: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    availability(site_clinic(), lead_minutes=120, change_until_minutes=60, price_yen=0)
    context = browser.new_context(**PHONE, bypass_csp=True)
    page = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        start(page, site_url)
        complete(page, MRS_SATO)
        offer = page.locator(".booking-offer")
        expect(offer).to_contain_text("ひざこし整形外科")
        check(page, found, "result")
        offer.get_by_role("button", name="相談を予約する").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("相談の予約")
        expect(page.get_by_text("費用: 0円")).to_be_visible()
        check(page, found, "times")
        first = page.locator(".slot-grid a").first
        label = first.get_attribute("aria-label") or ""
        assert re.fullmatch(r"\d{1,2}月\d{1,2}日\([月火水木金土日]\) \d\d:\d\d", label), label
        first.click()

        expect(page.locator("#when")).to_contain_text(label)
        page.get_by_label(t("Name"), exact=True).fill("佐藤 花子")
        page.get_by_label(t("Reading of your name (furigana)")).fill("さとう はなこ")
        page.get_by_label(t("Phone number")).fill("０９０ー１２３４ー５６７８")
        page.get_by_label(t("E-mail address")).fill("hanako@example.jp")
        page.get_by_label(t("By e-mail"), exact=True).check()
        page.get_by_label(t("Attach the result of this self-check")).check()
        page.get_by_role("button", name="この時間で予約する").click()
        expect(page.get_by_role("alert")).to_contain_text("同意のチェックを入れてください")
        expect(page.get_by_label(t("Name"), exact=True)).to_have_value("佐藤 花子")
        check(page, found, "form, consent missing")
        shoot(page, "booking-consent-missing")

        page.get_by_label("上の内容で、予約の内容をクリニックに渡すことに同意します").check()
        page.get_by_role("button", name="この時間で予約する").click()
        expect(page.locator(".saved-note")).to_contain_text("予約を受け付けました。")
        expect(page.get_by_text(label)).to_be_visible()
        check(page, found, "booked")
        shoot(page, "booking-made")

        booking = Booking.objects.get()
        assert booking.selfcheck is not None and booking.phone == "09012345678"
        (confirmation,) = mail.outbox
        assert confirmation.to == ["hanako@example.jp"]
        request = invitation(confirmation)
        assert request["METHOD"] == "REQUEST"
        link = re.search(r"https?://\S+/book/m/[A-Za-z0-9_-]+/", confirmation.body)
        assert link, confirmation.body

        page.goto(site_url + urlsplit(link.group(0)).path)
        page.get_by_role("link", name="予約を取り消す").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("予約を取り消しますか?")
        check(page, found, "cancel?")
        page.get_by_role("button", name="はい、取り消します").click()
        expect(page.locator(".saved-note")).to_contain_text("予約を取り消しました。")
        check(page, found, "cancelled")
    finally:
        context.close()
    assert Booking.objects.get().status == "cancelled"
    cancel = invitation(mail.outbox[1])
    first_event, cancel_event = request.walk("VEVENT")[0], cancel.walk("VEVENT")[0]
    assert cancel["METHOD"] == "CANCEL"
    assert cancel_event["UID"] == first_event["UID"]
    assert cancel_event["SEQUENCE"] > first_event["SEQUENCE"]
    assert {name: v for name, v in found.items() if v} == {}
