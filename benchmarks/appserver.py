"""Start the app under gunicorn on 127.0.0.1 for a benchmark, with a throwaway data folder.

Not a benchmark: imported by bench_pages.py and bench_server.py. The data folder (SQLite
database and secret key) is a fresh temporary directory, migrated and loaded with the demo
content, and removed afterwards; the server is stopped even if the benchmark fails.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_app(
    *, settings: str = "hizakoshi.site.settings", workers: int = 2, quiet: bool = True
) -> Iterator[str]:
    """Yields the base URL (http://127.0.0.1:PORT) of a freshly set-up app."""
    with tempfile.TemporaryDirectory(prefix="hizakoshi-bench.") as data_dir:
        env = {
            **os.environ,
            "HIZAKOSHI_DATA_DIR": data_dir,
            "DJANGO_SETTINGS_MODULE": settings,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")])),
        }
        env.pop("DATABASE_URL", None)
        # As `hizakoshi serve` does: collected, hashed and compressed static files, so the page
        # weights are those a phone gets from a real server (gzip/brotli by whitenoise).
        for command in (
            ["migrate", "--verbosity", "0"],
            ["collectstatic", "--noinput", "--verbosity", "0"],
            ["load_demo"],
        ):
            subprocess.run(
                [str(BIN / "hizakoshi"), *command],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL if quiet else None,
            )
        port = free_port()
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "hizakoshi.site.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                "--worker-class=sync",
                "--log-level=warning",
            ],
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, server)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_up(base: str, server: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {server.returncode}")
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # it answers; the status is the benchmark's business
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {base} within {timeout:.0f} s")
