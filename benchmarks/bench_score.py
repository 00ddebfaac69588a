"""Throughput of `hizakoshi score koos` over N JSON-lines responses.

    .venv/bin/python benchmarks/bench_score.py [N]      (default 1,000,000)

Writes N random complete KOOS responses (seeded, so runs compare) to a temp file, then times
scoring them in-process (care.scoring through scorecli.score_stream, output to /dev/null) and as
a subprocess (the `hizakoshi score koos FILE` command, or `python -m hizakoshi.scorecli` when
the console script does not have the subcommand yet). Prints lines/s and peak memory.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hizakoshi.care.scoring import ENGINES
from hizakoshi.scorecli import score_stream


def write_responses(path: Path, n: int, seed: int = 20240601) -> None:
    rng = random.Random(seed)
    items = ENGINES["koos"].item_ids
    encode = json.JSONEncoder(separators=(",", ":")).encode
    with path.open("w", encoding="utf-8") as fh:
        batch: list[str] = []
        for _ in range(n):
            batch.append(encode({item: rng.randint(0, 4) for item in items}))
            if len(batch) == 10_000:
                fh.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            fh.write("\n".join(batch) + "\n")


def command() -> list[str]:
    exe = shutil.which("hizakoshi", path=str(Path(sys.executable).parent))
    if exe:
        probe = subprocess.run([exe, "score", "--list"], capture_output=True, text=True)
        if probe.returncode == 0 and "koos" in probe.stdout.split():
            return [exe, "score"]
    return [sys.executable, "-m", "hizakoshi.scorecli"]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "koos.jsonl"
        started = time.perf_counter()
        write_responses(path, n)
        size_mb = path.stat().st_size / 1e6
        took = time.perf_counter() - started
        print(f"generated {n:,} KOOS lines ({size_mb:.0f} MB) in {took:.1f} s")

        with path.open(encoding="utf-8") as src, open(os.devnull, "w", encoding="utf-8") as sink:
            started, cpu_started = time.perf_counter(), time.process_time()
            status = score_stream(ENGINES["koos"], src, sink)
            took, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        assert status == 0, status
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"in-process: {took:.2f} s, {n / took:,.0f} lines/s "
            f"(CPU {cpu:.2f} s = {n / cpu:,.0f} lines/s per core; peak RSS {peak_mb:.0f} MB)"
        )

        cmd = [*command(), "koos", str(path)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        took = time.perf_counter() - started
        assert done.returncode == 0, done.stderr
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        shown = " ".join(Path(cmd[0]).name if i == 0 else c for i, c in enumerate(cmd[:-1]))
        print(
            f"subprocess ({shown} FILE): {took:.2f} s, {n / took:,.0f} lines/s "
            f"(CPU {cpu:.2f} s = {n / cpu:,.0f} lines/s per core; "
            f"peak RSS {after.ru_maxrss / 1024:.0f} MB)"
        )


if __name__ == "__main__":
    main()
