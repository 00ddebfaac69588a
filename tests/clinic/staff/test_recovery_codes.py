"""New recovery codes, for a member who passed the second factor, after a current code: the
earlier codes stop working, and a session that passed with a recovery code stays signed in."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import AuditAction, AuditEvent
from people import staff_login

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


def shown_codes(page: str) -> list[str]:
    return re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", page)


def test_the_page_says_how_many_codes_are_left(clinic_staff: User) -> None:
    with_recovery_codes(clinic_staff, "abcdefghjk", "mnpqrstuvw")
    page = staff_login(Client(), clinic_staff).get(RECOVERY).content.decode()
    assert "まだ使っていない回復コードは2個です" in page


def test_a_current_code_makes_ten_new_codes_and_the_old_ones_stop_working(
    clinic_staff: User,
) -> None:
    with_recovery_codes(clinic_staff, "abcdefghjk")
    client = staff_login(Client(), clinic_staff)
    page = client.post(RECOVERY, {"code": app_code(app_of(clinic_staff))}).content.decode()
    new = shown_codes(page)
    assert len(set(new)) == 10
    event = AuditEvent.objects.get(action=AuditAction.MEMBERSHIP)
    assert (event.actor_id, event.what) == (clinic_staff.pk, "recovery_codes")
    old_try = password_login(clinic_staff)
    assert old_try.post(VERIFY, {"code": "abcdefghjk"}).status_code == 200
    new_try = password_login(clinic_staff, Client())
    assert new_try.post(VERIFY, {"code": new[0]}).status_code == 302


def test_a_session_that_passed_with_a_recovery_code_stays_signed_in_after_renewal(
    clinic_staff: User,
) -> None:
    with_recovery_codes(clinic_staff, "abcdefghjk", "mnpqrstuvw")
    client = password_login(clinic_staff)
    client.post(VERIFY, {"code": "abcdefghjk"})
    assert client.post(RECOVERY, {"code": "mnpqrstuvw"}).status_code == 200
    assert is_verified(client)
    assert client.get(RECOVERY).status_code == 200


def test_a_wrong_code_makes_nothing_and_is_on_the_audit(clinic_staff: User) -> None:
    with_recovery_codes(clinic_staff, "abcdefghjk")
    client = staff_login(Client(), clinic_staff)
    response = client.post(RECOVERY, {"code": wrong_code(app_of(clinic_staff))})
    assert "コードがちがうか" in response.content.decode()
    assert shown_codes(response.content.decode()) == []
    assert AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR_FAILED).count() == 1
    assert password_login(clinic_staff).post(VERIFY, {"code": "abcdefghjk"}).status_code == 302


def test_five_wrong_codes_here_log_the_session_out_too(clinic_staff: User) -> None:
    client = staff_login(Client(), clinic_staff)
    wrong = wrong_code(app_of(clinic_staff))
    for _ in range(5):
        response = client.post(RECOVERY, {"code": wrong})
    assert "ログアウトしました" in response.content.decode()
    assert client.get(RECOVERY)["Location"].startswith("/accounts/login/")


def test_a_member_who_has_not_passed_the_second_factor_is_sent_to_it(
    clinic_staff: User,
) -> None:
    client = password_login(clinic_staff)
    assert client.get(RECOVERY)["Location"] == f"{VERIFY}?next=%2Fclinic%2Frecovery-codes%2F"
