"""Scale out: scripts/scale-smoke.sh runs two servers on one PostgreSQL behind nginx and passes.

The script prints its figures and fails on any 5xx, lost write, failed cross-instance check or
reminder e-mail sent twice; this test runs it as a person would and reads the figures too, so a
script that stopped checking could not pass. Slow (about a minute): it starts PostgreSQL, two
gunicorn servers and nginx. scripts/test.sh runs it in the SQLite run only, since it makes its
own database. It is skipped only off CI when nginx is missing (scripts/system-deps.sh installs
it; CI's .ci/run does too, so there it fails instead).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "scale-smoke.sh"
EXIT_NOT_INSTALLED = 3


def test_two_servers_behind_nginx_lose_nothing_and_send_each_reminder_once() -> None:
    dropped = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    done = subprocess.run([str(SCRIPT)], env=env, capture_output=True, text=True, timeout=600)
    if done.returncode == EXIT_NOT_INSTALLED and os.environ.get("CI") != "true":
        pytest.skip(done.stderr.strip())
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    requests = int(re.search(r"requests=(\d+) 5xx=0 ", out).group(1))  # type: ignore[union-attr]
    assert requests >= 300, out
    assert "lost writes=0 " in out
    assert re.search(r"through nginx, by instance: A=[1-9]\d*, B=[1-9]\d*\)", out), out
    assert "failed=" not in out
    assert "10 e-mail(s) to 10 of 10 people; both run again the same day: 0 e-mail(s)" in out
