"""The clinic's working pages in Chromium, as the demo doctor sees them on a desktop in Japanese:
who needs attention, one patient's page, their plan, the bookings calendar and one booking (with
whether the clinic's e-mail about it went). Each page is
looked at (screenshots in test-artifacts/) and axe finds no violation on any of them."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Browser, Page, expect

from clinic.booking.factories import at, availability, booked, next_weekday
from hizakoshi.clinic.demo.people import DEMO_STAFF
from hizakoshi.clinic.demo.services import demo_clinic_load
from hizakoshi.clinic.models import AttentionKind, Clinic, PatientStatus

from .conftest import AXE_JS, shoot
from .person import site_text
from .test_browser_journey_diary import axe_violations

DESKTOP: dict[str, Any] = {
    "locale": "ja-JP",
    "timezone_id": "Asia/Tokyo",
    "viewport": {"width": 1280, "height": 800},
}


def _log_in_as_the_demo_doctor(page: Page, site_url: str) -> None:
    doctor = DEMO_STAFF[0]
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


def test_the_demo_doctor_works_through_the_clinic_pages_with_no_axe_violation(
    browser: Browser, site_url: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    demo_clinic_load(count=40)
    worse = PatientStatus.objects.filter(clinic__code="DEMO01").select_related("link")
    patient = next(s for s in worse if AttentionKind.PAIN_WORSE in s.attention)
    context = browser.new_context(**DESKTOP, bypass_csp=True)  # axe is injected as a script
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        _log_in_as_the_demo_doctor(page, site_url)
        expect(page).to_have_url(site_url + "/clinic/")
        expect(page.get_by_role("link", name=patient.link.name, exact=True)).to_be_visible()
        shoot(page, "clinic-dashboard")
        assert axe_violations(page) == [], "dashboard"

        page.get_by_role("link", name=patient.link.name, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(patient.link.name)
        expect(page.get_by_text("悪くなった").first).to_be_visible()
        shoot(page, "clinic-patient")
        assert axe_violations(page) == [], "patient page"

        page.goto(f"{site_url}/clinic/patients/{patient.person_id}/plan/")
        shoot(page, "clinic-plan")
        assert axe_violations(page) == [], "plan"

        page.goto(site_url + "/clinic/bookings/")
        shoot(page, "clinic-bookings")
        assert axe_violations(page) == [], "bookings"

        # A booking the person made, of which the demo clinic was told by e-mail.
        doctor = availability(Clinic.objects.get(code="DEMO01"))
        made = booked(doctor, at(next_weekday(), "10:00"))
        page.goto(f"{site_url}/clinic/bookings/{made.booking.pk}/")
        expect(page.get_by_role("row", name="クリニックへのお知らせメール")).to_contain_text(
            "ご本人が予約: 送信済み"
        )
        shoot(page, "clinic-booking")
        assert axe_violations(page) == [], "booking"
        assert errors == []
    finally:
        context.close()
