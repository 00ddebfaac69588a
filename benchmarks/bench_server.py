"""Throughput of the result page next to a bare Django view, under gunicorn, on loopback.

    .venv/bin/python benchmarks/bench_server.py [--seconds 10] [--connections 4]

Needs Debian's wrk (apt-get install wrk). Starts gunicorn on 127.0.0.1 with 2 sync workers and
a throwaway SQLite data folder (demo content loaded), with benchmarks/bench_settings.py: the
production settings and middleware plus one extra URL, /__bench__/bare/, a view that returns
"ok" (benchmarks/bench_urls.py). In one run, wrk (1 thread, `connections` connections, bounded by
`seconds`, after a 2-second warm-up each) loads:
  - bare view           GET /__bench__/bare/         Django + middleware, nothing else
  - saved result        GET /r/<token>/              a database read and the full result page
  - result (computed)   GET /check/result/           the answers in the self-check cookie:
                                                     validate, assess, render the result page
  - floor (no HTML)     GET /__bench__/floor/        the same cookie: everything the computed
                                                     page does except rendering (check the
                                                     signed answers, validate, assess, sign)
  - API (reference)     POST /api/v1/assessments     the same answers as JSON through the API
Prints requests/s, median and p99 latency, and how many times slower than the bare view each
page is. Target: <= 2x. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
import urllib.request
from dataclasses import dataclass

from appserver import running_app
from vignettes import typical
from walk import PageRequest, walk

TARGET_RATIO = 2.0


@dataclass(frozen=True)
class Load:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    bad_responses: int


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def cookies(page: PageRequest, csrf: str) -> str:
    return "; ".join(c for c in (f"csrftoken={csrf}", page.cookie) if c)


def run_wrk(page: PageRequest, cookie: str, seconds: int, connections: int) -> Load:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if page.body is not None:
            # The bodies contain no "]]", so a Lua long string holds them as they are.
            script.write(
                'wrk.method = "POST"\n'
                f"wrk.body = [[{page.body.decode('utf-8')}]]\n"
                f'wrk.headers["Content-Type"] = "{page.content_type}"\n'
            )
        script.write(f'wrk.headers["Cookie"] = "{cookies(page, cookie)}"\n')
        script.flush()
        base = ["wrk", "-t1", f"-c{connections}", "--timeout", "5s", "-s", script.name]
        subprocess.run([*base, "-d2s", page.url], check=True, capture_output=True)  # warm-up
        out = subprocess.run(
            [*base, f"-d{seconds}s", "--latency", page.url],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.MULTILINE))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return Load(rps, _ms(latency["50"]), _ms(latency["99"]), int(bad.group(1)) if bad else 0)


def check_once(page: PageRequest, cookie: str, marker: str) -> None:
    """The page answers 200 with real content before it is timed (not a 403 or an error page)."""
    headers = {"Cookie": cookies(page, cookie), "Content-Type": page.content_type}
    request = urllib.request.Request(page.url, data=page.body, headers=headers)
    with urllib.request.urlopen(request) as response:
        html = response.read().decode("utf-8")
    if marker not in html:
        raise SystemExit(f"{page.name}: the response is not the expected page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")

    with running_app(settings="bench_settings", workers=2) as base:
        recorded = walk(base, typical())
        by_name = {p.name: p for p in recorded.pages}
        result_cookie = by_name["result"].cookie
        pages = [
            (PageRequest("bare view", base + "/__bench__/bare/"), "ok"),
            (by_name["saved result"], 'id="result"'),
            (
                PageRequest("result (computed)", by_name["result"].url, cookie=result_cookie),
                'id="result"',
            ),
            (
                PageRequest("floor (no HTML)", base + "/__bench__/floor/", cookie=result_cookie),
                "assessed:",
            ),
            (
                PageRequest(
                    "API (reference)",
                    base + "/api/v1/assessments?lang=ja",
                    json.dumps(typical()).encode(),
                    "application/json",
                ),
                '"triage"',
            ),
        ]
        loads: dict[str, Load] = {}
        for page, marker in pages:
            check_once(page, recorded.csrf_cookie, marker)
            loads[page.name] = run_wrk(page, recorded.csrf_cookie, args.seconds, args.connections)

    bare = loads["bare view"].requests_per_s
    print(
        f"gunicorn 2 sync workers, wrk 1 thread x {args.connections} connections, "
        f"{args.seconds} s per page, 127.0.0.1"
    )
    print(f"{'page':<20}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'x bare':>8}")
    for page, _marker in pages:
        load = loads[page.name]
        ratio = bare / load.requests_per_s
        note = f"  ({load.bad_responses} non-2xx/3xx!)" if load.bad_responses else ""
        print(
            f"{page.name:<20}{load.requests_per_s:>9.1f}{load.p50_ms:>9.2f}{load.p99_ms:>9.2f}"
            f"{ratio:>8.2f}{note}"
        )
    for page, _marker in pages[1:3]:
        ratio = bare / loads[page.name].requests_per_s
        verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
        print(f"{page.name}: {ratio:.2f}x the bare view; target <= {TARGET_RATIO:.0f}x: {verdict}")
    floor = bare / loads["floor (no HTML)"].requests_per_s
    if floor > TARGET_RATIO:
        print(
            f"the computed page costs {floor:.2f}x before it renders a byte, so no template "
            f"engine can bring it to {TARGET_RATIO:.0f}x"
        )


if __name__ == "__main__":
    main()
