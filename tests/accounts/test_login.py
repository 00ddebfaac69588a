"""Login with a generic message, lockout after five failures, logout by POST, password reset."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from hizakoshi.accounts.forms import MSG_LOGIN_FAILED
from hizakoshi.site import settings as production
from people import PASSWORD, person

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def login(client: Client, email: str, password: str) -> int:
    return client.post(LOGIN, {"username": email, "password": password}).status_code


def test_the_right_password_logs_in_whatever_the_case_of_the_address(client: Client) -> None:
    person("hanako@example.jp")
    assert login(client, "HANAKO@example.jp", PASSWORD) == 302
    assert client.get("/me/").status_code == 200


def test_a_wrong_password_and_an_unknown_address_get_the_same_message(client: Client) -> None:
    person("hanako@example.jp")
    wrong = client.post(LOGIN, {"username": "hanako@example.jp", "password": "nope"})
    unknown = client.post(LOGIN, {"username": "nobody@example.jp", "password": "nope"})
    assert str(MSG_LOGIN_FAILED) in wrong.content.decode()
    assert str(MSG_LOGIN_FAILED) in unknown.content.decode()


def test_five_failures_lock_the_address_even_for_the_right_password(client: Client) -> None:
    person("hanako@example.jp")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "hanako@example.jp", "wrong password")
    locked = client.post(LOGIN, {"username": "hanako@example.jp", "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/me/").status_code == 302


def test_logging_out_needs_a_post(client: Client) -> None:
    client.force_login(person("hanako@example.jp"))
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/me/").status_code == 302


def test_a_password_reset_sends_a_link_that_sets_a_new_password(client: Client) -> None:
    person("hanako@example.jp")
    client.post("/accounts/password-reset/", {"email": "hanako@example.jp"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body)
    assert link
    form_page = client.get(link.group(1), follow=True)
    new = "a-brand-new-password-77"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert login(Client(), "hanako@example.jp", new) == 302


def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client: Client) -> None:
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.jp"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_sessions_end_after_idle_time() -> None:
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_AGE <= 30 * 60


def test_passwords_are_stored_with_argon2_outside_the_tests() -> None:
    # Read from the settings module itself: the tests hash with MD5 (tests/conftest.py).
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_changing_the_case_of_the_address_does_not_reset_the_count(client: Client) -> None:
    person("hanako@example.jp")
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, "hanako@example.jp" if n % 2 else "HANAKO@EXAMPLE.JP", "wrong")
    assert login(client, "Hanako@example.jp", PASSWORD) == 429


def test_logging_in_brings_the_persons_own_language_to_this_browser(client: Client) -> None:
    person("john@example.jp", language="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    assert login(client, "john@example.jp", PASSWORD) == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert 'lang="en"' in client.get("/me/").content.decode()
