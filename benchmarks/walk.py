"""Go through the self-check over plain HTTP and keep every request that reaches a page.

Not a benchmark: imported by bench_pages.py and bench_server.py. Each screen is a GET of its own
URL, but it shows the answers carried in the signed self-check cookie, so a benchmark that wants to
load, say, screen 5 or the result again needs that cookie as it was then: `walk()` records them.
"""

from __future__ import annotations

import http.cookiejar
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from hizakoshi.care.questions import question_set
from hizakoshi.selfcheck.flow import STATE_COOKIE


@dataclass(frozen=True)
class PageRequest:
    name: str  # "step about", "result", "saved result", ...
    url: str
    body: bytes | None = None  # POST body; None for a GET
    content_type: str = "application/x-www-form-urlencoded"
    cookie: str = ""  # the self-check's answers cookie to send ("name=value"), if any

    @property
    def method(self) -> str:
        return "GET" if self.body is None else "POST"


@dataclass(frozen=True)
class Walk:
    pages: list[PageRequest]
    csrf_cookie: str  # the csrftoken cookie the POST bodies' tokens belong to
    result_html: str


class _FormReader(HTMLParser):
    """The hidden fields and the data-step of the page's step form (or of the form `form_id`)."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.step: str | None = None
        self.action = ""
        self.hidden: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = found.get("id") == self.form_id
            if self.inside:
                self.step = found.get("data-step")
                self.action = found.get("action", "")
        elif tag == "input" and self.inside and found.get("type") == "hidden":
            self.hidden[found.get("name", "")] = found.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False


def _read_form(html: str, form_id: str) -> _FormReader:
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader


class _Client:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, page: PageRequest) -> tuple[str, str]:
        """(final URL, HTML) after following redirects."""
        with self.opener.open(urllib.request.Request(page.url, data=page.body)) as response:
            return response.geturl(), response.read().decode("utf-8")

    def cookie(self, name: str) -> str:
        return next((c.value or "" for c in self.jar if c.name == name), "")


def encode(fields: dict[str, Any]) -> bytes:
    return urllib.parse.urlencode(fields, doseq=True).encode("ascii")


def walk(base: str, answers: dict[str, Any], *, save: bool = True) -> Walk:
    """Landing, every screen, the result and (with `save`) the saved result page."""
    client = _Client(base)
    landing = PageRequest("landing", base + "/")
    client.open(landing)
    pages = [landing]
    url, html = client.open(PageRequest("start", base + "/check/"))
    for _ in range(len(question_set().steps) + 1):
        form = _read_form(html, "step-form")
        carried = client.cookie(STATE_COOKIE)
        name = "step " + form.step if form.step else "result"
        pages.append(PageRequest(name, url, cookie=f"{STATE_COOKIE}={carried}" if carried else ""))
        if form.step is None:
            if 'id="result"' not in html:
                raise RuntimeError("a screen led neither to a screen nor to the result")
            break
        step = question_set().step(form.step)
        fields = {**form.hidden, "action": "next"}
        fields |= {q.id: answers[q.id] for q in step.questions if q.id in answers}
        url, html = client.open(PageRequest("", base + form.action, encode(fields)))
    else:
        raise RuntimeError("the self-check did not reach a result")
    result_html = html
    if save:
        form = _read_form(result_html, "save-form")
        fields = {**form.hidden, "consent": "yes"}
        saved_url, _html = client.open(PageRequest("save", base + "/check/save/", encode(fields)))
        if "/r/" not in saved_url:
            raise RuntimeError(f"saving did not lead to a saved result page: {saved_url}")
        pages.append(PageRequest("saved result", saved_url))
    return Walk(pages, client.cookie("csrftoken"), result_html)
