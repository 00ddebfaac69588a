"""`hizakoshi serve` as a real gunicorn server: static files, workers, bind, and a clean log."""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.helpers import HIZAKOSHI, clean_env, hizakoshi
from hizakoshi.site.logredact import REDACTED
from hizakoshi.site.management.commands.serve import EXIT_NOT_READY

SAVED_TOKEN = "Zq3xT7pLmN8vR2sK9wYbC4dF6gHjA1eU0iO5uPyQ_-s"
FEED_TOKEN = "kJ8hG7fD6sA5pO4iU3yT2rE1wQ0zXcVbNm-_LkJhGfD"
RESET_TOKEN = "cxyz12-8f9e3a1b2c4d5e6f7a8b9c0d1e2f3a4b"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class Served:
    def __init__(self, base: str, log: Path, data: Path) -> None:
        self.base, self.log, self.data = base, log, data


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = clean_env(tmp / "data", HIZAKOSHI_BIND=f"127.0.0.1:{port}", HIZAKOSHI_WORKERS="2")
    migrated = hizakoshi("migrate", "--verbosity", "0", env=env)
    assert migrated.returncode == 0, migrated.stderr
    log = tmp / "server.log"
    with log.open("wb") as sink:
        server = subprocess.Popen([HIZAKOSHI, "serve"], env=env, stdout=sink, stderr=sink)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, log.read_text()
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.3)
        yield Served(base, log, tmp / "data")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_serve_starts_the_workers_and_address_from_the_environment(served: Served) -> None:
    # The first worker may answer the first request before the second has booted: wait for it.
    deadline = time.monotonic() + 60
    while len(re.findall(r"Booting worker with pid", served.log.read_text())) < 2:
        assert time.monotonic() < deadline, served.log.read_text()
        time.sleep(0.3)
    log = served.log.read_text()
    assert f"Listening at: {served.base}" in log
    assert len(re.findall(r"Booting worker with pid", log)) == 2


def test_pages_name_static_files_by_content_hash_and_they_are_served_compressed(
    served: Served,
) -> None:
    status, _, body = get(served.base + "/")
    assert status == 200
    stylesheet = re.search(rb'href="(/static/hizakoshi/site\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "the page names the hashed stylesheet"
    status, headers, _ = get(
        served.base + stylesheet.group(1).decode(), {"Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert (served.data / "static" / "staticfiles.json").exists()


def test_secret_links_appear_redacted_in_the_access_log(served: Served) -> None:
    get(served.base + f"/r/{SAVED_TOKEN}/", {"Referer": f"{served.base}/r/{SAVED_TOKEN}/"})
    get(served.base + f"/calendar/{FEED_TOKEN}.ics")
    get(served.base + f"/accounts/reset/MQ/{RESET_TOKEN}/")
    time.sleep(0.5)  # the access line is written after the response
    log = served.log.read_text()
    for token in (SAVED_TOKEN, FEED_TOKEN, RESET_TOKEN):
        assert token not in log
    assert f'"GET /r/{REDACTED}/ HTTP/1.1" 404' in log
    assert f'"GET /calendar/{REDACTED}.ics HTTP/1.1" 404' in log
    assert f"/accounts/reset/{REDACTED}/" in log
    assert f"Not Found: /r/{REDACTED}/" in log  # Django's own line too


def test_serve_refuses_to_start_before_the_migrations_are_applied(tmp_path: Path) -> None:
    done = hizakoshi("serve", env=clean_env(tmp_path / "fresh"), timeout=60)
    assert done.returncode == EXIT_NOT_READY
    assert "not applied yet: run `hizakoshi migrate` first" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_prints_the_deployment_warnings_at_start(served: Served) -> None:
    # The test server runs without HTTPS, so check --deploy's HTTPS advice is shown.
    log = served.log.read_text()
    assert "security.W008" in log  # SECURE_SSL_REDIRECT
    assert "security.W004" in log  # SECURE_HSTS_SECONDS
