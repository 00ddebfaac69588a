"""Fixtures and probes shared by the guided-session script tests: the fixture page server."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import Page, Request, Route

from ..conftest import ROOT

FIXTURES = Path(__file__).parent.parent / "fixtures"
STATIC_DIRS = [
    ROOT / "src" / "hizakoshi" / "journey" / "static",
    ROOT / "src" / "hizakoshi" / "site" / "static",
]
SAVE = "**/journey/session/save/"
QUEUED = "この端末に保存しました。つながったら送ります。"
PREFIX = "hizakoshi.pending."

# Records what the page asks of the speech, audio and wake-lock APIs, which headless Chromium
# lacks or refuses; the script must treat all three as optional.
SPY = """
window.__spoken = [];
Object.defineProperty(window, "speechSynthesis", { value: {
  speak: (u) => window.__spoken.push([u.text, u.lang]), cancel() {} } });
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
window.__locks = 0;
Object.defineProperty(navigator, "wakeLock", { value: { request: () => {
  window.__locks += 1;
  return Promise.resolve({ addEventListener() {}, release() { return Promise.resolve(); } });
} } });
window.__beeps = [];
window.AudioContext = function () {
  this.currentTime = 0;
  this.destination = {};
  this.createGain = () => ({ gain: {}, connect: (d) => d });
  this.createOscillator = () => ({ frequency: {}, connect: (g) => g,
    start() { window.__beeps.push(this.frequency.value); }, stop() {} });
};
window.__said = [];
new MutationObserver((changes) => {
  for (const c of changes) {
    const live = c.target.closest ? c.target.closest("[aria-live]")
      : c.target.parentElement && c.target.parentElement.closest("[aria-live]");
    if (live && live.textContent) window.__said.push(live.textContent);
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


class _Handler(SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0]
        if path.startswith("/fixtures/"):
            return str(FIXTURES / path.removeprefix("/fixtures/"))
        if path.startswith("/static/"):
            rel = path.removeprefix("/static/")
            for base in STATIC_DIRS:
                if (base / rel).is_file():
                    return str(base / rel)
        return str(FIXTURES / "missing")

    def log_message(self, format: str, *args: Any) -> None:  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(FIXTURES)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def session(page: Page, server: str) -> Page:
    page.add_init_script(SPY)
    page.clock.install()
    page.goto(f"{server}/fixtures/session.html")
    page.wait_for_function("window.HizakoshiSession && window.HizakoshiSession.page")
    return page


def recorder(status: int = 201) -> tuple[list[Request], Callable[[Route], None]]:
    """A route handler that answers every post with `status`, and the posts it saw."""
    sent: list[Request] = []

    def answer(route: Route) -> None:
        sent.append(route.request)
        route.fulfill(status=status, json={"ok": True})

    return sent, answer


def first(page: Page) -> Any:
    return page.locator("section[data-exercise-id=quad-setting]")


def said(page: Page) -> list[str]:
    result: list[str] = page.evaluate("window.__said")
    return result


def posted(request: Request) -> dict[str, list[str]]:
    return parse_qs(request.post_data or "", keep_blank_values=True)


def pending(page: Page) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(
        """p => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith(p))
              .map(k => [k, JSON.parse(localStorage.getItem(k))]))""",
        PREFIX,
    )
    return result


def to_section(page: Page, exercise_id: str) -> Any:
    """Move on with "next exercise" until the section of `exercise_id` is on screen."""
    section = page.locator(f"section[data-exercise-id={exercise_id}]")
    for _ in range(10):
        if section.is_visible():
            return section
        page.locator("section[data-exercise-id]:visible").get_by_role(
            "button", name="次の体操へ"
        ).click()
    raise AssertionError(f"{exercise_id} never came on screen")


def to_end(page: Page) -> None:
    end = page.locator("[data-session-end]")
    for _ in range(10):
        if end.is_visible():
            return
        page.locator("section[data-exercise-id]:visible").get_by_role(
            "button", name="次の体操へ"
        ).click()
    raise AssertionError("the end of the session never came on screen")
