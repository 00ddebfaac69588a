"""Go through the self-check over plain HTTP and keep every request that reaches a page.

Not a benchmark: imported by bench_pages.py and bench_server.py. Each screen after the first is
reached only by a POST (the answers travel in a signed form field), so a benchmark that wants to
load, say, screen 5 again needs the exact POST that produced it: `walk()` records them.
"""

from __future__ import annotations

import http.cookiejar
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from hizakoshi.care.questions import question_set


@dataclass(frozen=True)
class PageRequest:
    name: str  # "step about", "result", "saved result", ...
    url: str
    body: bytes | None = None  # POST body; None for a GET
    content_type: str = "application/x-www-form-urlencoded"

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
        self.hidden: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = found.get("id") == self.form_id
            if self.inside:
                self.step = found.get("data-step")
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
    current = PageRequest("step " + question_set().steps[0].id, base + "/check/")
    for _ in range(len(question_set().steps) + 1):
        _url, html = client.open(current)
        pages.append(current)
        form = _read_form(html, "step-form")
        if form.step is None:
            break  # the result page
        step = question_set().step(form.step)
        fields = {**form.hidden, "action": "next"}
        fields |= {q.id: answers[q.id] for q in step.questions if q.id in answers}
        current = PageRequest("", base + "/check/", encode(fields))
        following = _peek_step(client, current)
        current = PageRequest(following, current.url, current.body)
    else:
        raise RuntimeError("the self-check did not reach a result")
    if pages[-1].name != "result":
        raise RuntimeError(f"expected the result page last, got {pages[-1].name!r}")
    _url, result_html = client.open(pages[-1])
    if save:
        form = _read_form(result_html, "save-form")
        fields = {**form.hidden, "consent": "yes"}
        saved_url, _html = client.open(PageRequest("save", base + "/check/save/", encode(fields)))
        if "/r/" not in saved_url:
            raise RuntimeError(f"saving did not lead to a saved result page: {saved_url}")
        pages.append(PageRequest("saved result", saved_url))
    return Walk(pages, client.cookie("csrftoken"), result_html)


def _peek_step(client: _Client, request: PageRequest) -> str:
    """The name of the page a POST leads to (posting is repeatable: nothing is stored)."""
    _url, html = client.open(request)
    step = _read_form(html, "step-form").step
    if step is None:
        if 'id="result"' not in html:
            raise RuntimeError("a POST led neither to a screen nor to the result")
        return "result"
    return "step " + step
