"""Deleting the account deletes the saved results the person kept in it, so their links stop
opening, and the page after it lists what was deleted, kind by kind."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.test_signup import confirm
from hizakoshi.selfcheck.models import ConsentRecord, SavedResult
from people import PASSWORD
from selfcheck.factories import saved_result

pytestmark = pytest.mark.django_db


def sign_up_with(client: Client, token: str) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "signup": "1",
            "email": "hanako@example.jp",
            "password": PASSWORD,
            "language": "en",
            "consent": "on",
            "result": token,
        },
    )
    assert response.status_code == 302
    confirm(client)


def test_a_result_link_kept_in_the_account_is_gone_after_the_account_is_deleted(
    client: Client,
) -> None:
    saved = saved_result()
    link = f"/r/{saved.link_token}/"
    assert client.get(link).status_code == 200
    sign_up_with(client, str(saved.link_token))
    assert client.get(link).status_code == 200  # kept: it still opens while the account lives
    response = client.post("/me/delete/", {"password": PASSWORD})
    assert response["Location"] == "/accounts/deleted/"
    assert client.get(link).status_code == 404
    assert not SavedResult.objects.exists()
    consent = ConsentRecord.objects.get()  # the consent record stays, marked deleted
    assert consent.result is None and consent.data_deleted_at is not None


def test_a_result_someone_else_saved_stays(client: Client) -> None:
    mine, theirs = saved_result(), saved_result()
    sign_up_with(client, str(mine.link_token))
    client.post("/me/delete/", {"password": PASSWORD})
    assert client.get(f"/r/{theirs.link_token}/").status_code == 200


def test_the_page_after_deletion_lists_what_was_deleted_once(client: Client) -> None:
    saved = saved_result()
    sign_up_with(client, str(saved.link_token))
    client.post("/me/diary/", {"back_pain": "3"})
    client.post("/me/delete/", {"password": PASSWORD})
    page = client.get("/accounts/deleted/").content.decode()
    assert "What was deleted" in page
    assert '<th scope="row">Saved result links</th><td>1</td>' in page
    assert '<th scope="row">Self-check results</th><td>1</td>' in page
    assert '<th scope="row">Diary check-ins</th><td>1</td>' in page
    again = client.get("/accounts/deleted/").content.decode()
    assert "What was deleted" not in again  # shown once, nothing kept about it
