"""A new person's first day of self-care, in real Chromium on a phone, in Japanese: the
self-check, keeping the result in an account, today's plan, a guided session with the hold
timer running, the diary, and the progress chart."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import shoot
from .person import MRS_SATO, complete, keep_result_in_new_account
from .test_browser_selfcheck import ja, layout_problems, start, untranslated


def look(page: Page, name: str, english: dict[str, list[str]], layout: dict[str, list[str]]) -> None:
    """A screenshot for a person to look at, and what a machine can see on the same page."""
    shoot(page, f"journey-{name}")
    english[name] = untranslated(page)
    layout[name] = layout_problems(page)


def test_a_new_person_keeps_their_result_then_exercises_fills_the_diary_and_sees_progress(
    page: Page, site_url: str, csp_violations: list[str]
) -> None:
    english: dict[str, list[str]] = {}
    layout: dict[str, list[str]] = {}
    start(page, site_url)
    complete(page, MRS_SATO)
    look(page, "01-result", english, layout)

    keep_result_in_new_account(page, "sato.hanako@example.jp", on_signup=lambda: look(
        page, "02-signup", english, layout
    ))
    landed = page.url.removeprefix(site_url)
    if landed != "/me/today/":
        page.goto(site_url + "/me/today/")

    # Today: the session made from the self-check, and the walking target.
    expect(page.get_by_role("heading", level=1)).to_contain_text(ja("Today"))
    session_card = page.locator("section", has=page.get_by_role("heading", name=ja("Today's exercises")))
    expect(session_card.locator(".today-exercises li").first).to_be_visible()
    walking = page.locator("section", has=page.get_by_role("heading", name=ja("Walking")))
    expect(walking.locator(".lead")).not_to_be_empty()
    look(page, "03-today", english, layout)

    # The guided session, on a fake clock so the countdown can be moved on without waiting.
    page.clock.install()
    page.get_by_role("link", name=ja("Start today's exercises")).click()
    expect(page).to_have_url(re.compile(r"/me/session/$"))
    page.wait_for_function("window.HizakoshiSession && window.HizakoshiSession.page")
    held = page.locator("section[data-exercise-id]:not([data-hold-seconds=''])"
                        ":not([data-hold-seconds='0'])").first
    sections = page.locator("section[data-exercise-id]")
    count = sections.count()
    assert count >= 2
    # Walk to the first exercise with a hold; the ones before it are done by count.
    for i in range(count):
        section = sections.nth(i)
        expect(section).to_be_visible()
        if section.get_attribute("data-hold-seconds") not in ("", "0", None):
            break
        section.get_by_role("button", name=ja("Next exercise")).click()
    hold = int(section.get_attribute("data-hold-seconds") or 0)
    assert hold >= 5, "no exercise in the plan has a hold timer"
    clock = section.locator(".session-countdown")
    expect(clock).to_have_text(str(hold))
    section.get_by_role("button", name=ja("Start")).click()
    page.clock.run_for(3_000)
    expect(clock).to_have_text(str(hold - 3))
    expect(section.get_by_role("button", name=ja("Pause"))).to_be_visible()
    look(page, "04-session-timer", english, layout)
    page.clock.run_for(hold * 1000)
    expect(section.locator("[data-field=reps]")).to_have_value("1")
    for j in range(i, count):
        sections.nth(j).get_by_role("button", name=ja("Next exercise")).click()
    end = page.locator("[data-session-end]")
    expect(end).to_be_visible()
    end.get_by_role("group", name=re.compile(re.escape(ja("How much did it hurt during the session?"))))\
        .get_by_label("3", exact=True).check()
    look(page, "05-session-end", english, layout)
    end.get_by_role("button", name=ja("Save the session")).click()

    expect(page).to_have_url(re.compile(r"/me/today/\?saved=session$"))
    expect(page.get_by_role("status")).to_have_text(ja("Your session is saved. Well done."))
    look(page, "06-today-after-session", english, layout)

    # The diary, from Today.
    page.get_by_role("link", name=ja("Fill in today's check-in")).click()
    expect(page).to_have_url(re.compile(r"/me/diary/$"))
    page.get_by_label(ja("Left knee pain today")).fill("4")
    page.get_by_label(ja("Right knee pain today")).fill("3")
    page.get_by_label(ja("Low-back pain today")).fill("3")
    page.get_by_label(ja("Walking today (minutes)")).fill("20")
    look(page, "07-diary", english, layout)
    page.get_by_role("button", name=ja("Save"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(ja("Back to today"))
    look(page, "08-diary-saved", english, layout)

    # Progress: a chart a screen reader can read.
    page.get_by_role("navigation", name=ja("My self-care")).get_by_role(
        "link", name=ja("Progress")
    ).click()
    expect(page).to_have_url(re.compile(r"/me/progress/$"))
    chart = page.locator("svg[role=img]").first
    expect(chart).to_be_visible()
    expect(chart.locator("desc")).not_to_be_empty()
    look(page, "09-progress", english, layout)

    assert {name: runs for name, runs in english.items() if runs} == {}
    assert {name: found for name, found in layout.items() if found} == {}
    assert csp_violations == []
    assert landed == "/me/today/", f"after signing up the person lands on {landed}, not on Today"
