"""Secret links (saved results, calendar feeds, password resets) never reach a log in full."""

from __future__ import annotations

import io
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from gunicorn.config import Config

from hizakoshi.site.logredact import REDACTED, RedactTokens, redact
from hizakoshi.site.server import AccessLogger

TOKEN = "Zq3xT7pLmN8vR2sK9wYbC4dF6gHjA1eU0iO5uPyQ_-s"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (f"GET /r/{TOKEN}/ HTTP/1.1", f"GET /r/{REDACTED}/ HTTP/1.1"),
        (f"POST /r/{TOKEN}/delete/ HTTP/1.1", f"POST /r/{REDACTED}/delete/ HTTP/1.1"),
        (f"/r/{TOKEN}?lang=en", f"/r/{REDACTED}?lang=en"),
        (f"https://example.jp/r/{TOKEN}/", f"https://example.jp/r/{REDACTED}/"),
        (f"/calendar/{TOKEN}.ics", f"/calendar/{REDACTED}.ics"),
        (f"GET /book/m/{TOKEN}/ HTTP/1.1", f"GET /book/m/{REDACTED}/ HTTP/1.1"),
        (f"POST /book/m/{TOKEN}/cancel/", f"POST /book/m/{REDACTED}/cancel/"),
        ("/accounts/reset/MQ/cxyz12-8f9e3a1b2c4d/", f"/accounts/reset/{REDACTED}/"),
        ("/accounts/reset/MQ/set-password/", f"/accounts/reset/{REDACTED}/"),
        (f"Not Found: /r/{TOKEN}/", f"Not Found: /r/{REDACTED}/"),
    ],
)
def test_every_kind_of_secret_link_is_redacted(line: str, expected: str) -> None:
    assert redact(line) == expected
    assert TOKEN not in redact(line)


@pytest.mark.parametrize(
    "line", ["GET / HTTP/1.1", "/me/diary/", "/static/hizakoshi/site.css", "/r/short/", "/book/"]
)
def test_other_paths_are_left_as_they_are(line: str) -> None:
    assert redact(line) == line


def test_the_filter_rewrites_a_record_with_arguments_and_never_drops_it() -> None:
    record = logging.LogRecord(
        "django.request", logging.WARNING, "", 0, "Not Found: %s", None, None
    )
    record.args = (f"/r/{TOKEN}/",)
    assert RedactTokens().filter(record) is True
    assert record.getMessage() == f"Not Found: /r/{REDACTED}/"


@pytest.mark.django_db
def test_djangos_not_found_line_for_a_saved_result_is_redacted(client: Client) -> None:
    handler = next(  # settings.LOGGING's console handler
        h
        for h in logging.getLogger("django").handlers
        if any(isinstance(f, RedactTokens) for f in h.filters)
    )
    written = io.StringIO()
    # Swapped, not setStream(): that flushes the old stream first, and a test earlier in the
    # same worker that set Django up again under pytest's capture leaves it a closed file.
    previous = handler.stream  # type: ignore[attr-defined]
    handler.stream = written  # type: ignore[attr-defined]
    try:
        assert client.get(f"/r/{TOKEN}/").status_code == 404
    finally:
        handler.stream = previous  # type: ignore[attr-defined]
    assert f"Not Found: /r/{REDACTED}/" in written.getvalue()
    assert TOKEN not in written.getvalue()


def test_the_gunicorn_access_log_atoms_hold_no_token() -> None:
    logger = AccessLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/r/{TOKEN}/?x=1",
        "PATH_INFO": f"/r/{TOKEN}/",
        "QUERY_STRING": "x=1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://example.jp/calendar/{TOKEN}.ics",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="404 Not Found", headers=[], sent=10)
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=5))
    assert atoms["r"] == f"GET /r/{REDACTED}/?x=1 HTTP/1.1"
    assert atoms["U"] == f"/r/{REDACTED}/"
    assert atoms["f"] == f"https://example.jp/calendar/{REDACTED}.ics"
    assert all(TOKEN not in str(value) for value in atoms.values())
