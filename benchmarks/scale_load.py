"""The load of the scale-out smoke test: people who log in, write and read across two servers.

Not run on its own: benchmarks/scale_smoke.py starts the servers and nginx, then calls `drive`.
Each person is one thread with one cookie jar. Cookies do not tell ports apart, so the session
made by a login on one server is sent to the other server and to nginx as a browser would send it
after a fail-over. Per person, in order:

  1. log in on server A directly; the same session must open the diary on server B;
  2. write today's diary on B, read it back on A;
  3. save a self-check result on A; its link must open on B; delete it on B; gone on A too;
  4. ROUNDS times through nginx (round robin): open the diary, write a new value, read it back;
  5. turn reminder e-mails on through nginx (for the job that follows).

A write counts as acknowledged when it is answered 2xx/3xx, and as lost when the next read (or
the database at the end) does not show it. Every answer >= 500 is counted. Bounded: a fixed
number of requests per person, each with a timeout, and a deadline for the whole load.
"""

from __future__ import annotations

import http.cookiejar
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_concurrency import FormParser

PASSWORD = "knee-and-back-2025"
TIMEOUT = 30  # seconds per request
REMINDER_TIME = "09:00"


@dataclass
class Tally:
    """What the load saw, added up over every thread."""

    statuses: Counter[int] = field(default_factory=Counter)
    upstreams: Counter[str] = field(default_factory=Counter)  # nginx's X-Upstream answers
    checks: Counter[str] = field(default_factory=Counter)  # "<check> ok" / "<check> failed"
    acknowledged: Counter[str] = field(default_factory=Counter)  # writes answered 2xx/3xx
    lost: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # what went wrong, for the log
    last_diary: dict[str, int] = field(default_factory=dict)  # person -> last value written
    lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, name: str, ok: bool, detail: str) -> None:
        with self.lock:
            self.checks[f"{name} {'ok' if ok else 'failed'}"] += 1
            if not ok:
                self.failures.append(f"{name}: {detail}")

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def errors_5xx(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Answer:
    status: int
    body: str
    location: str
    upstream: str


class Browser:
    """One person's browser: a cookie jar, no automatic redirects, every answer tallied."""

    def __init__(self, tally: Tally) -> None:
        self.tally = tally
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def send(self, url: str, data: dict[str, str] | None = None) -> Answer:
        body = None if data is None else urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=body, method="GET" if data is None else "POST")
        if data is not None:
            request.add_header("Referer", url)
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                status, headers, text = response.status, response.headers, response.read()
        except urllib.error.HTTPError as answer:
            status, headers, text = answer.code, answer.headers, answer.read()
        with self.tally.lock:
            self.tally.statuses[int(status)] += 1
            if headers.get("X-Upstream"):
                self.tally.upstreams[headers["X-Upstream"]] += 1
        return Answer(
            int(status),
            text.decode(errors="replace"),
            headers.get("Location", ""),
            headers.get("X-Upstream", ""),
        )

    def form(self, url: str, marker: str) -> dict[str, str]:
        """The fields of the page's POST form that has a field named `marker`, as shown."""
        answer = self.send(url)
        parser = FormParser()
        parser.feed(answer.body)
        for form in parser.forms:
            fields: dict[str, str] = form["_fields"]  # type: ignore[assignment]
            if marker in fields:
                return dict(fields)
        raise LookupError(f"no form with {marker} at {url} (answer {answer.status})")

    def csrf_token(self) -> str:
        return next(c.value or "" for c in self.jar if c.name == "csrftoken")


def diary_value(browser: Browser, url: str) -> int | None:
    """Today's low-back pain as the diary form shows it, None if none is chosen."""
    page = browser.send(url).body
    found = re.search(r'<input[^>]*name="back_pain"[^>]*value="(\d+)"[^>]*checked', page)
    if found is None:  # the attribute order differs between widgets: try the other one
        found = re.search(r'<input[^>]*checked[^>]*name="back_pain"[^>]*value="(\d+)"', page)
    return int(found.group(1)) if found else None


def write_diary(browser: Browser, url: str, value: int, tally: Tally, email: str) -> bool:
    answer = browser.send(url, browser.form(url, "back_pain") | {"back_pain": str(value)})
    if not 200 <= answer.status < 400:
        tally.check("diary write", False, f"{email} answered {answer.status}")
        return False
    with tally.lock:
        tally.acknowledged["diary"] += 1
        tally.last_diary[email] = value
    return True


def read_back(browser: Browser, url: str, value: int, tally: Tally, email: str) -> None:
    seen = diary_value(browser, url)
    if seen != value:
        with tally.lock:
            tally.lost["diary"] += 1
            tally.failures.append(f"diary of {email}: wrote {value}, read {seen} at {url}")


def one_person(
    email: str, *, a: str, b: str, proxy: str, rounds: int, state: str, tally: Tally
) -> None:
    browser = Browser(tally)
    # 1. A login on A is a login on B: the session lives in the shared database.
    login = browser.form(a + "/accounts/login/", "username")
    answer = browser.send(a + "/accounts/login/", login | {"username": email, "password": PASSWORD})
    tally.check("login on A", answer.status == 302, f"{email} answered {answer.status}")
    on_b = browser.send(b + "/me/diary/")
    tally.check("session from A used on B", on_b.status == 200, f"{email}: {on_b.status}")

    # 2. Written on B, read on A.
    if write_diary(browser, b + "/me/diary/", 7, tally, email):
        read_back(browser, a + "/me/diary/", 7, tally, email)

    # 3. A result saved on A opens on B; deleted on B, it is gone on A (A's page cache too).
    browser.send(a + "/")  # the CSRF cookie, as the result page gives it
    fields = {"csrfmiddlewaretoken": browser.csrf_token(), "state": state, "consent": "on"}
    saved = browser.send(a + "/check/save/", fields)
    if saved.status == 302 and saved.location.startswith("/r/"):
        with tally.lock:
            tally.acknowledged["saved result"] += 1
        link = saved.location
        first = browser.send(a + link)  # A renders and keeps the page in its own cache
        opened = browser.send(b + link)
        shown = opened.status == 200 and first.status == 200
        tally.check("saved result opened on the other server", shown, f"{opened.status}")
        if not shown:
            with tally.lock:
                tally.lost["saved result"] += 1
        form = browser.form(b + link + "delete/", "csrfmiddlewaretoken")
        deleted = browser.send(b + link + "delete/", form)
        gone = browser.send(a + link)
        ok = deleted.status == 302 and gone.status == 404
        tally.check("deleted on B, gone on A", ok, f"delete {deleted.status}, then {gone.status}")
    else:
        tally.check("saved result", False, f"{email}: save answered {saved.status}")

    # 4. Through nginx: each write read back by whichever server nginx picks next.
    for k in range(rounds):
        value = k % 4 + 1  # never the same as the value before it
        if write_diary(browser, proxy + "/me/diary/", value, tally, email):
            read_back(browser, proxy + "/me/diary/", value, tally, email)

    # 5. Reminder e-mails on, for the scheduled job that runs after the load.
    url = proxy + "/me/reminders/"
    choice = browser.form(url, "session_time") | {
        "session_time": REMINDER_TIME,
        "email_reminders": "on",
    }
    answer = browser.send(url, choice)
    tally.check("reminders on", 200 <= answer.status < 400, f"{email}: {answer.status}")


def drive(
    emails: list[str],
    *,
    a: str,
    b: str,
    proxy: str,
    rounds: int,
    state: str,
    deadline_seconds: float,
) -> Tally:
    """Every person's steps at once, one thread each; stops waiting after the deadline."""
    tally = Tally()

    def run(email: str) -> None:
        try:
            one_person(email, a=a, b=b, proxy=proxy, rounds=rounds, state=state, tally=tally)
        except (OSError, LookupError, StopIteration) as problem:
            tally.check("person's steps", False, f"{email}: {problem!r}")

    started = time.monotonic()
    with ThreadPoolExecutor(len(emails)) as pool:
        futures = [pool.submit(run, email) for email in emails]
        for future in futures:
            future.result(timeout=max(1.0, deadline_seconds - (time.monotonic() - started)))
    return tally
