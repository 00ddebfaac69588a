"""A login ends after HIZAKOSHI_SESSION_MAX_HOURS however active, besides the idle timeout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client, override_settings

from people import PASSWORD, person

pytestmark = pytest.mark.django_db
START = datetime(2025, 3, 3, 0, 0, tzinfo=UTC)
ME = "/me/"


def logged_in_client() -> Client:
    person("hanako@example.jp")
    client = Client()
    client.post("/accounts/login/", {"username": "hanako@example.jp", "password": PASSWORD})
    return client


def is_logged_in(client: Client) -> bool:
    return client.get(ME).status_code == 200


def test_the_default_absolute_lifetime_is_twelve_hours() -> None:
    assert settings.SESSION_MAX_AGE == 12 * 3600
    assert settings.SESSION_COOKIE_AGE == 30 * 60  # the idle timeout stays as it was


def test_a_person_active_every_twenty_minutes_is_logged_out_after_twelve_hours() -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in_client()
        minutes = 0
        while minutes < 12 * 60 - 20:
            clock.shift(timedelta(minutes=20))
            minutes += 20
            assert is_logged_in(client), f"logged out after {minutes} minutes"
        clock.shift(timedelta(minutes=20))  # 12 hours after the login
        response = client.get(ME)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@override_settings(SESSION_COOKIE_AGE=7 * 24 * 3600)  # no idle timeout in the way
def test_the_absolute_limit_holds_even_when_the_idle_timeout_is_long() -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in_client()
        clock.shift(timedelta(hours=11, minutes=59))
        assert is_logged_in(client)
        clock.shift(timedelta(minutes=1))
        assert not is_logged_in(client)
        assert "_auth_user_id" not in client.session


@override_settings(SESSION_COOKIE_AGE=7 * 24 * 3600, SESSION_MAX_AGE=2 * 3600)
def test_the_limit_follows_the_setting() -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in_client()
        clock.shift(timedelta(hours=1, minutes=59))
        assert is_logged_in(client)
        clock.shift(timedelta(minutes=1))
        assert not is_logged_in(client)


def test_a_new_login_starts_a_new_lifetime() -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in_client()
        clock.shift(timedelta(hours=12))
        assert not is_logged_in(client)
        client.post("/accounts/login/", {"username": "hanako@example.jp", "password": PASSWORD})
        clock.shift(timedelta(minutes=10))
        assert is_logged_in(client)


def test_the_idle_timeout_still_logs_out_after_thirty_quiet_minutes() -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = logged_in_client()
        clock.shift(timedelta(minutes=31))
        assert not is_logged_in(client)
