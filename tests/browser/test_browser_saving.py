"""Saving a result needs the consent tick; the private link shows it; deleting removes it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from hizakoshi.selfcheck.consent import CONSENT_LABEL, MSG_CONSENT_REQUIRED

from .conftest import shoot
from .person import MRS_SATO, complete
from .test_browser_selfcheck import ja, start


def test_a_result_is_saved_only_with_consent_and_can_then_be_deleted(
    page: Page, site_url: str
) -> None:
    start(page, site_url)
    complete(page, MRS_SATO)
    save = page.get_by_role("button", name=ja("Save and get a private link"))

    save.click()
    expect(page.locator("#consent-error")).to_contain_text(MSG_CONSENT_REQUIRED.ja)
    expect(page).not_to_have_url(re.compile(r"/r/"))

    page.get_by_text(CONSENT_LABEL.ja).click()
    save.click()
    expect(page).to_have_url(re.compile(r"/r/[A-Za-z0-9_-]{20,}/$"))
    link = page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(ja("Your saved result"))
    expect(page.locator("#private-link")).to_have_value(link)
    expect(page.locator("#result")).to_have_attribute("data-likelihood", "likely")
    expect(page.locator("#result .exercise").first).to_be_visible()
    shoot(page, "ja-saved")

    page.get_by_role("link", name=ja("Delete this result")).click()
    confirm = page.get_by_role("button", name=ja("Yes, delete it"))
    expect(confirm).to_be_visible()
    shoot(page, "ja-delete-confirm")
    confirm.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ja("Your result has been deleted"))

    gone = page.goto(link)
    assert gone is not None and gone.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(ja("Page not found"))
