"""The setup code: a member sets up their authenticator app only with the code the clinic admin
handed them, not with the password alone. A wrong code is refused, audited and counted with
wrong second-factor codes; an expired or missing one sends them to the clinic admin; the code
works until the app is confirmed, and only in the session that typed it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic, Membership, SetupCode
from hizakoshi.clinic.staff.codes import (
    SETUP_ALPHABET,
    setup_code_new,
    setup_code_read,
    setup_code_shown,
)
from hizakoshi.clinic.staff.services import app_setup_start
from people import staff

from .helpers import SETUP, app_code, is_verified, password_login, setup_code_given, wrong_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(clinic: Clinic) -> User:
    return staff("new@clinic.example.jp", clinic, display_name="新人", second_factor=False)


def another_code(code: str) -> str:
    """A setup code of the right shape that is not `code`."""
    return next(c for c in ("ABCDEFGHJKMN", "NMKJHGFEDCBA") if c != code)


def refusals() -> list[str]:
    found = AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_FAILED).order_by("pk")
    return [event.detail for event in found]


def test_the_password_alone_sets_up_no_app(newcomer: User) -> None:
    setup_code_given(newcomer)
    client = password_login(newcomer)
    page = client.get(SETUP).content.decode()
    assert "設定用コード" in page and "QRコードを表示する" in page
    response = client.post(SETUP, {})
    assert "設定用コードを入力してください" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer).exists()


def test_the_right_code_makes_the_secret_and_shows_the_qr_code(newcomer: User) -> None:
    code = setup_code_given(newcomer)
    client = password_login(newcomer)
    assert client.post(SETUP, {"setup_code": setup_code_shown(code)})["Location"] == SETUP
    assert 'id="app-secret"' in client.get(SETUP).content.decode()
    assert TOTPDevice.objects.get(user=newcomer).confirmed is False
    assert refusals() == []


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code.lower(),
        lambda code: " ".join(setup_code_shown(code).split("-")),
        lambda code: code.translate({ord(c): ord(c) + 0xFEE0 for c in code}),  # full width
    ],
    ids=["small letters", "spaces", "full-width"],
)
def test_the_code_is_read_as_typed_in_any_case_with_spaces_or_full_width(
    newcomer: User, typed: Callable[[str], str]
) -> None:
    code = setup_code_given(newcomer)
    client = password_login(newcomer)
    assert client.post(SETUP, {"setup_code": typed(code)})["Location"] == SETUP


def test_a_wrong_code_makes_no_secret_and_is_on_the_audit(newcomer: User, clinic: Clinic) -> None:
    code = setup_code_given(newcomer)
    client = password_login(newcomer)
    response = client.post(SETUP, {"setup_code": another_code(code)})
    page = response.content.decode()
    assert "設定用コードがちがいます。" in page and "あと4回まちがえると" in page
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    event = AuditEvent.objects.get(action=AuditAction.SECOND_FACTOR_FAILED)
    assert (event.actor_id, event.clinic_id, event.what, event.detail) == (
        newcomer.pk,
        clinic.pk,
        "second_factor",
        "setup code",
    )
    assert code not in event.actor_label + event.detail


def test_a_code_of_another_shape_is_explained_and_not_counted(newcomer: User) -> None:
    setup_code_given(newcomer)
    client = password_login(newcomer)
    response = client.post(SETUP, {"setup_code": "ABCD-EFGH-JKM0"})  # 0 is not in the alphabet
    assert "英数字12文字" in response.content.decode()
    assert refusals() == []


def test_wrong_setup_codes_count_with_wrong_app_codes_toward_the_logout(newcomer: User) -> None:
    code = setup_code_given(newcomer)
    client = password_login(newcomer)
    limit = settings.STAFF_OTP_FAILURE_LIMIT
    for _ in range(limit - 2):
        client.post(SETUP, {"setup_code": another_code(code)})
    assert client.post(SETUP, {"setup_code": code})["Location"] == SETUP
    wrong = wrong_code(TOTPDevice.objects.get(user=newcomer))
    assert "あと1回まちがえると" in client.post(SETUP, {"code": wrong}).content.decode()
    last = client.post(SETUP, {"code": wrong})
    assert "ログアウトしました" in last.content.decode()
    assert "_auth_user_id" not in client.session
    assert refusals() == ["setup code"] * (limit - 2) + ["app code: wrong or already used"] * 2


@pytest.mark.ratelimit
def test_setup_codes_count_in_the_members_rate_limit(newcomer: User, settings: Settings) -> None:
    settings.RATELIMIT_OTP_USER = "2/h"
    code = setup_code_given(newcomer)
    client = password_login(newcomer)
    assert [
        client.post(SETUP, {"setup_code": another_code(code)}).status_code for _ in range(2)
    ] == [200, 200]
    elsewhere = password_login(newcomer, Client(REMOTE_ADDR="10.0.0.5"))
    assert elsewhere.post(SETUP, {"setup_code": code}).status_code == 429
    assert not TOTPDevice.objects.filter(user=newcomer).exists()


def test_an_expired_code_sends_the_member_to_the_clinic_admin(newcomer: User) -> None:
    days = settings.STAFF_SETUP_CODE_DAYS
    code = setup_code_given(newcomer, issued_at=timezone.now() - timedelta(days=days, minutes=1))
    client = password_login(newcomer)
    page = client.post(SETUP, {"setup_code": code}).content.decode()
    assert "有効期限が切れています。クリニックの管理者に新しいコードを" in page
    assert "あと" not in page  # nothing to guess: not counted toward the logout
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    assert refusals() == ["setup code: expired"]


def test_a_code_works_until_the_days_the_setting_gives_and_no_longer(
    newcomer: User, settings: Settings
) -> None:
    settings.STAFF_SETUP_CODE_DAYS = 3
    issued_at = timezone.now()
    code = setup_code_given(newcomer, issued_at=issued_at)
    membership = Membership.objects.get(user=newcomer)
    stored = SetupCode.objects.get(user=newcomer)
    assert stored.expires_at == issued_at + timedelta(days=3)
    last_second = issued_at + timedelta(days=3, seconds=-1)
    ok = app_setup_start(membership=membership, setup_code=code, ip=None, now=last_second)
    assert ok.device is not None
    late = app_setup_start(membership=membership, setup_code=code, ip=None, now=stored.expires_at)
    assert (late.device, late.refusal) == (None, "expired")


def test_a_member_with_no_code_is_sent_to_the_clinic_admin(newcomer: User) -> None:
    client = password_login(newcomer)
    page = client.post(SETUP, {"setup_code": "ABCD-EFGH-JKMN"}).content.decode()
    assert "設定用コードが発行されていません。クリニックの管理者に" in page
    assert refusals() == ["setup code: none issued"]


def test_only_the_codes_hash_keyed_with_the_secret_key_is_stored(
    newcomer: User, settings: Settings
) -> None:
    code = setup_code_given(newcomer)
    stored = SetupCode.objects.get(user=newcomer)
    assert len(stored.code_hash) == 64 and code not in stored.code_hash.upper()
    settings.SECRET_KEY = "another-key-" * 5  # a copy of the table without the key tells nothing
    client = password_login(newcomer)
    assert "ちがいます" in client.post(SETUP, {"setup_code": code}).content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer).exists()


def test_a_new_code_replaces_the_earlier_one(newcomer: User) -> None:
    first = setup_code_given(newcomer)
    second = setup_code_given(newcomer)
    assert SetupCode.objects.filter(user=newcomer).count() == 1
    client = password_login(newcomer)
    assert "設定用コードがちがいます" in client.post(SETUP, {"setup_code": first}).content.decode()
    assert client.post(SETUP, {"setup_code": second})["Location"] == SETUP


def test_the_code_is_used_up_when_the_app_is_confirmed(newcomer: User) -> None:
    code = setup_code_given(newcomer)
    client = password_login(newcomer)
    client.post(SETUP, {"setup_code": code})
    device = TOTPDevice.objects.get(user=newcomer)
    assert SetupCode.objects.filter(user=newcomer).exists()  # usable until the app is confirmed
    assert client.post(SETUP, {"code": app_code(device)}).status_code == 200
    assert is_verified(client) and not SetupCode.objects.filter(user=newcomer).exists()
    device.delete()  # had the app gone some other way, the old code would not set up another
    again = password_login(newcomer)
    assert "発行されていません" in again.post(SETUP, {"setup_code": code}).content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer).exists()


def test_the_secret_is_shown_only_in_the_session_that_typed_the_code(newcomer: User) -> None:
    code = setup_code_given(newcomer)
    member = password_login(newcomer)
    member.post(SETUP, {"setup_code": code})
    device = TOTPDevice.objects.get(user=newcomer)
    intruder = password_login(newcomer)  # the same password, in another browser
    page = intruder.get(SETUP).content.decode()
    assert 'id="app-secret"' not in page and "<svg" not in page
    assert "設定用コード" in page
    intruder.post(SETUP, {"restart": "1"})
    intruder.post(SETUP, {"code": app_code(device)})
    assert TOTPDevice.objects.get(user=newcomer) == device and not is_verified(intruder)
    assert member.post(SETUP, {"code": app_code(device)}).status_code == 200
    assert is_verified(member)


def test_starting_again_needs_no_new_code_in_the_same_session(newcomer: User) -> None:
    client = password_login(newcomer)
    client.post(SETUP, {"setup_code": setup_code_given(newcomer)})
    first = TOTPDevice.objects.get(user=newcomer)
    assert client.post(SETUP, {"restart": "1"})["Location"] == SETUP
    second = TOTPDevice.objects.get(user=newcomer)
    assert second.pk != first.pk and 'id="app-secret"' in client.get(SETUP).content.decode()


def test_setup_codes_are_twelve_unambiguous_characters_in_three_groups() -> None:
    codes = {setup_code_new() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 12 and set(c) <= set(SETUP_ALPHABET) for c in codes)
    assert not set("IL01O") & set(SETUP_ALPHABET)
    assert setup_code_shown("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"
    assert setup_code_read("abcd-efgh-jkmn") == "ABCDEFGHJKMN"
    assert setup_code_read("ABCD-EFGH-JKM") is None
