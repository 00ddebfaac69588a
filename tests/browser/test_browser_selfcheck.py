"""The self-check as a person on a phone goes through it, in real Chromium."""

from __future__ import annotations

import re

from django.utils import translation
from playwright.sync_api import Browser, Page, expect

from hizakoshi.care.questions import MSG_RANGE, question_set

from .conftest import PHONE, shoot
from .person import MRS_SATO, WITH_BLADDER_TROUBLE, answer, complete, current_step, press_next


def ja(message: str) -> str:
    """The Japanese text of one of the site's own (English-keyed) messages."""
    with translation.override("ja"):
        text = translation.gettext(message)
    assert text != message, f"no Japanese translation for {message!r}"
    return text


# Four or more English words in a row: a sentence left untranslated on a Japanese page.
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,.:;'()-]+[A-Za-z]{2,}){3,}")


def untranslated(page: Page) -> list[str]:
    text = page.locator("body").inner_text()
    return ENGLISH_RUN.findall(text)


# Readers are often older: no visible text under 14 CSS px, and nothing wider than the phone.
SMALLEST_TEXT_PX = 14
LAYOUT_PROBLEMS = """min => {
  const problems = [];
  if (document.documentElement.scrollWidth > window.innerWidth)
    problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px wide`);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); ) {
    const text = node.textContent.trim(), el = node.parentElement;
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!text || box.width <= 1 || box.height <= 1 || style.visibility === "hidden") continue;
    if (parseFloat(style.fontSize) < min) problems.push(`${style.fontSize}: ${text.slice(0, 40)}`);
  }
  return problems;
}"""


def layout_problems(page: Page) -> list[str]:
    problems: list[str] = page.evaluate(LAYOUT_PROBLEMS, SMALLEST_TEXT_PX)
    return problems


def start(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.get_by_role("link", name=ja("Start the self-check")).click()
    expect(page.locator("form#step-form")).to_be_visible()


def test_a_new_user_completes_the_self_check_in_japanese_and_sees_the_result(
    page: Page, site_url: str, csp_violations: list[str]
) -> None:
    page.goto(site_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    shoot(page, "ja-01-landing")
    english = {"landing": untranslated(page)}
    layout = {"landing": layout_problems(page)}
    page.get_by_role("link", name=ja("Start the self-check")).click()

    def on_screen(step: str) -> None:
        shoot(page, f"ja-step-{step}")
        english[step] = untranslated(page)
        layout[step] = layout_problems(page)

    steps = complete(page, MRS_SATO, on_screen=on_screen)

    assert steps[0] == "about" and len(steps) >= 8
    result = page.locator("#result")
    expect(page).to_have_title(re.compile(ja("Your result")))
    expect(result).to_have_attribute("data-urgency", re.compile("^(none|soon)$"))
    expect(result).to_have_attribute("data-likelihood", "likely")
    expect(result.locator(".badge")).to_have_text(ja("likely"))
    # The reasons are folded under the summary: a tap on "why we think so" opens them.
    result.locator("#why-pattern > summary").click()
    expect(result.locator("[data-reason]").first).to_be_visible()
    exercises = result.locator(".exercise")
    assert exercises.count() >= 2
    for drawing in result.locator("img.illustration").all():
        drawing.scroll_into_view_if_needed()
        expect(drawing).to_have_js_property("complete", True)
        assert drawing.evaluate("img => img.naturalWidth") > 0, drawing.get_attribute("src")
    expect(result.get_by_role("heading", name=ja("Warm or cool?"))).to_be_visible()
    expect(result.locator("[data-thermal]").first).to_be_visible()
    expect(result.locator(".bmi")).to_contain_text("25.8")  # 62 kg at 155 cm
    expect(result.get_by_role("heading", name=ja("Weight and your knees"))).to_be_visible()
    expect(result.locator("details.tip[data-tip]").first).to_be_visible()
    expect(result.get_by_role("heading", name=ja("When to see a doctor"))).to_be_visible()
    shoot(page, "ja-result")
    english["result"] = untranslated(page)
    layout["result"] = layout_problems(page)
    assert {name: runs for name, runs in english.items() if runs} == {}
    assert {name: found for name, found in layout.items() if found} == {}
    assert csp_violations == []


def test_a_bladder_sign_shows_119_at_once_and_the_result_has_no_exercises(
    page: Page, site_url: str
) -> None:
    start(page, site_url)
    call_119 = page.get_by_role("link", name=ja("Call 119"))

    def check_warning(step: str) -> None:
        # Every screen after the one where the sign was ticked tells the person to call now.
        if step not in ("about", "urgent"):
            expect(call_119).to_have_attribute("href", "tel:119")
        if step == "health":
            shoot(page, "ja-emergency-early-warning")

    complete(page, WITH_BLADDER_TROUBLE, on_screen=check_warning)

    result = page.locator("#result")
    expect(result).to_have_attribute("data-urgency", "emergency")
    expect(call_119.first).to_be_visible()
    expect(call_119.first).to_have_attribute("href", "tel:119")
    expect(result.locator(".exercise")).to_have_count(0)
    expect(result.locator("[data-redflag]").first).to_be_visible()
    shoot(page, "ja-emergency-result")


def test_an_age_of_300_gets_a_japanese_message_next_to_the_age_field(
    page: Page, site_url: str
) -> None:
    start(page, site_url)
    age = question_set().questions["age"]
    answer(page, age, "300", "ja")
    press_next(page)

    assert current_step(page) == "about"
    field = page.get_by_role("textbox", name=re.compile("^" + age.label.ja))
    message = MSG_RANGE.format(min=18, max=110).ja
    error = page.locator("#q-age-error")
    expect(error).to_contain_text(message)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", re.compile(r"\bq-age-error\b"))
    # Next to the field: in the same block, right above the box, not only in a list at the top.
    expect(page.locator(".field.has-error", has=field).locator(".error-message")).to_be_visible()
    box, shown = field.bounding_box(), error.bounding_box()
    assert box and shown and 0 <= box["y"] - (shown["y"] + shown["height"]) < 80
    expect(page.locator(".error-summary")).to_contain_text(message)
    expect(field).to_have_value("300")  # what was typed is kept, to be corrected
    shoot(page, "ja-error-age-300")


def test_the_language_switch_turns_the_pages_into_english_and_keeps_the_answers(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Knee and low-back self-check")

    page.get_by_role("link", name="Start the self-check").click()
    age = question_set().questions["age"]
    answer(page, age, "68", "en")
    page.get_by_role("button", name="日本語").click()
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("textbox", name=re.compile("^" + age.label.ja))).to_have_value("68")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("textbox", name=re.compile("^" + age.label.en))).to_have_value("68")

    complete(page, MRS_SATO | {"age": ""}, lang="en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your result")
    expect(page.get_by_role("heading", name="When to see a doctor")).to_be_visible()
    shoot(page, "en-result")


def test_the_whole_self_check_works_with_javascript_turned_off(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        start(page, site_url)
        complete(page, MRS_SATO)
        expect(page.locator("#result .exercise").first).to_be_visible()
        page.get_by_text(ja_consent_label()).click()
        page.get_by_role("button", name=ja("Save and get a private link")).click()
        expect(page).to_have_url(re.compile(r"/r/[A-Za-z0-9_-]{20,}/$"))
        shoot(page, "ja-no-javascript-saved")
    finally:
        context.close()


def ja_consent_label() -> str:
    from hizakoshi.selfcheck.consent import CONSENT_LABEL

    return CONSENT_LABEL.ja
