"""On a 390 x 844 phone, in Japanese: a person links with their clinic by typing its code as a
phone keyboard gives it (full-width, lower case), reads what is shared, forgets the consent box
once, writes the furigana in hiragana, agrees, and sees the clinic on their list; then opens who
looked at their records and the page that asks before ending the link. axe finds no violation
of any impact on any of these pages, with or without error messages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from hizakoshi.clinic.models import CareLink
from people import PASSWORD, clinic_make, person

from .conftest import AXE_JS, PHONE, shoot
from .person import log_in, site_text
from .test_browser_journey_diary import axe_violations


def t(message: str) -> str:
    return site_text(message, "ja")


def check(page: Page, found: dict[str, list[str]], name: str) -> None:
    found[name] = axe_violations(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["viewport"]["width"]:
        found[name].append(f"the page is {width} px wide")


def test_a_person_links_with_their_clinic_by_its_code_on_a_phone(
    browser: Browser, site_url: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    hanako = person("hanako@example.jp")
    clinic_make("HIZA01", "ひざこしクリニック")
    context = browser.new_context(**PHONE, bypass_csp=True)
    page = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        log_in(page, site_url, hanako.email, PASSWORD)
        page.goto(site_url + "/me/")
        page.get_by_role("link", name=t("Your clinics")).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(t("Your clinics"))
        check(page, found, "list, no link yet")

        page.get_by_label(t("The clinic's code")).fill("ｈｉｚａ０１")
        page.get_by_role("button", name=t("Find the clinic")).click()
        expect(page).to_have_url(re.compile(r"/me/clinics/join/HIZA01/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("ひざこしクリニックとつなぐ")
        expect(
            page.get_by_text("渡す相手: このクリニックの医師と理学療法士だけです。")
        ).to_be_visible()
        check(page, found, "join")

        page.get_by_label(t("Your name"), exact=True).fill("佐藤 花子")
        page.get_by_label(t("Your name in katakana (furigana)")).fill("さとう はなこ")
        page.get_by_label(t("Year")).fill("昭和31")
        page.get_by_label(t("Month")).fill("4")
        page.get_by_label(t("Day"), exact=True).fill("1")
        page.get_by_role("button", name=t("Link with this clinic")).click()
        expect(page.get_by_role("alert")).to_contain_text(
            "クリニックとつなぐには、同意の欄にチェックを入れてください。"
        )
        expect(page.get_by_label(t("Your name"), exact=True)).to_have_value("佐藤 花子")
        check(page, found, "join, consent missing")
        shoot(page, "care-link-consent-missing")

        page.get_by_label(
            t("I agree to the points above and share my records with this clinic.")
        ).check()
        page.get_by_role("button", name=t("Link with this clinic")).click()
        expect(page).to_have_url(re.compile(r"/me/clinics/\?done=linked$"))
        expect(page.get_by_role("status")).to_contain_text("クリニックとつながりました。")
        expect(page.locator(".care-link h3")).to_have_text("ひざこしクリニック")
        check(page, found, "list, linked")
        shoot(page, "care-link-linked")

        page.get_by_role("link", name=t("Who looked at your records")).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(t("Who looked at your records"))
        check(page, found, "access log, empty")

        page.goto(site_url + "/me/clinics/")
        page.get_by_role("link", name="ひざこしクリニックとの連携をやめる").click()
        expect(page.get_by_role("button", name=t("Yes, end the link"))).to_be_visible()
        check(page, found, "end: are you sure?")

        page.goto(site_url + "/me/clinics/join/NOPE99/")
        expect(page.get_by_role("heading", level=1)).to_have_text(t("Clinic not found"))
        check(page, found, "unknown code")
    finally:
        context.close()

    link = CareLink.objects.get(person=hanako)
    assert (link.name_kana, link.birth_date.isoformat() if link.birth_date else None) == (
        "サトウ ハナコ",
        "1956-04-01",
    )
    assert link.ended_at is None  # the confirmation page ended nothing
    assert {name: issues for name, issues in found.items() if issues} == {}
    assert len(found) == 7
