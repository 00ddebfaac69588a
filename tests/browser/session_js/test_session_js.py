"""The guided-session script (journey/static/hizakoshi/session.js) in real Chromium.

The page is a static fixture (fixtures/session.html) with the shape the session template
renders, served with the script by a small http.server on 127.0.0.1: a secure context, so
crypto.randomUUID and the wake lock behave as on the real (HTTPS) site. Posts are answered by
Playwright routes, so the network can fail on demand. Time is Playwright's fake clock.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, Page, Request, Route, expect

from ..conftest import PHONE, shoot
from .conftest import (
    FIXTURES,
    SAVE,
    STATIC_DIRS,
    first,
    pending,
    posted,
    recorder,
    said,
)

pytestmark = pytest.mark.browser


def test_the_countdown_runs_down_and_a_finished_hold_counts_a_rep(session: Page) -> None:
    section = first(session)
    clock = section.locator(".session-countdown")
    expect(clock).to_have_text("12")
    expect(clock).to_have_attribute("role", "timer")
    section.get_by_role("button", name="スタート").click()
    session.clock.run_for(4_000)
    expect(clock).to_have_text("8")
    shoot(session, "session-countdown")
    session.clock.run_for(8_500)
    expect(section.locator(".session-counter")).to_have_text("1 / 2 回・1 / 2 セット目")
    expect(section.locator("[data-field=reps]")).to_have_value("1")
    # No "next one" to press: a short rest, and the next hold starts by itself.
    expect(section.locator(".session-phase")).to_have_text("休む")
    expect(clock).to_have_text(re.compile(r"^[34]$"))  # the fake clock also flows in real time
    expect(section.get_by_role("button", name="一時停止")).to_be_visible()
    session.clock.run_for(4_000)
    expect(section.locator(".session-phase")).to_have_text("そのまま保つ")
    expect(section.locator(".session-counter")).to_have_text("2 / 2 回・1 / 2 セット目")
    assert session.evaluate("window.__locks") == 1


def test_pause_stops_the_countdown_and_resume_carries_on(session: Page) -> None:
    section = first(session)
    clock = section.locator(".session-countdown")
    section.get_by_role("button", name="スタート").click()
    session.clock.run_for(3_000)
    section.get_by_role("button", name="一時停止").click()
    expect(clock).to_have_text("9")
    session.clock.run_for(60_000)
    expect(clock).to_have_text("9")
    expect(section.locator("[data-field=reps]")).to_have_value("0")
    section.get_by_role("button", name="再開").click()
    session.clock.run_for(5_000)
    expect(clock).to_have_text("4")
    session.clock.run_for(4_500)
    expect(section.locator("[data-field=reps]")).to_have_value("1")


def test_the_time_is_announced_every_five_seconds_not_every_second(session: Page) -> None:
    first(session).get_by_role("button", name="スタート").click()
    session.clock.run_for(13_000)
    expect(first(session).locator("[data-field=reps]")).to_have_value("1")
    assert said(session) == ["残り 10 秒", "残り 5 秒", "1 回できました"]


def test_two_sets_of_two_holds_run_to_the_end_after_one_tap_with_a_longer_rest_between(
    session: Page,
) -> None:
    section = first(session)
    section.get_by_role("button", name="スタート").click()
    session.clock.run_for(12_000 + 4_000 + 12_000 + 1_000)
    expect(section.locator(".session-phase")).to_have_text("次のセットの前に休けい")
    expect(section.locator(".session-countdown")).to_have_text(re.compile(r"^2[89]$"))
    expect(section.locator("[data-field=reps]")).to_have_value("2")
    session.clock.run_for(29_000 + 12_000 + 4_000 + 12_000 + 500)
    expect(section.locator("[data-field=reps]")).to_have_value("4")
    expect(section.get_by_role("button", name="すべて終わりました")).to_be_disabled()


def test_the_voice_count_is_off_until_turned_on_and_then_counts_in_japanese(
    session: Page,
) -> None:
    section = first(session)
    toggle = session.get_by_label("声で数える（日本語）")
    expect(toggle).not_to_be_checked()
    section.get_by_role("button", name="スタート").click()
    session.clock.run_for(13_000)
    assert session.evaluate("window.__spoken") == []
    assert session.evaluate("window.__beeps") == [880, 440]  # a high beep to start, low to stop

    toggle.check()  # during the rest: the next hold, which starts by itself, is counted aloud
    session.clock.run_for(16_000 - 13_000 + 12_000 + 500)
    spoken = session.evaluate("window.__spoken")
    assert [text for text, _ in spoken] == ["はじめ", *map(str, range(11, 0, -1)), "おわり"]
    assert {lang for _, lang in spoken} == {"ja-JP"}


def test_a_whole_session_works_by_keyboard_alone(session: Page, server: str) -> None:
    requests: list[Request] = []

    def answer(route: Route) -> None:
        requests.append(route.request)
        route.fulfill(status=201, json={"ok": True})

    session.route(SAVE, answer)
    keys = session.keyboard
    # Opening the page leaves the focus at the top: the title and the pain rule are read first.
    expect(session.get_by_role("heading", name="太ももに力を入れる体操")).not_to_be_focused()
    start = first(session).get_by_role("button", name="スタート")
    for _ in range(10):  # past the page's own controls (the voice switch) to the first exercise
        keys.press("Tab")
        if start.evaluate("b => b === document.activeElement"):
            break
    expect(start).to_be_focused()
    outline = start.evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline not in ("", "none"), "the focused button shows no focus ring"
    keys.press("Enter")
    session.clock.run_for(12_500)
    expect(first(session).locator("[data-field=reps]")).to_have_value("1")

    keys.press("Tab")  # "next exercise"
    keys.press("Tab")  # "this hurts — skip": skips at once
    expect(first(session).get_by_role("button", name="痛いのでとばす")).to_be_focused()
    keys.press("Enter")

    second = session.locator("section[data-exercise-id=chair-stand]")
    expect(second.get_by_role("heading")).to_be_focused()
    keys.press("Tab")  # no hold: each press counts one
    for _ in range(3):
        keys.press("Enter")
    expect(second.locator("[data-field=reps]")).to_have_value("3")
    keys.press("Tab")  # past the (disabled) count button and the hidden "did them all"
    expect(second.get_by_role("button", name="次の体操へ")).to_be_focused()
    keys.press("Enter")

    third = session.locator("section[data-exercise-id=bridge-hold]")
    expect(third.get_by_role("heading")).to_be_focused()
    keys.press("Tab")
    keys.press("Enter")
    session.clock.run_for(5_000 + 4_000 + 5_000 + 4_000 + 5_000 + 500)
    expect(third.locator("[data-field=reps]")).to_have_value("3")
    keys.press("Tab")
    keys.press("Enter")
    fourth = session.locator("section[data-exercise-id=leg-raise]")
    expect(fourth.get_by_role("heading")).to_be_focused()
    keys.press("Tab")
    keys.press("Tab")
    keys.press("Enter")

    expect(session.get_by_role("group", name="おつかれさまでした")).to_be_visible()
    session.get_by_label("体操中の痛み", exact=False).focus()
    keys.type("3")
    keys.press("Enter")
    expect(session.get_by_role("status")).to_have_text("記録しました")
    (request,) = requests
    form = posted(request)
    assert form["reps-quad-setting"] == ["1"]
    assert form["skip-quad-setting"] == ["pain"]
    assert form["skipped-quad-setting"] == ["on"]
    assert form["reps-chair-stand"] == ["3"]
    assert form["reps-bridge-hold"] == ["3"]
    assert form["reps-leg-raise"] == ["0"]
    assert "skipped-chair-stand" not in form
    assert form["pain_during"] == ["3"]
    assert request.headers["accept"] == "application/json"
    assert pending(session) == {}
    shoot(session, "session-keyboard-done")


def test_enter_in_a_reps_box_does_not_send_an_unfinished_session(session: Page) -> None:
    sent, answer = recorder()
    session.route(SAVE, answer)
    first(session).locator("[data-field=reps]").press("Enter")
    session.clock.run_for(1_000)
    assert sent == []
    assert pending(session) == {}


def test_the_logic_is_exposed_as_small_pure_functions(session: Page) -> None:
    result = session.evaluate(
        """() => {
          const S = window.HizakoshiSession;
          const t = S.start(S.timer(30), 1000);
          const paused = S.pause(t, 8200);
          let c = S.counter(2, 2);
          for (let i = 0; i < 5; i++) c = S.addRep(c);
          return {
            paused: [paused.phase, S.secondsLeft(paused)],
            resumed: S.secondsLeft(S.tick(S.start(paused, 50000), 60000)),
            done: S.tick(S.start(paused, 0), 22800).phase,
            announce: [S.announceAt(null, 30), S.announceAt(25, 25), S.announceAt(26, 24),
                       S.announceAt(1, 0)],
            counter: [c.set, c.rep, S.total(c), S.finished(c)],
            outcomes: [S.outcome(201, false), S.outcome(200, true), S.outcome(400, false),
                       S.outcome(500, false), S.outcome(403, false)],
            keys: S.pendingKeys({"hizakoshi.pending.x": "1", "other": "2"}),
            steps: S.steps(5, 2, 2, true, 3).map((s) => [s.kind, s.ms / 1000, s.side, s.rep]),
            run: (() => {
              const list = S.steps(5, 3, 1, false);
              const r = S.advance(list, {...S.run(list), t: S.start(S.run(list).t, 0)}, 11000);
              const over = S.advance(list, r, 60000);
              return [r.i, list[r.i].kind, S.secondsLeft(r.t), S.held(list, r.i),
                      over.t.phase, S.held(list, over.i)];
            })(),
            sides: [1, 2, 3, 4].map((n) => S.held(S.steps(5, 10, 1, true), n * 2)),
          };
        }"""
    )
    assert result == {
        "paused": ["paused", 23],
        "resumed": 13,
        "done": "done",
        "announce": [True, False, False, False],
        "counter": [2, 0, 4, True],
        "outcomes": ["sent", "retry", "invalid", "retry", "retry"],
        "keys": ["hizakoshi.pending.x"],
        "steps": [
            ["hold", 5, "right", 1],
            ["rest", 3, "right", 1],
            ["hold", 5, "right", 2],
            ["switch", 6, "left", 0],
            ["hold", 5, "left", 1],
            ["rest", 3, "left", 1],
            ["hold", 5, "left", 2],
            ["setRest", 30, "left", 2],
            ["hold", 5, "right", 1],
            ["rest", 3, "right", 1],
            ["hold", 5, "right", 2],
            ["switch", 6, "left", 0],
            ["hold", 5, "left", 1],
            ["rest", 3, "left", 1],
            ["hold", 5, "left", 2],
        ],
        # 11 s into hold 5 s, rest 4 s, hold 5 s: the second hold, 3 s left, one done.
        "run": [2, "hold", 3, 1, "done", 3],
        # per side: half of the holds done on both sides, rounded up
        "sides": [1, 1, 2, 2],
    }


def test_without_javascript_the_page_is_a_plain_form_to_type_the_reps_into(
    browser: Browser, server: str
) -> None:
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server}/fixtures/session.html")
        expect(page.get_by_role("button", name="スタート")).to_have_count(0)
        expect(page.locator("section[data-exercise-id]")).to_have_count(4)
        reps = page.get_by_label("できた回数").first
        expect(reps).to_be_editable()
        expect(page.get_by_label("理由").first).to_be_visible()
        expect(page.get_by_role("button", name="記録する")).to_be_visible()
        # One submit: the reps of one exercise and "it hurts, skipped" for another.
        sent, answer = recorder()
        context.route(SAVE, answer)
        reps.fill("10")
        page.get_by_label("痛いのでとばした").nth(1).check()
        page.get_by_label("体操中の痛み", exact=False).fill("2")
        page.get_by_role("button", name="記録する").click()
        page.wait_for_timeout(500)
        (request,) = sent
        form = posted(request)
        assert form["reps-quad-setting"] == ["10"]
        assert form["skipped-chair-stand"] == ["on"] and form["skip-chair-stand"] == [""]
    finally:
        context.close()


def test_the_script_stays_small() -> None:
    size = (STATIC_DIRS[0] / "hizakoshi" / "session.js").stat().st_size
    # The brief aimed at ~6 KB; the self-running set took it to ~16 KB (uncompressed, about
    # 6 KB gzipped); this stops it from quietly growing past that.
    assert size < 17_500, f"session.js is {size} bytes"


def test_the_labels_in_the_fixture_cover_every_text_the_script_asks_for() -> None:
    script = (STATIC_DIRS[0] / "hizakoshi" / "session.js").read_text()
    html = (FIXTURES / "session.html").read_text()
    labels = json.loads(html.split('id="session-labels">', 1)[1].split("</script>", 1)[0])
    for key in (
        "start",
        "pause",
        "resume",
        "again",
        "allDone",
        "didAll",
        "skip",
        "skipped",
        "change",
        "why",
        "next",
        "voice",
        "count",
        "hold",
        "rest",
        "setRest",
        "switch",
        "right",
        "left",
        "secondsLeft",
        "paused",
        "done",
        "sent",
        "queued",
    ):
        assert f'"{key}"' in script, key
        assert key in labels, key
