"""Setting up the authenticator app at a member's first login: a new secret only on a POST with
the setup code (tests/clinic/staff/test_setup_code.py), shown as an inline SVG QR code and as
text; a code from it confirms the app, passes the second factor and shows ten recovery codes
once."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic
from hizakoshi.clinic.staff.codes import RECOVERY_ALPHABET
from people import staff

from .helpers import (
    RECOVERY,
    SETUP,
    VERIFY,
    app_code,
    is_verified,
    password_login,
    setup_code_given,
    wrong_code,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(clinic: Clinic) -> User:
    return staff("new@clinic.example.jp", clinic, display_name="新人", second_factor=False)


def shown_secret(page: str) -> bytes:
    """The key as the page spells it out for typing, read back as an app would."""
    found = re.search(r'id="app-secret">(.*?)</p>', page, re.S)
    assert found
    letters = re.sub(r"<[^>]+>|\s", "", found.group(1))
    return b32decode(letters + "=" * (-len(letters) % 8))


def code_from(key: bytes) -> str:
    return f"{TOTP(key).token():06d}"


def started(client: Client) -> str:
    """Past the first page with the setup code: the secret made, the QR code page shown."""
    user = User.objects.get(pk=client.session["_auth_user_id"])
    response = client.post(SETUP, {"setup_code": setup_code_given(user)})
    assert response["Location"] == SETUP
    return client.get(SETUP).content.decode()


def test_opening_the_page_makes_no_secret_until_the_member_asks(newcomer: User) -> None:
    client = password_login(newcomer)
    page = client.get(SETUP).content.decode()
    assert "QRコードを表示する" in page
    assert not TOTPDevice.objects.filter(user=newcomer).exists()


def test_the_qr_code_is_an_inline_svg_the_policy_allows_and_a_screen_reader_names(
    newcomer: User,
) -> None:
    client = password_login(newcomer)
    page = started(client)
    svg = re.search(r"<svg [^>]*>.*?</svg>", page, re.S)
    assert svg and 'role="img"' in svg.group(0)
    assert "<title>認証アプリの設定用QRコード</title>" in svg.group(0)
    assert "data:" not in page and "style=" not in svg.group(0)
    assert "img-src 'self'" in client.get(SETUP)["Content-Security-Policy"]


def test_the_key_typed_from_the_page_gives_the_codes_that_confirm_the_app(
    newcomer: User, clinic: Clinic
) -> None:
    client = password_login(newcomer)
    key = shown_secret(started(client))
    device = TOTPDevice.objects.get(user=newcomer)
    assert key == device.bin_key and not device.confirmed
    response = client.post(f"{SETUP}?next={RECOVERY}", {"code": code_from(key)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed and is_verified(client)
    event = AuditEvent.objects.get(action=AuditAction.LOGIN, what="second_factor")
    assert (event.actor_id, event.clinic_id) == (newcomer.pk, clinic.pk)
    assert event.detail == "set up an authenticator app"
    page = response.content.decode()
    assert f'href="{RECOVERY}"' in page  # "I have stored them": on to where the member was going
    assert client.get(RECOVERY).status_code == 200


def test_ten_recovery_codes_are_shown_once_and_each_one_works(newcomer: User) -> None:
    client = password_login(newcomer)
    key = shown_secret(started(client))
    page = client.post(SETUP, {"code": code_from(key)}).content.decode()
    shown = re.findall(
        rf"<code>([{RECOVERY_ALPHABET}]{{5}}-[{RECOVERY_ALPHABET}]{{5}})</code>", page
    )
    assert len(set(shown)) == 10
    stored = set(StaticToken.objects.filter(device__user=newcomer).values_list("token", flat=True))
    assert stored == {code.replace("-", "") for code in shown}
    # Shown only then: no page shows them again.
    assert shown[0] not in client.get(RECOVERY).content.decode()
    again = password_login(newcomer, Client())
    assert again.post(VERIFY, {"code": shown[3]}).status_code == 302


def test_a_wrong_code_does_not_confirm_and_is_on_the_audit(newcomer: User) -> None:
    client = password_login(newcomer)
    started(client)
    device = TOTPDevice.objects.get(user=newcomer)
    response = client.post(SETUP, {"code": wrong_code(device)})
    assert "コードがちがうか" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed and not is_verified(client)
    assert AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_FAILED).count() == 1


def test_only_a_code_from_the_app_confirms_it(newcomer: User) -> None:
    client = password_login(newcomer)
    started(client)
    response = client.post(SETUP, {"code": "abcde-fghjk"})
    assert "6桁のコードを入力してください" in response.content.decode()


def test_starting_again_replaces_the_secret(newcomer: User) -> None:
    client = password_login(newcomer)
    first = shown_secret(started(client))
    client.post(SETUP, {"restart": "1"})
    second = shown_secret(client.get(SETUP).content.decode())
    assert first != second
    assert TOTPDevice.objects.filter(user=newcomer).count() == 1
    assert client.post(SETUP, {"code": code_from(first)}).status_code == 200
    assert not is_verified(client)


def test_five_wrong_codes_while_setting_up_log_the_session_out(newcomer: User) -> None:
    client = password_login(newcomer)
    started(client)
    wrong = wrong_code(TOTPDevice.objects.get(user=newcomer))
    for _ in range(5):
        response = client.post(SETUP, {"code": wrong})
    assert "ログアウトしました" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_member_with_an_app_is_sent_to_enter_its_code(clinic_staff: User) -> None:
    client = password_login(clinic_staff)
    assert client.get(SETUP)["Location"] == VERIFY
    assert client.post(SETUP, {"setup_code": setup_code_given(clinic_staff)})["Location"] == VERIFY
    assert TOTPDevice.objects.filter(user=clinic_staff).count() == 1


def test_a_code_of_the_confirmed_app_is_not_taken_by_the_setup(clinic_staff: User) -> None:
    client = password_login(clinic_staff)
    device = TOTPDevice.objects.get(user=clinic_staff)
    assert client.post(SETUP, {"code": app_code(device)})["Location"] == VERIFY
    assert not is_verified(client)
