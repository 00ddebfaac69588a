"""Fifty people saving at once: does every save succeed, and is every acknowledged save kept?

    .venv/bin/python benchmarks/bench_concurrency.py [--writers 50] [--saves 3] [--workers 4]
    .venv/bin/python benchmarks/bench_concurrency.py --as-before   # SQLite as it was (deferred)
    scripts/with-postgres.sh .venv/bin/python benchmarks/bench_concurrency.py --postgres

Starts the app under gunicorn on 127.0.0.1 with a throwaway data folder (SQLite, or the
PostgreSQL database of DATABASE_URL with --postgres), makes WRITERS
test people and logs each of them in through the login page, then for each kind of write page
(diary, session finish, check-in, profile, reminders, self-check save) sends WRITERS threads at
once, each posting the page's own form SAVES times. Prints per kind:
    writes=<acknowledged> errors_5xx=<n> other=<n> lost=<acknowledged but not in the database>
Loopback only; bounded: WRITERS x SAVES posts per kind, 120 s per kind at most.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from appserver import _wait_until_up, free_port  # noqa: E402

BIN = Path(sys.executable).parent
PASSWORD = "knee-and-back-2025"


class FormParser(HTMLParser):
    """The fields of every POST form of a page, with the values a person would send as is."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, object]] = []
        self._form: dict[str, object] | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = {"_action": a.get("action", ""), "_fields": {}}
            self.forms.append(self._form)
        if self._form is None:
            return
        fields: dict[str, str] = self._form["_fields"]  # type: ignore[assignment]
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "checkbox":  # only what is ticked: no warning sign, no opt-in
                if "checked" in a:
                    fields[name] = a.get("value", "on")
            elif kind == "radio":  # the one chosen, else the first choice
                if "checked" in a or name not in fields:
                    fields[name] = a.get("value", "")
            elif kind not in ("submit", "button"):
                fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and (self._select not in fields or "selected" in a):
            fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            fields[name] = ""
        elif tag == "button" and name and name not in fields:
            fields[name] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return str(response.read().decode())

    def form(self, path: str, marker: str) -> dict[str, str]:
        parser = FormParser()
        parser.feed(self.get(path))
        for form in parser.forms:
            fields: dict[str, str] = form["_fields"]  # type: ignore[assignment]
            if marker in fields:
                return dict(fields)
        raise LookupError(f"no form with {marker} on {path}")

    def post(self, path: str, data: dict[str, str]) -> int:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=60) as response:
                return int(response.status)
        except urllib.error.HTTPError as answer:
            return int(answer.code)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def server(data_dir: str, settings: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    env = app_env(data_dir, settings)
    subprocess.run([str(BIN / "hizakoshi"), "migrate", "--verbosity", "0"], env=env, check=True)
    # Each person has a plan (the session page needs one), made as the tests make it.
    make_people = (
        "from hizakoshi.journey.join.services import patient_create\n"
        "from journey.factories import with_plan\n"
        f"for n in range({ARGS.writers}):\n"
        f"    with_plan(patient_create(email=f'writer{{n}}@example.jp', password='{PASSWORD}',"
        " language='ja', consent_version='bench'))\n"
    )
    subprocess.run(
        [str(BIN / "hizakoshi"), "shell", "-c", make_people], env=with_tests(env), check=True
    )
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "hizakoshi.site.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--log-level=error",
        "--timeout=120",
    ]
    proc = subprocess.Popen(command, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, proc, timeout=120)
    except BaseException:
        proc.terminate()
        proc.wait(timeout=30)
        raise
    return proc, base


def app_env(data_dir: str, settings: str) -> dict[str, str]:
    env = {
        # The bench logs everyone in from one IP: the per-IP login limit would stop it.
        "HIZAKOSHI_RATELIMIT_LOGIN_IP": "10000/m",
        **os.environ,
        "HIZAKOSHI_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": settings,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")])),
    }
    if not ARGS.postgres:
        env.pop("DATABASE_URL", None)
    return env


def count(db: Path, sql: str) -> int:
    """One number from the app's database: the SQLite file, or DATABASE_URL with --postgres."""
    if ARGS.postgres:
        import psycopg

        with psycopg.connect(os.environ["DATABASE_URL"]) as con:
            row = con.execute(sql).fetchone()  # type: ignore[arg-type]
    else:
        with sqlite3.connect(db) as con:
            row = con.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def with_tests(env: dict[str, str]) -> dict[str, str]:
    """The tests' factories make the people and answers (tests/ on the path)."""
    return env | {"PYTHONPATH": os.pathsep.join([str(HERE.parent / "tests"), env["PYTHONPATH"]])}


def log_in(base: str, n: int) -> Browser:
    browser = Browser(base)
    fields = browser.form("/accounts/login/", "username")
    fields |= {"username": f"writer{n}@example.jp", "password": PASSWORD}
    status = browser.post("/accounts/login/", fields)
    assert status == 302, f"login of writer{n}: {status}"
    return browser


# --- the kinds of write: (path, form marker, changes for save number k) and a count of rows ----
def diary(b: Browser, k: int) -> int:
    # Today's entry, changed on each save (one entry a day): the last value must be kept.
    return b.post("/me/diary/", b.form("/me/diary/", "back_pain") | {"back_pain": str(k % 10)})


def session(b: Browser, k: int) -> int:
    fields = b.form("/me/session/", "client_id") | {"client_id": str(uuid.uuid4())}
    return b.post("/me/session/", fields)


def check_in(b: Browser, k: int) -> int:
    fields = b.form("/me/measures/nrs/", "knee") | {"knee": str(k % 10), "back": "3"}
    return b.post("/me/measures/nrs/", fields)


def profile(b: Browser, k: int) -> int:
    fields = b.form("/me/", "height_cm") | {"height_cm": str(150 + k)}
    return b.post("/me/", fields)


def reminders(b: Browser, k: int) -> int:
    fields = b.form("/me/reminders/", "session_time") | {"session_time": f"08:{k:02d}"}
    return b.post("/me/reminders/", fields)


def selfcheck_save(b: Browser, k: int) -> int:
    b.get("/")  # the CSRF cookie, as the result page gives it
    token = next(c.value for c in b.jar if c.name == "csrftoken")
    fields = {"csrfmiddlewaretoken": str(token), "state": STATE, "consent": "on"}
    return b.post("/check/save/", fields)


STATE = ""
KINDS: dict[str, tuple[Callable[[Browser, int], int], str]] = {
    "diary": (diary, "SELECT count(*) FROM journey_diaryentry WHERE back_pain = {last_pain}"),
    "session": (session, "SELECT count(*) FROM journey_exercisesession"),
    "check-in": (check_in, "SELECT count(*) FROM journey_outcomeresponse"),
    "profile": (profile, "SELECT count(*) FROM journey_profile WHERE height_cm = {last}"),
    "reminders": (reminders, "SELECT count(*) FROM journey_profile WHERE session_time = '{time}'"),
    "selfcheck-save": (selfcheck_save, "SELECT count(*) FROM selfcheck_savedresult"),
}


def run_kind(name: str, browsers: list[Browser], db: Path) -> str:
    work, count_sql = KINDS[name]
    before = count(db, count_sql.format(last=150 + ARGS.saves - 1, time="00:00:00", last_pain=-1))
    start = threading.Barrier(len(browsers))
    deadline = time.monotonic() + 120
    codes: list[int] = []
    lock = threading.Lock()

    def writer(b: Browser) -> None:
        start.wait()
        for k in range(ARGS.saves):
            if time.monotonic() > deadline:
                return
            try:
                code = work(b, k)
            except (urllib.error.URLError, OSError, LookupError) as problem:
                print(f"  {name}: {problem!r}", file=sys.stderr)
                code = 0  # counted as "other": the bench could not send it
            with lock:
                codes.append(code)

    with ThreadPoolExecutor(len(browsers)) as pool:
        list(pool.map(writer, browsers))
    ok = sum(1 for c in codes if 200 <= c < 400)
    errors = sum(1 for c in codes if c >= 500)
    other = len(codes) - ok - errors
    last_time = f"08:{ARGS.saves - 1:02d}:00"
    last_pain = (ARGS.saves - 1) % 10
    after = count(
        db, count_sql.format(last=150 + ARGS.saves - 1, time=last_time, last_pain=last_pain)
    )
    if name in ("diary", "profile", "reminders"):
        expected = len(browsers) if ok == len(codes) else after  # the last save of each person
        lost = max(0, expected - after)
    else:
        lost = max(0, ok - (after - before))
    return f"{name:15} writes={ok} errors_5xx={errors} other={other} lost={lost}"


def main() -> int:
    settings = "bench_settings_before" if ARGS.as_before else "hizakoshi.site.settings"
    database = "PostgreSQL" if ARGS.postgres else "SQLite"
    with tempfile.TemporaryDirectory(prefix="hizakoshi-bench.") as data_dir:
        proc, base = server(data_dir, settings, ARGS.workers)
        try:
            global STATE
            STATE = signed_result_state(app_env(data_dir, settings))
            browsers = [log_in(base, n) for n in range(ARGS.writers)]
            print(
                f"{ARGS.writers} writers x {ARGS.saves} saves per kind, {database}, {settings}, "
                f"gunicorn {ARGS.workers} workers"
            )
            for name in KINDS:
                print(run_kind(name, browsers, Path(data_dir) / "hizakoshi.sqlite3"), flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return 0


def signed_result_state(env: dict[str, str]) -> str:
    """The signed answers of a finished self-check, as its result page carries them."""
    code = (
        "from hizakoshi.selfcheck.flow import FlowState, RESULT\n"
        "from selfcheck.factories import knee_origin_answers\n"
        "print(FlowState(step=RESULT, answers=knee_origin_answers()).dump())\n"
    )
    done = subprocess.run(
        [str(BIN / "hizakoshi"), "shell", "-c", code],
        env=with_tests(env),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--as-before", action="store_true")
    parser.add_argument(
        "--postgres", action="store_true", help="use DATABASE_URL (scripts/with-postgres.sh)"
    )
    ARGS = parser.parse_args()
    sys.exit(main())
