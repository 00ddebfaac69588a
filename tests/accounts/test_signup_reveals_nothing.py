"""Signing up tells nobody whether an address has an account: the same answer either way, and
only the mailbox learns which it was."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.contrib.auth.hashers import get_hasher
from django.core import mail
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.accounts.signup import SUBJECT_CONFIRM, SUBJECT_TAKEN
from people import PASSWORD, person

pytestmark = pytest.mark.django_db
SIGNUP = "/accounts/signup/"


def form(email: str, password: str = PASSWORD) -> dict[str, str]:
    return {
        "signup": "1",
        "email": email,
        "password": password,
        "language": "ja",
        "consent": "on",
    }


def answer(email: str) -> tuple[int, str, str]:
    """Status, where it leads, and the page it leads to."""
    client = Client()
    response = client.post(SIGNUP, form(email))
    page = client.get(response["Location"]).content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return response.status_code, response["Location"], page


def test_a_new_and_a_known_address_get_the_same_answer() -> None:
    person("hanako@example.jp")
    known = answer("Hanako@example.jp")
    new = answer("taro@example.jp")
    assert known == new
    assert known[0] == 302


def test_a_new_and_a_known_address_do_the_same_costly_work() -> None:
    # Equal work rather than equal wall-clock time: one password hash and one e-mail either way
    # (a timed comparison fails at random on a loaded machine; the work is what leaks time).
    person("hanako@example.jp")
    hasher = get_hasher()
    for address in ("hanako@example.jp", "taro@example.jp"):
        mail.outbox.clear()
        with mock.patch.object(
            type(hasher), "encode", autospec=True, side_effect=hasher.encode.__func__
        ) as encode:
            answer(address)
        assert (encode.call_count, len(mail.outbox)) == (1, 1), address


def test_the_known_address_is_told_that_someone_tried_without_a_link_that_logs_in() -> None:
    person("hanako@example.jp")
    Client().post(SIGNUP, form("hanako@example.jp", password="another-password-42"))
    (sent,) = mail.outbox
    assert sent.to == ["hanako@example.jp"]
    assert sent.subject == SUBJECT_TAKEN.ja
    assert "新しいアカウントを作ろうとした人がいます" in sent.body
    assert "Someone tried to make a new account" in sent.body
    links = re.findall(r"https?://\S+", sent.body)
    assert links and all(link.endswith("/accounts/login/") for link in links)
    assert User.objects.get().check_password(PASSWORD)


def test_a_new_address_gets_a_link_and_no_account_works_before_it_is_opened() -> None:
    client = Client()
    client.post(SIGNUP, form("taro@example.jp"))
    (sent,) = mail.outbox
    assert sent.subject == SUBJECT_CONFIRM.ja
    assert "/accounts/signup/" in sent.body
    login = {"username": "taro@example.jp", "password": PASSWORD}
    assert Client().post("/accounts/login/", login).status_code == 200  # not logged in
    assert client.get("/me/").status_code == 302


def test_the_link_works_once() -> None:
    client = Client()
    client.post(SIGNUP, form("taro@example.jp"))
    path = re.search(r"https?://[^/\s]+(/accounts/signup/\S+/)", mail.outbox[0].body)
    assert path
    assert client.post(path.group(1)).status_code == 302
    assert Client().post(path.group(1)).status_code == 400
    assert Client().get("/accounts/signup/MQ/not-a-token/").status_code == 400


def test_a_sign_up_someone_else_started_with_your_address_does_not_block_you() -> None:
    Client().post(SIGNUP, form("taro@example.jp", password="someone-elses-pass-9"))
    mine = Client()
    mine.post(SIGNUP, form("taro@example.jp"))
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == SUBJECT_CONFIRM.ja
    path = re.search(r"https?://[^/\s]+(/accounts/signup/\S+/)", mail.outbox[1].body)
    assert path
    assert mine.post(path.group(1)).status_code == 302
    assert User.objects.get().check_password(PASSWORD)
