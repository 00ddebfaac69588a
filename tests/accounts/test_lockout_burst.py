"""The login lockout holds when forty wrong passwords arrive at the same moment.

Threads, each with its own browser (test client) and database connection, against the real test
database. Before each password check an attempt takes a slot under a lock, so at most five
passwords are checked for one address, however many arrive at once.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import DatabaseError, connections
from django.test import Client

from hizakoshi.accounts.forms import MSG_LOGIN_FAILED
from hizakoshi.accounts.models import LoginGate
from people import PASSWORD, person

LOGIN = "/accounts/login/"
BURST = 40
EMAIL = "hanako@example.jp"


def attempt(password: str) -> str:
    """One login from a new browser: "wrong", "locked" or "in"."""
    try:
        response = Client().post(LOGIN, {"username": EMAIL, "password": password})
    finally:
        connections.close_all()
    if response.status_code == 302:
        return "in"
    if response.status_code == 429:
        return "locked"
    assert response.status_code == 200
    assert str(MSG_LOGIN_FAILED) in response.content.decode()
    return "wrong"


def right_password_once_five_are_counted() -> str:
    """The owner's password, sent while the burst is still going, once five slots are taken."""
    deadline = time.monotonic() + 60
    try:
        while not LoginGate.objects.filter(count__gte=settings.AXES_FAILURE_LIMIT).exists():
            assert time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        connections.close_all()
    return attempt(PASSWORD)


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_forty_wrong_passwords_gets_at_most_five_answers_and_the_right_one_fails() -> (
    None
):
    person(EMAIL)
    start = threading.Barrier(BURST + 1)

    def wrong(n: int) -> str:
        start.wait()
        return attempt(f"guess number {n}")

    def right() -> str:
        start.wait()
        return right_password_once_five_are_counted()

    with ThreadPoolExecutor(BURST + 1) as pool:
        inside = pool.submit(right)
        answers = list(pool.map(wrong, range(BURST)))
    assert answers.count("wrong") <= settings.AXES_FAILURE_LIMIT
    assert answers.count("wrong") + answers.count("locked") == BURST
    assert inside.result() == "locked"
    assert attempt(PASSWORD) == "locked"


@pytest.mark.django_db
def test_a_login_that_cannot_be_counted_is_refused_even_with_the_right_password(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    person(EMAIL)

    def broken(*args: object, **kwargs: object) -> None:
        raise DatabaseError("disk full")

    monkeypatch.setattr(LoginGate, "save", broken)
    response = client.post(LOGIN, {"username": EMAIL, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_right_password_gives_the_attempts_back(client: Client) -> None:
    person(EMAIL)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN, {"username": EMAIL, "password": "wrong"})
    assert client.post(LOGIN, {"username": EMAIL, "password": PASSWORD}).status_code == 302
    assert LoginGate.objects.count() == 0


@pytest.mark.django_db
def test_the_lockout_stores_no_address_and_no_ip(client: Client) -> None:
    client.post(LOGIN, {"username": EMAIL, "password": "wrong"})
    keys = list(LoginGate.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert not any("hanako" in key or "127.0.0.1" in key for key in keys)
