"""The second step of a staff login: the code from the member's app or one recovery code; a
wrong, reused or late code is refused and on the audit trail; five wrong codes log the session
out; a safe `next` is followed and any other address is not."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from pytest_django.fixtures import Settings

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic
from hizakoshi.clinic.staff.views import MSG_WRONG_CODE, clinic_home
from people import person, staff

from .helpers import (
    RECOVERY,
    VERIFY,
    app_code,
    app_of,
    is_verified,
    password_login,
    with_recovery_codes,
    wrong_code,
)

pytestmark = pytest.mark.django_db


def failures() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_FAILED).order_by("pk"))


def test_the_code_from_the_app_passes_the_second_factor_and_leads_on_to_next(
    clinic_staff: User,
) -> None:
    client = password_login(clinic_staff)
    assert not is_verified(client)
    key_before = client.session.session_key
    response = client.post(f"{VERIFY}?next={RECOVERY}", {"code": app_code(app_of(clinic_staff))})
    assert (response.status_code, response["Location"]) == (302, RECOVERY)
    assert is_verified(client)
    assert client.session.session_key != key_before  # a new session key for the full login
    assert client.get(RECOVERY).status_code == 200


def test_the_pass_is_on_the_audit_trail_naming_the_member_and_their_clinic(
    clinic_staff: User, clinic: Clinic
) -> None:
    client = password_login(clinic_staff)
    client.post(VERIFY, {"code": app_code(app_of(clinic_staff))}, REMOTE_ADDR="10.1.2.3")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN, what="second_factor")
    assert (event.actor_id, event.clinic_id, event.ip) == (clinic_staff.pk, clinic.pk, "10.1.2.3")
    assert (event.actor_label, event.detail) == ("山田 (doctor)", "authenticator app")


def test_without_next_the_member_goes_to_the_clinics_home(clinic_staff: User) -> None:
    client = password_login(clinic_staff)
    response = client.post(VERIFY, {"code": app_code(app_of(clinic_staff))})
    assert response["Location"] == clinic_home()


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/clinic/", "//evil.example/", "javascript:alert(1)"]
)
def test_a_next_address_off_this_site_is_not_followed(clinic_staff: User, unsafe: str) -> None:
    client = password_login(clinic_staff)
    response = client.post(VERIFY, {"code": app_code(app_of(clinic_staff)), "next": unsafe})
    assert response["Location"] == clinic_home()
    assert is_verified(client)


def test_a_wrong_code_is_refused_with_a_plain_message_and_written_to_the_audit(
    clinic_staff: User, clinic: Clinic
) -> None:
    client = password_login(clinic_staff)
    typed = wrong_code(app_of(clinic_staff))
    response = client.post(VERIFY, {"code": typed}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 200
    page = response.content.decode()
    assert str(MSG_WRONG_CODE) in page and "あと4回まちがえると" in page
    assert not is_verified(client)
    [event] = failures()
    assert (event.actor_id, event.clinic_id, event.ip) == (clinic_staff.pk, clinic.pk, "10.9.9.9")
    assert event.what == "second_factor" and typed not in event.detail


def test_a_code_used_once_is_not_accepted_again(clinic_staff: User) -> None:
    code = app_code(app_of(clinic_staff))
    first = password_login(clinic_staff)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    second = password_login(clinic_staff, Client())
    assert second.post(VERIFY, {"code": code}).status_code == 200
    assert not is_verified(second)
    assert len(failures()) == 1


def test_a_recovery_code_passes_once_and_then_no_more(clinic_staff: User) -> None:
    with_recovery_codes(clinic_staff, "abcdefghjk", "mnpqrstuvw")
    first = password_login(clinic_staff)
    assert first.post(VERIFY, {"code": "ABCDE-FGHJK"}).status_code == 302
    assert is_verified(first)
    event = AuditEvent.objects.get(action=AuditAction.LOGIN, what="second_factor")
    assert event.detail == "recovery code (1 left)"
    second = password_login(clinic_staff, Client())
    assert second.post(VERIFY, {"code": "abcde-fghjk"}).status_code == 200
    assert not is_verified(second)
    assert failures()[0].detail == "recovery code: wrong or already used"


def test_full_width_digits_from_a_japanese_input_method_are_read(clinic_staff: User) -> None:
    code = app_code(app_of(clinic_staff))
    full_width = "".join(chr(ord(d) + 0xFEE0) for d in code[:3]) + " " + code[3:]
    client = password_login(clinic_staff)
    assert client.post(VERIFY, {"code": full_width}).status_code == 302


def test_a_code_of_neither_shape_is_explained_and_not_counted(clinic_staff: User) -> None:
    client = password_login(clinic_staff)
    response = client.post(VERIFY, {"code": "12345"})
    assert "6桁のコードか、回復コード" in response.content.decode()
    assert failures() == []
    assert "認証アプリ" in client.post(VERIFY, {}).content.decode()


def test_five_wrong_codes_log_the_session_out(clinic_staff: User) -> None:
    client = password_login(clinic_staff)
    wrong = wrong_code(app_of(clinic_staff))
    limit = settings.STAFF_OTP_FAILURE_LIMIT
    for _ in range(limit - 1):
        assert client.post(VERIFY, {"code": wrong}).status_code == 200
    assert "_auth_user_id" in client.session
    last = client.post(VERIFY, {"code": wrong})
    assert "ログアウトしました" in last.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(VERIFY)["Location"].startswith("/accounts/login/")
    assert len(failures()) == limit


def test_django_otps_wait_after_wrong_codes_is_said_and_on_the_audit(
    clinic_staff: User, settings: Settings
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a minute after the first wrong code
    device = app_of(clinic_staff)
    client = password_login(clinic_staff)
    client.post(VERIFY, {"code": wrong_code(device)})
    response = client.post(VERIFY, {"code": app_code(device)})
    assert "秒待ってから" in response.content.decode()
    assert not is_verified(client)
    assert failures()[-1].detail == "app code: not checked, too soon after wrong codes"


def test_a_member_without_an_app_is_sent_to_set_one_up(clinic: Clinic) -> None:
    newcomer = staff("new@clinic.example.jp", clinic, second_factor=False)
    client = password_login(newcomer)
    response = client.get(f"{VERIFY}?next={RECOVERY}")
    assert response["Location"] == f"/clinic/setup/?next={RECOVERY.replace('/', '%2F')}"
    assert client.post(VERIFY, {"code": "123456"})["Location"] == "/clinic/setup/"


def test_a_member_who_passed_already_is_sent_on(clinic_staff: User) -> None:
    client = password_login(clinic_staff)
    client.post(VERIFY, {"code": app_code(app_of(clinic_staff))})
    assert client.get(f"{VERIFY}?next={RECOVERY}")["Location"] == RECOVERY


def test_patients_get_a_404_and_visitors_the_login(patient: User) -> None:
    client = Client()
    assert client.get(VERIFY)["Location"].startswith("/accounts/login/?next=")
    client.force_login(person("someone@example.jp"))
    assert client.get(VERIFY).status_code == 404
    assert client.post(VERIFY, {"code": "123456"}).status_code == 404


@pytest.mark.ratelimit
def test_codes_per_member_stop_at_the_limit_from_any_ip(
    clinic_staff: User, settings: Settings
) -> None:
    settings.RATELIMIT_OTP_USER = "2/h"
    wrong = wrong_code(app_of(clinic_staff))
    client = password_login(clinic_staff)
    assert [client.post(VERIFY, {"code": wrong}).status_code for _ in range(2)] == [200, 200]
    elsewhere = password_login(clinic_staff, Client(REMOTE_ADDR="10.0.0.5"))
    response = elsewhere.post(VERIFY, {"code": app_code(app_of(clinic_staff))})
    assert response.status_code == 429
    assert not is_verified(elsewhere)


@pytest.mark.ratelimit
def test_codes_from_one_ip_stop_at_the_limit_whoever_sends_them(
    clinic_staff: User, clinic: Clinic, settings: Settings
) -> None:
    settings.RATELIMIT_OTP_IP = "2/h"
    other = staff("sato@clinic.example.jp", clinic)
    one = password_login(clinic_staff)
    assert [
        one.post(VERIFY, {"code": wrong_code(app_of(clinic_staff))}).status_code for _ in range(2)
    ] == [200, 200]
    two = password_login(other)
    assert two.post(VERIFY, {"code": app_code(app_of(other))}).status_code == 429
    away = password_login(other, Client(REMOTE_ADDR="10.0.0.6"))
    assert away.post(VERIFY, {"code": app_code(app_of(other))}).status_code == 302
