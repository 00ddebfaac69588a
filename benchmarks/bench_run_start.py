"""How long `hizakoshi run` takes from the command to the first page served, on a fresh data folder.

    .venv/bin/python benchmarks/bench_run_start.py [--runs 2] [--port 8765]

Each run starts `hizakoshi run` on an empty HIZAKOSHI_DATA_DIR (migrations, static files, the
demo results, the demo person's year, the demo clinic), polls http://127.0.0.1:PORT/ until it
answers, prints the seconds it took and the lines the demo loaders printed with their own
timings, then stops the server (its own process group only). A second start on the same folder
is timed too: the demo loaders are idempotent, so that is what `make run` costs each day.
A figure to read, not a test (a loaded machine would make such a test fail at random).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin" / "hizakoshi"
LIMIT = 300.0  # seconds: give up on a start that never answers


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
            return bool(response.status < 500)
    except (urllib.error.URLError, OSError):
        return False


def start_once(data_dir: Path, port: int) -> tuple[float, str]:
    env = os.environ | {"HIZAKOSHI_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    log = data_dir / "run.log"
    began = time.perf_counter()
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(BIN), "run", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group, so stopping it stops only what it started
        )
        try:
            while not _answers(port):
                if server.poll() is not None or time.perf_counter() - began > LIMIT:
                    raise SystemExit(f"`hizakoshi run` did not start:\n{log.read_text()}")
                time.sleep(0.1)
            took = time.perf_counter() - began
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    lines = [line for line in log.read_text().splitlines() if "records:" in line or " s)" in line]
    return took, "\n".join(f"    {line.strip()}" for line in lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    ns = parser.parse_args()
    for run in range(1, ns.runs + 1):
        with tempfile.TemporaryDirectory(prefix="hizakoshi-start-") as folder:
            for label in ("fresh data folder", "again, same folder"):
                took, detail = start_once(Path(folder), ns.port)
                print(f"run {run}, {label}: first page after {took:.1f} s")
                if detail:
                    print(detail)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
