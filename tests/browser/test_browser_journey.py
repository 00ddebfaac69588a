"""A new person's first day of self-care, in real Chromium on a phone, in Japanese: the
self-check, keeping the result in an account, today's plan, a guided session with the hold
timer running, the diary, and the progress chart. Every page is photographed into
test-artifacts/journey-*.png and read for untranslated English and type too small to read."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from .conftest import shoot
from .person import MRS_SATO, complete, keep_result_in_new_account
from .test_browser_selfcheck import SMALLEST_TEXT_PX, ja, layout_problems, start, untranslated

# What the harness's layout check cannot see: the text typed into a form field, and chart
# labels, whose computed size is in SVG units but which are drawn scaled to the phone's width.
SMALL_FIELDS_AND_CHART_TEXT = """min => {
  const problems = [];
  const fields = "input:not([type=hidden], [type=checkbox], [type=radio]), select, textarea";
  for (const el of document.querySelectorAll(fields)) {
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (el.getBoundingClientRect().width > 1 && size < min)
      problems.push(`field ${el.name || el.id}: ${size.toFixed(1)}px`);
  }
  for (const svg of document.querySelectorAll("svg[viewBox]")) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll("text")]
      .map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    const smallest = Math.min(...sizes), title = svg.querySelector("title")?.textContent;
    if (sizes.length && smallest < min)
      problems.push(`chart "${title}": text drawn at ${smallest.toFixed(1)}px`);
  }
  return problems;
}"""


class Pages:
    """Photographs each page of the journey and notes what a person could not read."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: dict[str, list[str]] = {}

    def look(self, name: str) -> None:
        shoot(self.page, f"journey-{name}")
        found = [f"English: {run}" for run in dict.fromkeys(untranslated(self.page))]
        found += layout_problems(self.page)
        found += self.page.evaluate(SMALL_FIELDS_AND_CHART_TEXT, SMALLEST_TEXT_PX)
        if found:
            self.problems[name] = found


def holds(section: Locator) -> int:
    return int(section.get_attribute("data-hold-seconds") or 0)


def test_a_new_person_keeps_their_result_then_exercises_fills_the_diary_and_sees_progress(
    page: Page, site_url: str, csp_violations: list[str]
) -> None:
    pages = Pages(page)
    start(page, site_url)
    complete(page, MRS_SATO)
    pages.look("01-result")

    keep_result_in_new_account(
        page, "sato.hanako@example.jp", on_signup=lambda: pages.look("02-signup")
    )
    landed = page.url.removeprefix(site_url)
    if landed != "/me/today/":  # noted below; the rest of the journey is still walked
        pages.look("02b-after-signup")
        page.goto(site_url + "/me/today/")

    # Today: the session made from the self-check's plan, and the walking target.
    expect(page.get_by_role("heading", level=1)).to_contain_text(ja("Today"))
    exercises = page.locator(
        "section", has=page.get_by_role("heading", name=ja("Today's exercises"))
    )
    expect(exercises.locator(".today-exercises li").first).to_be_visible()
    walking = page.locator("section", has=page.get_by_role("heading", name=ja("Walking")))
    expect(walking.locator(".lead")).to_contain_text(re.compile(r"\d"))
    pages.look("03-today")

    # The guided session, on Playwright's clock so the countdown moves on without waiting.
    page.clock.install()
    page.get_by_role("link", name=ja("Start today's exercises")).click()
    expect(page).to_have_url(re.compile(r"/me/session/$"))
    sections = page.locator("section[data-exercise-id]")
    expect(sections.first).to_be_visible()
    total = sections.count()
    assert total >= 2
    held = next((i for i in range(total) if holds(sections.nth(i)) >= 5), None)
    assert held is not None, "no exercise in the plan has a hold timer"
    for i in range(held):  # the exercises before it are counted, not timed
        sections.nth(i).get_by_role("button", name=ja("Next exercise")).click()
    section, seconds = sections.nth(held), holds(sections.nth(held))
    clock = section.get_by_role("timer")
    expect(clock).to_have_text(str(seconds))
    section.get_by_role("button", name=ja("Start")).click()
    page.clock.run_for(3_000)
    expect(clock).to_have_text(str(seconds - 3))
    expect(section.get_by_role("button", name=ja("Pause"))).to_be_visible()
    assert clock.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 64
    pages.look("04-session-timer")
    page.clock.run_for(seconds * 1000)
    expect(section.locator("[data-field=reps]")).to_have_value("1")
    for i in range(held, total):
        sections.nth(i).get_by_role("button", name=ja("Next exercise")).click()
    end = page.locator("[data-session-end]")
    expect(end).to_be_visible()
    pain = end.get_by_role(
        "group", name=re.compile(re.escape(ja("How much did it hurt during the session?")))
    )
    pain.get_by_label("3", exact=True).check()
    pages.look("05-session-end")
    end.get_by_role("button", name=ja("Save the session")).click()

    expect(page).to_have_url(re.compile(r"/me/today/\?saved=session$"))
    expect(page.get_by_role("status")).to_have_text(ja("Your session is saved. Well done."))
    pages.look("06-today-after-session")

    # The diary, from Today.
    page.get_by_role("link", name=ja("Fill in today's check-in")).click()
    expect(page).to_have_url(re.compile(r"/me/diary/$"))
    page.get_by_role("group", name=ja("Left knee pain today")).get_by_text("4", exact=True).click()
    page.get_by_role("group", name=ja("Right knee pain today")).get_by_text("3", exact=True).click()
    page.get_by_role("group", name=ja("Low-back pain today")).get_by_text("3", exact=True).click()
    page.get_by_label(ja("Walking today (minutes)")).fill("20")
    pages.look("07-diary")
    page.get_by_role("button", name=ja("Save"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(ja("Back to today"))
    pages.look("08-diary-saved")

    # Progress: a chart a screen reader can read as well as see.
    nav = page.get_by_role("navigation", name=ja("My self-care"))
    nav.get_by_role("link", name=ja("Progress")).click()
    expect(page).to_have_url(re.compile(r"/me/progress/$"))
    chart = page.locator("svg[role=img]").first
    expect(chart).to_be_visible()
    expect(chart.locator("desc")).not_to_be_empty()
    pages.look("09-progress")

    assert csp_violations == []
    if landed != "/me/today/":
        pages.problems.setdefault("02b-after-signup", []).insert(
            0, f"signing up lands on {landed}, not on Today"
        )
    assert pages.problems == {}, "\n".join(
        f"{name}: {problem}" for name, found in pages.problems.items() for problem in found
    )
