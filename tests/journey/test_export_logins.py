"""The export includes the person's login history: last login and failed attempts."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import time_machine
from axes.models import AccessFailureLog
from django.test import Client

from people import PASSWORD, person

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1"
TABLET = "Mozilla/5.0 (Linux; Android 14; SM-X200) Chrome/120.0 Safari/537.36"


def export(client: Client) -> dict:  # type: ignore[type-arg]
    response = client.get("/me/export.json")
    assert response.status_code == 200
    return json.loads(response.content)  # type: ignore[no-any-return]


def fail(client: Client, email: str, ip: str, browser: str) -> None:
    client.post(
        LOGIN,
        {"username": email, "password": "wrong"},
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT=browser,
    )


def test_failed_logins_with_time_ip_and_browser_and_the_last_login_are_exported() -> None:
    person("hanako@example.jp")
    person("taro@example.jp")
    client = Client()
    with time_machine.travel(datetime(2025, 3, 3, 1, 0, tzinfo=UTC), tick=False):
        fail(client, "Hanako@Example.jp", "203.0.113.7", PHONE)  # any case of the letters
    with time_machine.travel(datetime(2025, 3, 3, 1, 1, tzinfo=UTC), tick=False):
        fail(client, "hanako@example.jp", "203.0.113.7", PHONE)
    with time_machine.travel(datetime(2025, 3, 3, 2, 0, tzinfo=UTC), tick=False):
        fail(client, "hanako@example.jp", "198.51.100.4", TABLET)
        fail(client, "taro@example.jp", "192.0.2.1", PHONE)  # someone else's
    with time_machine.travel(datetime(2025, 3, 3, 2, 5, tzinfo=UTC), tick=False):
        client.post(LOGIN, {"username": "hanako@example.jp", "password": PASSWORD})
        history = export(client)["login_history"]

    assert history["last_login"] == "2025-03-03T02:05:00Z"
    failures = [
        (f["attempt_time"], f["ip_address"], f["browser"]) for f in history["failed_attempt_log"]
    ]
    assert failures == [
        ("2025-03-03T01:00:00Z", "203.0.113.7", PHONE),
        ("2025-03-03T01:01:00Z", "203.0.113.7", PHONE),
        ("2025-03-03T02:00:00Z", "198.51.100.4", TABLET),
    ]
    assert "192.0.2.1" not in json.dumps(history)
    assert "wrong" not in json.dumps(history)  # never what was typed


def test_failures_counted_towards_a_lockout_right_now_are_exported_too(client: Client) -> None:
    hanako = person("hanako@example.jp")
    fail(Client(), "hanako@example.jp", "203.0.113.7", PHONE)
    fail(Client(), "hanako@example.jp", "203.0.113.7", PHONE)
    client.force_login(hanako)
    (counter,) = export(client)["login_history"]["failed_attempts"]
    assert (counter["ip_address"], counter["browser"], counter["failures_since_start"]) == (
        "203.0.113.7",
        PHONE,
        2,
    )


def test_a_person_who_never_failed_gets_an_empty_history_with_the_last_login(
    client: Client,
) -> None:
    person("hanako@example.jp")
    client.post(LOGIN, {"username": "hanako@example.jp", "password": PASSWORD})
    history = export(client)["login_history"]
    assert history["last_login"] is not None
    assert history["failed_attempts"] == []
    assert history["logins"] == []  # successful logins are not logged (AXES_DISABLE_ACCESS_LOG)


def test_each_logged_failure_is_exported_when_the_failure_log_is_kept(client: Client) -> None:
    hanako = person("hanako@example.jp")
    AccessFailureLog.objects.create(
        username="hanako@example.jp",
        ip_address="203.0.113.7",
        user_agent=PHONE,
        http_accept="*/*",
        path_info=LOGIN,
        locked_out=True,
    )
    client.force_login(hanako)
    (logged,) = export(client)["login_history"]["failed_attempt_log"]
    assert (logged["ip_address"], logged["browser"], logged["locked_out"]) == (
        "203.0.113.7",
        PHONE,
        True,
    )
    assert logged["attempt_time"]
