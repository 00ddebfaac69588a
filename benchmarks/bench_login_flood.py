"""Does a flood of logins with ever new addresses slow the site for everyone else?

    .venv/bin/python benchmarks/bench_login_flood.py [--seconds 15] [--flooders 20]

Starts the app under gunicorn (2 workers, throwaway SQLite data folder) twice: with the per-IP login
limit (HIZAKOSHI_RATELIMIT_LOGIN_IP, default 20/m) and with rate limits off. Each time FLOODERS
threads post logins with new addresses for SECONDS seconds while one visitor loads the start page
every 0.2 s. Prints the start page's median and 95th-percentile time and what the logins got.
Loopback only, bounded in time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_concurrency
from bench_concurrency import Browser, server


def flood(base: str, seconds: float, flooders: int) -> tuple[list[float], Counter[int]]:
    stop = time.monotonic() + seconds
    answers: Counter[int] = Counter()
    lock = threading.Lock()

    def flooder(n: int) -> None:
        b = Browser(base)
        fields = b.form("/accounts/login/", "username")
        k = 0
        while time.monotonic() < stop:
            k += 1
            code = b.post(
                "/accounts/login/",
                fields | {"username": f"flood{n}-{k}@example.jp", "password": "guess"},
            )
            with lock:
                answers[code] += 1

    threads = [threading.Thread(target=flooder, args=(n,)) for n in range(flooders)]
    for t in threads:
        t.start()
    times: list[float] = []
    while time.monotonic() < stop:
        started = time.perf_counter()
        with urllib.request.urlopen(base + "/", timeout=60) as response:
            response.read()
        times.append(time.perf_counter() - started)
        time.sleep(0.2)
    for t in threads:
        t.join()
    return times, answers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--flooders", type=int, default=20)
    args = parser.parse_args()
    bench_concurrency.ARGS = argparse.Namespace(writers=1)
    os.environ.setdefault("HIZAKOSHI_RATELIMIT_LOGIN_IP", "20/m")
    for label, enable in (("per-IP login limit on", "true"), ("rate limits off", "false")):
        os.environ["HIZAKOSHI_RATELIMIT_ENABLE"] = enable
        with tempfile.TemporaryDirectory(prefix="hizakoshi-bench.") as data_dir:
            proc, base = server(data_dir, "hizakoshi.site.settings", 2)
            try:
                times, answers = flood(base, args.seconds, args.flooders)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
        ms = sorted(t * 1000 for t in times)
        p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
        print(
            f"{label:22} start page median={statistics.median(ms):.0f} ms p95={p95:.0f} ms "
            f"(n={len(ms)}); logins: {dict(sorted(answers.items()))}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
