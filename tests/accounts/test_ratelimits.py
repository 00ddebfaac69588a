"""Rate limits: too many resets, sign-ups, logins or API calls get a plain 429 answer."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from pytest_django.fixtures import Settings

from hizakoshi.site.ratelimit import MSG_TOO_MANY
from people import PASSWORD, person

pytestmark = [pytest.mark.django_db, pytest.mark.ratelimit]
RESET = "/accounts/password-reset/"


def reset(client: Client, email: str) -> int:
    return client.post(RESET, {"email": email}).status_code


def test_resets_for_one_address_stop_at_the_limit_and_send_no_more_mail(
    client: Client, settings: Settings
) -> None:
    settings.RATELIMIT_RESET_EMAIL = "2/h"
    person("hanako@example.jp")
    assert [reset(client, "hanako@example.jp") for _ in range(2)] == [302, 302]
    assert reset(Client(REMOTE_ADDR="10.0.0.9"), "HANAKO@example.jp") == 429
    assert len(mail.outbox) == 2


def test_resets_from_one_ip_stop_at_the_limit_whatever_the_address(
    client: Client, settings: Settings
) -> None:
    settings.RATELIMIT_RESET_IP = "3/h"
    codes = [reset(client, f"person{n}@example.jp") for n in range(4)]
    assert codes == [302, 302, 302, 429]


def test_the_429_page_is_in_plain_japanese(client: Client, settings: Settings) -> None:
    settings.RATELIMIT_RESET_IP = "1/h"
    reset(client, "a@example.jp")
    response = client.post(RESET, {"email": "b@example.jp"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "少し待って" in html
    assert response["Retry-After"]


def test_sign_ups_from_one_ip_stop_at_the_limit(client: Client, settings: Settings) -> None:
    settings.RATELIMIT_SIGNUP_IP = "1/h"
    form = {"signup": "1", "password": PASSWORD, "language": "ja", "consent": "on"}
    assert client.post("/accounts/signup/", form | {"email": "a@example.jp"}).status_code == 302
    assert Client().post("/accounts/signup/", form | {"email": "b@example.jp"}).status_code == 429


def test_logins_from_one_ip_stop_at_the_limit_before_any_password_check(
    client: Client, settings: Settings
) -> None:
    settings.RATELIMIT_LOGIN_IP = "3/h"  # per hour: a slow run seldom spans two windows
    person("hanako@example.jp")
    for n in range(3):
        client.post("/accounts/login/", {"username": f"new{n}@example.jp", "password": "x"})
    right = {"username": "hanako@example.jp", "password": PASSWORD}
    assert client.post("/accounts/login/", right).status_code == 429
    assert Client(REMOTE_ADDR="10.0.0.8").post("/accounts/login/", right).status_code == 302


def test_the_api_answers_429_in_json_past_its_limit(client: Client, settings: Settings) -> None:
    settings.RATELIMIT_API_IP = "2/h"
    assert [client.get("/api/v1/schema").status_code for _ in range(2)] == [200, 200]
    response = client.get("/api/v1/schema")
    assert response.status_code == 429
    assert response.json() == {"detail": str(MSG_TOO_MANY)}
    assert Client(REMOTE_ADDR="10.0.0.7").get("/api/v1/schema").status_code == 200


def test_the_limits_are_off_when_switched_off(client: Client, settings: Settings) -> None:
    settings.RATELIMIT_ENABLE = False
    settings.RATELIMIT_API_IP = "1/h"
    assert [client.get("/api/v1/schema").status_code for _ in range(3)] == [200, 200, 200]


def test_opening_the_sign_up_form_from_a_result_does_not_count(
    client: Client, settings: Settings
) -> None:
    settings.RATELIMIT_SIGNUP_IP = "1/h"
    assert client.post("/accounts/signup/", {"state": "from-a-result-page"}).status_code == 200
    form = {"signup": "1", "password": PASSWORD, "language": "ja", "consent": "on"}
    assert client.post("/accounts/signup/", form | {"email": "a@example.jp"}).status_code == 302
