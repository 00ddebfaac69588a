"""A set of holds runs by itself: hold, short rest, next hold, right side then left, a longer
rest between sets, one tap to pause; "this hurts — skip" skips in one tap. Playwright's fake
clock moves the time (see conftest: the `session` fixture installs it before the page loads)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ..conftest import AXE_JS, shoot
from .conftest import SAVE, SPY, posted, recorder, said, to_end, to_section

pytestmark = pytest.mark.browser

HOLD, REST = 5_000, 4_000  # the fixture's 5-second holds; session.js REST_S
SWITCH, SET_REST = 6_000, 30_000  # session.js SWITCH_S, SET_REST_S


def taps_counted(page: Page) -> None:
    page.evaluate(
        """() => { window.__taps = 0;
             document.addEventListener("click", () => { window.__taps += 1; }, true); }"""
    )


def shows(section: Any, phase: str, count: str) -> None:
    expect(section.locator(".session-phase")).to_have_text(phase)
    expect(section.locator(".session-counter")).to_have_text(count)


def test_a_set_of_three_five_second_holds_runs_to_the_end_with_no_tap_after_start(
    session: Page,
) -> None:
    section = to_section(session, "bridge-hold")
    section.get_by_role("button", name="スタート").click()
    taps_counted(session)
    session.clock.run_for(2_000)
    shows(section, "そのまま保つ", "1 / 3 回・1 / 1 セット目")
    session.clock.run_for(HOLD - 2_000 + 1_000)
    shows(section, "休む", "1 / 3 回・1 / 1 セット目")
    expect(section.locator("[data-field=reps]")).to_have_value("1")
    session.clock.run_for(REST)
    shows(section, "そのまま保つ", "2 / 3 回・1 / 1 セット目")
    session.clock.run_for(HOLD + REST + HOLD)
    expect(section.locator("[data-field=reps]")).to_have_value("3")
    expect(section.get_by_role("button", name="すべて終わりました")).to_be_disabled()
    assert session.evaluate("window.__taps") == 0
    # A high beep at each start, a low one at each stop; the screen reader hears each rep.
    assert session.evaluate("window.__beeps") == [880, 440] * 3
    done = [s for s in said(session) if "できました" in s]
    assert done == [f"{n} 回できました" for n in (1, 2)]
    assert said(session)[-1] == "すべて終わりました"
    shoot(session, "session-set-done")


def test_a_per_side_exercise_counts_the_right_side_then_says_to_switch_then_the_left(
    session: Page,
) -> None:
    section = to_section(session, "leg-raise")
    section.get_by_role("button", name="スタート").click()
    session.clock.run_for(1_000)
    shows(section, "そのまま保つ", "右 1 / 3 回・1 / 2 セット目")
    side = 3 * HOLD + 2 * REST
    session.clock.run_for(side - 1_000 + 1_000)
    shows(section, "反対側へ:こんどは左", "左 0 / 3 回・1 / 2 セット目")
    assert said(session)[-1] == "反対側へ:こんどは左"
    assert session.evaluate("window.__beeps") == [880, 440] * 3 + [660]  # a middle tone: switch
    session.clock.run_for(SWITCH)
    shows(section, "そのまま保つ", "左 1 / 3 回・1 / 2 セット目")
    session.clock.run_for(side)
    shows(section, "次のセットの前に休けい", "左 3 / 3 回・1 / 2 セット目")
    expect(section.locator("[data-field=reps]")).to_have_value("3")  # 3 each side
    session.clock.run_for(SET_REST)
    shows(section, "そのまま保つ", "右 1 / 3 回・2 / 2 セット目")
    session.clock.run_for(side + SWITCH + side)
    expect(section.locator("[data-field=reps]")).to_have_value("6")
    expect(section.get_by_role("button", name="すべて終わりました")).to_be_disabled()


def test_one_tap_pauses_the_set_and_one_tap_carries_on_where_it_stopped(session: Page) -> None:
    section = to_section(session, "bridge-hold")
    clock = section.get_by_role("timer")
    section.get_by_role("button", name="スタート").click()
    session.clock.run_for(HOLD + 1_000)  # in the rest after the first hold
    section.get_by_role("button", name="一時停止").click()
    expect(clock).to_have_text("3")
    session.clock.run_for(120_000)
    expect(clock).to_have_text("3")
    shows(section, "休む", "1 / 3 回・1 / 1 セット目")
    assert said(session)[-1] == "一時停止中"
    section.get_by_role("button", name="再開").click()
    session.clock.run_for(3_000)
    shows(section, "そのまま保つ", "2 / 3 回・1 / 1 セット目")
    session.clock.run_for(HOLD + REST + HOLD)
    expect(section.locator("[data-field=reps]")).to_have_value("3")


def test_this_hurts_skips_in_one_tap_as_pain_and_the_reason_can_be_changed_afterwards(
    session: Page,
) -> None:
    sent, answer = recorder()
    session.route(SAVE, answer)
    section = session.locator("section[data-exercise-id=quad-setting]")
    section.get_by_role("button", name="スタート").click()
    session.clock.run_for(2_000)
    section.get_by_role("button", name="痛いのでとばす").click()
    expect(section).to_be_hidden()
    expect(section).to_have_attribute("data-state", "skipped")
    expect(session.get_by_role("heading", name="いすから立ち上がる体操")).to_be_focused()
    note = session.locator(".session-skipped")
    expect(note).to_have_text("とばしました:太ももに力を入れる体操(理由:痛みが出た) 理由を変える")
    assert said(session)[-1] == "とばしました:太ももに力を入れる体操(理由:痛みが出た)"
    session.clock.run_for(30_000)  # the skipped exercise's clock stopped
    assert "1 回できました" not in said(session)
    shoot(session, "session-skipped")

    change = note.get_by_role("button", name="理由を変える")
    expect(change).to_have_attribute("aria-expanded", "false")
    change.click()
    reason = session.get_by_label("とばす理由", exact=True)
    expect(reason).to_be_focused()
    expect(reason.locator("option")).to_have_text(
        ["痛みが出た", "むずかしすぎた", "時間がなかった", "そのほか"]
    )
    reason.select_option("no_time")
    expect(note).to_contain_text("(理由:時間がなかった)")

    to_end(session)
    expect(note).to_be_visible()  # the summary at the end still shows what was skipped
    session.get_by_label("体操中の痛み", exact=False).fill("2")
    session.get_by_role("button", name="記録する").click()
    session.clock.run_for(1_000)
    (request,) = sent
    form = posted(request)
    assert form["skipped-quad-setting"] == ["on"]
    assert form["skip-quad-setting"] == ["no_time"]


def test_skipping_posts_the_reason_pain_when_it_is_not_changed(session: Page) -> None:
    sent, answer = recorder()
    session.route(SAVE, answer)
    session.locator("section[data-exercise-id=quad-setting]").get_by_role(
        "button", name="痛いのでとばす"
    ).click()
    to_end(session)
    session.get_by_label("体操中の痛み", exact=False).fill("2")
    session.get_by_role("button", name="記録する").click()
    session.clock.run_for(1_000)
    (request,) = sent
    form = posted(request)
    assert form["skip-quad-setting"] == ["pain"] and form["skipped-quad-setting"] == ["on"]
    assert "skipped-chair-stand" not in form and form["skip-chair-stand"] == [""]


def test_the_running_set_and_the_skipped_note_have_no_accessibility_problem(
    page: Page, server: str
) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci`")
    page.add_init_script(SPY)  # real time here: axe waits on timers the fake clock would hold
    page.goto(f"{server}/fixtures/session.html")
    page.wait_for_function("window.HizakoshiSession && window.HizakoshiSession.page")
    section = page.locator("section[data-exercise-id=quad-setting]")
    section.get_by_role("button", name="スタート").click()
    page.wait_for_timeout(1_200)
    assert axe(page) == []
    section.get_by_role("button", name="痛いのでとばす").click()
    page.get_by_role("button", name="理由を変える").click()
    assert axe(page) == []


def axe(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    report: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
        for v in report["violations"]
    ]


def test_a_whole_session_of_four_exercises_takes_eight_taps(session: Page) -> None:
    """Before, each hold waited for "next one": this fixture's 4 + 3 + 12 holds (both sides)
    took 19 taps, the chair stands 3 more by tap, with "next exercise" and "save" 27 in all.
    Now: "start" per hold exercise, "did them all", "next exercise", "save"."""
    sent, answer = recorder()
    session.route(SAVE, answer)
    taps_counted(session)
    visible = session.locator("section[data-exercise-id]:visible")
    visible.get_by_role("button", name="スタート").click()  # 2 sets of 2 holds of 12 s
    session.clock.run_for(2 * (12_000 + 4_000 + 12_000) + SET_REST + 500)
    visible.get_by_role("button", name="次の体操へ").click()
    visible.get_by_role("button", name="全部できた").click()  # 3 chair stands, not counted by tap
    visible.get_by_role("button", name="スタート").click()  # 3 holds of 5 s
    session.clock.run_for(3 * HOLD + 2 * REST + 500)
    visible.get_by_role("button", name="次の体操へ").click()
    visible.get_by_role("button", name="スタート").click()  # 2 sets of 3 holds, each side
    session.clock.run_for(2 * (2 * (3 * HOLD + 2 * REST) + SWITCH) + SET_REST + 500)
    visible.get_by_role("button", name="次の体操へ").click()
    session.get_by_label("体操中の痛み", exact=False).fill("1")  # typed here; one tap on the site
    session.get_by_role("button", name="記録する").click()
    session.clock.run_for(1_000)
    assert session.evaluate("window.__taps") == 8
    (request,) = sent
    form = posted(request)
    assert [
        form[f"reps-{x}"] for x in ("quad-setting", "chair-stand", "bridge-hold", "leg-raise")
    ] == [
        ["4"],
        ["3"],
        ["3"],
        ["6"],
    ]
