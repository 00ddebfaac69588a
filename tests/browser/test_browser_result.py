"""The result as a 68-year-old sees it on a phone (390 x 844, Japanese), and as the doctor gets it
on paper: the four answers on the first screen, a short page with the long parts folded, at most
four printed A4 pages, and no accessibility problem at all.

Screenshots and the PDF go to test-artifacts/ (result-first-screen.png, result-full.png,
result-print.pdf), for a person to look at.
"""

from __future__ import annotations

import re
import subprocess
from typing import Any

from playwright.sync_api import Browser, Page, expect

from .conftest import ARTIFACTS, AXE_JS, PHONE, shoot
from .person import MRS_SATO, complete
from .test_browser_selfcheck import start

SCREEN_PX = 844
MOST_SCREENS = 8
MOST_PRINTED_PAGES = 4
FOUR_ANSWERS = ("urgency", "pattern", "first", "exercises")

# Where each of the four answers ends, measured from the bottom of the site header.
ANSWER_BOTTOMS = """names => {
  const header = document.querySelector('.site-header').getBoundingClientRect().bottom + scrollY;
  const found = {};
  for (const name of names) {
    const el = document.querySelector(`[data-answer="${name}"]`);
    found[name] = el ? el.getBoundingClientRect().bottom + scrollY - header : null;
  }
  return found;
}"""
CLOSE_FOLDS = "() => { for (const d of document.querySelectorAll('details')) d.open = false; }"
PAGE_HEIGHT = "() => document.documentElement.scrollHeight"


def reach_result(page: Page, site_url: str) -> None:
    start(page, site_url)
    complete(page, MRS_SATO)


def test_the_first_phone_screen_answers_the_four_questions(page: Page, site_url: str) -> None:
    reach_result(page, site_url)
    bottoms: dict[str, Any] = page.evaluate(ANSWER_BOTTOMS, list(FOUR_ANSWERS))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "result-first-screen.png"))
    assert all(bottom is not None for bottom in bottoms.values()), bottoms
    assert {name: b for name, b in bottoms.items() if b > SCREEN_PX} == {}
    # The button takes the person straight to this week's exercises, the first ones open.
    page.locator('[data-answer="exercises"]').click()
    expect(page).to_have_url(re.compile(r"#exercises$"))
    expect(page.locator("#exercises details.exercise").first).to_have_attribute("open", "")


def test_the_result_with_its_folds_closed_fits_in_eight_phone_screens(
    page: Page, site_url: str
) -> None:
    reach_result(page, site_url)
    as_loaded = page.evaluate(PAGE_HEIGHT)
    shoot(page, "result-full")
    page.evaluate(CLOSE_FOLDS)
    folded = page.evaluate(PAGE_HEIGHT)
    shoot(page, "result-folded")
    for screen in range(folded // SCREEN_PX + 1):  # one picture per phone screen, to look at
        clip = {"x": 0, "y": screen * SCREEN_PX, "width": 390, "height": SCREEN_PX}
        page.screenshot(
            path=str(ARTIFACTS / f"result-screen-{screen + 1}.png"), full_page=True, clip=clip
        )
    print(f"result height: {as_loaded} px as loaded, {folded} px with every fold closed")
    assert folded <= MOST_SCREENS * SCREEN_PX


def test_the_printed_result_for_the_doctor_fits_on_four_a4_pages(page: Page, site_url: str) -> None:
    reach_result(page, site_url)
    page.evaluate(CLOSE_FOLDS)  # print opens them itself
    page.emulate_media(media="print")
    expect(page.locator(".print-footer")).to_be_visible()
    expect(page.locator("[data-option]").first).to_be_hidden()  # medical options stay out
    expect(page.locator("[data-reason]").first).to_be_visible()  # the reasons are on paper
    page.emulate_media(media="screen")
    expect(page.locator(".print-footer")).to_be_hidden()  # version and hash: paper only
    ARTIFACTS.mkdir(exist_ok=True)
    page.emulate_media(media="print")  # page.pdf() follows the emulated media
    pdf = ARTIFACTS / "result-print.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))  # type: ignore[union-attr]
    print(f"printed result: {pages} A4 pages")
    assert pages <= MOST_PRINTED_PAGES


def test_the_result_has_no_accessibility_problem_and_no_file_names(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(**PHONE, bypass_csp=True)
    page = context.new_page()
    try:
        reach_result(page, site_url)
        text = page.locator("body").inner_text()
        for details in page.locator("details").all():
            details.evaluate("d => { d.open = true; }")
        opened = page.locator("body").inner_text()
        assert "根拠(医療者向け)" in opened
        assert re.findall(r"[\w-]+\.md|seed|Engine version|エンジン", opened, re.I) == []
        assert "clinical" not in text.lower()
        page.add_script_tag(path=str(AXE_JS))
        report: dict[str, Any] = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        assert [(v["id"], v["impact"]) for v in report["violations"]] == []
    finally:
        context.close()
