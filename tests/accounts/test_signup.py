"""Sign-up needs the consent tick and a confirmed address; a self-check result can come along
into the account."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.journey.join.consent import CONSENT_VERSION
from hizakoshi.journey.join.forms import MSG_CONSENT_REQUIRED
from hizakoshi.journey.models import (
    Assessment,
    JourneyConsent,
    PlanItem,
    Profile,
    WalkingTarget,
)
from people import PASSWORD, person
from selfcheck.factories import complete, knee_origin_answers, saved_result, state_of

pytestmark = pytest.mark.django_db
SIGNUP = "/accounts/signup/"


def form(**overrides: str) -> dict[str, str]:
    return {
        "signup": "1",
        "email": "Hanako@Example.jp",
        "password": PASSWORD,
        "language": "ja",
        "consent": "on",
    } | overrides


def confirm(client: Client) -> None:
    """Open the link of the last e-mail and press its button, as the person would."""
    link = re.search(r"https?://[^/\s]+(/accounts/signup/\S+/)", mail.outbox[-1].body)
    assert link
    assert client.get(link.group(1)).status_code == 200
    done = client.post(link.group(1))
    assert done.status_code == 302
    assert done["Location"] == "/me/today/"


def sign_up(client: Client, **overrides: str) -> None:
    assert client.post(SIGNUP, form(**overrides))["Location"] == "/accounts/signup/sent/"
    confirm(client)


@pytest.mark.argon2
def test_signing_up_with_consent_makes_the_account_and_records_the_consent(client: Client) -> None:
    sign_up(client)
    user = User.objects.get()
    assert user.email == "hanako@example.jp"
    assert user.password.startswith("argon2")
    consent = JourneyConsent.objects.get(person=user)
    assert (consent.text_version, consent.language, consent.withdrawn_at) == (
        CONSENT_VERSION,
        "ja",
        None,
    )
    assert Profile.objects.filter(person=user).exists()
    assert client.get("/me/").status_code == 200


def test_signing_up_without_the_consent_tick_stores_nothing_and_says_why(client: Client) -> None:
    data = form()
    del data["consent"]
    response = client.post(SIGNUP, data)
    assert response.status_code == 200
    assert str(MSG_CONSENT_REQUIRED) in response.content.decode()
    assert User.objects.count() == 0
    assert JourneyConsent.objects.count() == 0


def test_an_address_already_used_in_other_letters_cannot_sign_up_again(client: Client) -> None:
    person("hanako@example.jp")
    client.post(SIGNUP, form(email="HANAKO@example.JP"))
    assert User.objects.count() == 1
    assert "/accounts/signup/" not in mail.outbox[-1].body


def test_a_weak_password_is_refused_with_a_message(client: Client) -> None:
    response = client.post(SIGNUP, form(password="12345678"))
    assert response.status_code == 200
    assert 'class="error-message"' in response.content.decode()
    assert User.objects.count() == 0


def test_signing_up_from_a_result_page_takes_the_result_and_its_plan(client: Client) -> None:
    page = complete(client, knee_origin_answers())
    carried = {"state": state_of(page)}
    shown = client.post(SIGNUP, carried)  # the result page's button
    assert shown.status_code == 200
    assert User.objects.count() == 0
    client.post(SIGNUP, form() | carried)
    confirm(client)
    user = User.objects.get()
    stored = Assessment.objects.get(person=user)
    assert stored.source == "claimed"
    assert stored.answers["age"] == 70
    planned = [e["id"] for e in stored.assessment["plan"]["exercises"]]
    items = PlanItem.objects.filter(person=user, active=True).order_by("position")
    assert [i.exercise_id for i in items] == planned
    assert WalkingTarget.objects.get(person=user, active=True).unit == "minutes"
    assert Profile.objects.get(person=user).height_cm == 152  # asked once, in the self-check


def test_signing_up_from_a_saved_result_link_takes_that_result(client: Client) -> None:
    saved = saved_result()
    assert saved.link_token
    sign_up(client, result=saved.link_token)
    stored = Assessment.objects.get()
    assert stored.answers == saved.answers


def test_a_tampered_result_is_ignored_and_the_account_is_still_made(client: Client) -> None:
    sign_up(client, state="not-a-signed-state")
    assert User.objects.count() == 1
    assert Assessment.objects.count() == 0


def test_the_result_page_offers_to_keep_the_result_in_an_account(client: Client) -> None:
    page = complete(client, knee_origin_answers())
    assert 'formaction="/accounts/signup/"' in page.content.decode()


def test_the_signup_page_is_in_japanese_by_default(client: Client) -> None:
    html = client.get(SIGNUP).content.decode()
    assert "同意します" in html
