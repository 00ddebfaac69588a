"""A result is stored only with consent, behind an unguessable link, and can be deleted."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError
from django.test import Client
from django.utils import timezone

from hizakoshi.selfcheck.consent import CONSENT_VERSION, MSG_CONSENT_REQUIRED, RETENTION_DAYS
from hizakoshi.selfcheck.models import ConsentRecord, SavedResult
from hizakoshi.site.tokens import token_hash

from .factories import (
    SAVE_URL,
    Page,
    complete,
    knee_origin_answers,
    saved_result,
    state_of,
)

pytestmark = pytest.mark.django_db


def save(client: Client, *, consent: bool) -> Page:
    page = complete(client, knee_origin_answers())
    data = {"state": state_of(page)} | ({"consent": "yes"} if consent else {})
    return client.post(SAVE_URL, data)


def test_saving_without_the_consent_tick_stores_nothing_and_says_why(client: Client) -> None:
    response = client.get(save(client, consent=False)["Location"])
    html = response.content.decode()
    assert response.status_code == 200
    assert MSG_CONSENT_REQUIRED.ja in html
    assert 'id="result"' in html
    assert SavedResult.objects.count() == 0
    assert ConsentRecord.objects.count() == 0


def test_saving_with_consent_stores_the_result_and_the_consent(client: Client) -> None:
    response = save(client, consent=True)
    assert response.status_code == 302
    link = response["Location"]
    token = re.fullmatch(r"/r/([A-Za-z0-9_-]{43})/", link)
    assert token
    saved = SavedResult.objects.get()
    assert saved.token_hash == token_hash(token.group(1))
    assert token.group(1) not in str(saved.__dict__)
    assert saved.answers["age"] == 70
    assert saved.assessment["pattern"]["pattern"] == "knee_origin"
    assert saved.language == "ja"
    assert saved.expires_at - saved.created_at == timedelta(days=RETENTION_DAYS)
    consent = ConsentRecord.objects.get()
    assert (consent.result, consent.text_version, consent.language) == (
        saved,
        CONSENT_VERSION,
        "ja",
    )


def test_the_link_shows_the_result_then_delete_makes_it_404(client: Client) -> None:
    link = save(client, consent=True)["Location"]
    page = client.get(link)
    assert page.status_code == 200
    assert 'data-pattern="knee_origin"' in page.content.decode()
    assert 'name="robots" content="noindex' in page.content.decode()
    assert client.get(link + "delete/").status_code == 200
    assert SavedResult.objects.count() == 1  # a GET only asks for confirmation
    deleted = client.post(link + "delete/")
    assert deleted.status_code == 302
    assert SavedResult.objects.count() == 0
    gone = client.get(link)
    assert gone.status_code == 404
    assert "見つかりません" in gone.content.decode()


def test_deleting_keeps_a_consent_record_without_health_data(client: Client) -> None:
    saved = saved_result()
    client.post(f"/r/{saved.link_token}/delete/")
    consent = ConsentRecord.objects.get()
    assert consent.result is None
    assert consent.data_deleted_at is not None
    assert consent.text_version == CONSENT_VERSION


def test_the_saved_page_shows_what_was_stored_even_if_the_engine_changes(
    client: Client,
) -> None:
    saved = saved_result()
    saved.assessment["pattern"]["summary"] = {"ja": "保存されたときの説明", "en": "as stored"}
    saved.save()
    page = client.get(f"/r/{saved.link_token}/").content.decode()
    assert "保存されたときの説明" in page


def test_an_expired_link_is_not_found(client: Client) -> None:
    saved = saved_result()
    with time_machine.travel(timezone.now() + timedelta(days=RETENTION_DAYS, minutes=1)):
        assert client.get(f"/r/{saved.link_token}/").status_code == 404


def test_an_unknown_link_gives_a_404_page_in_the_persons_language(client: Client) -> None:
    client.cookies["django_language"] = "en"
    response = client.get("/r/" + "A" * 43 + "/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_tampered_state_cannot_be_saved(client: Client) -> None:
    response = client.post(SAVE_URL, {"state": "forged", "consent": "yes"})
    assert response.status_code == 400
    assert SavedResult.objects.count() == 0


def test_the_database_refuses_a_result_that_expires_before_it_was_made() -> None:
    saved = saved_result()
    saved.pk = None
    saved.token_hash = "0" * 64
    saved.expires_at = saved.created_at
    with pytest.raises(IntegrityError):
        saved.save()


def test_the_database_refuses_two_results_with_one_link() -> None:
    saved = saved_result()
    saved.pk = None
    with pytest.raises(IntegrityError):
        saved.save()


def test_a_saved_page_served_from_the_cache_carries_each_visitors_own_csrf_token() -> None:
    saved = saved_result()
    link = f"/r/{saved.link_token}/"
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(link)  # renders and caches the page
    html = second.get(link).content.decode()
    form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert form_token is not None
    switched = second.post(
        "/i18n/setlang/",
        {"language": "en", "next": link, "csrfmiddlewaretoken": form_token.group(1)},
    )
    assert switched.status_code == 302
    assert "Your saved result" in second.get(link).content.decode()


def test_the_cached_saved_page_keeps_the_languages_apart(client: Client) -> None:
    saved = saved_result()
    link = f"/r/{saved.link_token}/"
    assert "保存した結果" in client.get(link).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(link).content.decode()
    assert "Your saved result" in english and "保存した結果" not in english


def test_a_result_deleted_by_another_process_is_not_served_from_the_page_cache(
    client: Client,
) -> None:
    saved = saved_result()
    link = f"/r/{saved.link_token}/"
    assert client.get(link).status_code == 200  # now cached in this process
    SavedResult.objects.filter(pk=saved.pk).delete()  # as purge_results or another worker would
    assert client.get(link).status_code == 404
