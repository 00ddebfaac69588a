"""`hizakoshi staff_reset_factor --email`: a member lost their phone. Their app and recovery codes
stop working, they are logged out everywhere, and the new setup code printed (and only it) lets
them set up another app; the reset is on the audit trail. An address without a live membership
exits 2 and changes nothing."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.accounts.models import User
from hizakoshi.clinic.members.services import membership_end
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic, Membership, SetupCode
from people import staff_login

from .helpers import (
    SETUP,
    VERIFY,
    app_code,
    app_of,
    is_verified,
    password_login,
    run,
    setup_code_given,
    with_recovery_codes,
)

pytestmark = pytest.mark.django_db
PRINTED = re.compile(r"setup code: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}) \(works until ")


def reset(email: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = run("staff_reset_factor", "--email", email)
    out, err = capsys.readouterr()
    return status, out, err


def test_the_reset_removes_the_app_and_recovery_codes_and_logs_the_member_out(
    clinic_staff: User, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    with_recovery_codes(clinic_staff, "abcdefghjk")
    desk, laptop = staff_login(Client(), clinic_staff), staff_login(Client(), clinic_staff)
    status, out, _ = reset("Yamada@Clinic.example.jp", capsys)
    assert status == 0
    assert "reset the second factor of Yamada@Clinic.example.jp at clinic HIZA01" in out
    assert "2 session(s) logged out" in out and "in person" in out
    assert not TOTPDevice.objects.filter(user=clinic_staff).exists()
    assert not StaticDevice.objects.filter(user=clinic_staff).exists()
    # Only theirs: a module-scoped fixture elsewhere in the run may leave other sessions.
    assert not [
        s
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(clinic_staff.pk)
    ]
    for client in (desk, laptop):
        assert client.get("/clinic/recovery-codes/")["Location"].startswith("/accounts/login/")
    assert Membership.objects.get(user=clinic_staff).ended_at is None  # still a member


def test_the_reset_is_on_the_audit_trail(
    clinic_staff: User, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    staff_login(Client(), clinic_staff)
    status, out, _ = reset(clinic_staff.email, capsys)
    assert status == 0
    event = AuditEvent.objects.get()
    membership = Membership.objects.get(user=clinic_staff)
    assert (event.action, event.what, event.actor_id, event.actor_label, event.clinic_id) == (
        AuditAction.MEMBERSHIP,
        "second_factor_reset",
        None,
        "command line",
        clinic.pk,
    )
    assert event.detail == (
        f"removed the app and recovery codes of membership {membership.pk} of user "
        f"{clinic_staff.pk}; 1 session(s) ended; new setup code"
    )
    printed = PRINTED.search(out)
    assert printed and printed.group(1).replace("-", "") not in event.detail


def test_the_old_app_no_longer_passes_and_the_printed_code_sets_up_a_new_one(
    clinic_staff: User, capsys: pytest.CaptureFixture[str]
) -> None:
    old_app = app_of(clinic_staff)
    _, out, _ = reset(clinic_staff.email, capsys)
    printed = PRINTED.search(out)
    assert printed
    client = password_login(clinic_staff)
    assert client.post(VERIFY, {"code": app_code(old_app)})["Location"] == SETUP
    assert not is_verified(client)
    assert client.post(SETUP, {"setup_code": printed.group(1)})["Location"] == SETUP
    new_app = TOTPDevice.objects.get(user=clinic_staff)
    assert new_app.bin_key != old_app.bin_key
    assert client.post(SETUP, {"code": app_code(new_app)}).status_code == 200
    assert is_verified(client) and not SetupCode.objects.exists()


def test_a_reset_replaces_a_setup_code_not_yet_used(
    clinic_staff: User, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = setup_code_given(clinic_staff)
    reset(clinic_staff.email, capsys)
    client = password_login(clinic_staff)
    assert "ちがいます" in client.post(SETUP, {"setup_code": earlier}).content.decode()
    assert SetupCode.objects.filter(user=clinic_staff).count() == 1


def test_the_reset_clears_django_otps_wait_after_wrong_codes(
    clinic_staff: User, capsys: pytest.CaptureFixture[str]
) -> None:
    app_of(clinic_staff).throttle_increment()
    assert app_of(clinic_staff).throttling_failure_count == 1
    _, out, _ = reset(clinic_staff.email, capsys)
    printed = PRINTED.search(out)
    assert printed
    client = password_login(clinic_staff)
    client.post(SETUP, {"setup_code": printed.group(1)})
    assert TOTPDevice.objects.get(user=clinic_staff).throttling_failure_count == 0


@pytest.mark.parametrize("who", ["a patient", "no one", "a former member"])
def test_an_address_without_a_live_membership_exits_2_and_changes_nothing(
    who: str,
    patient: User,
    clinic_staff: User,
    capsys: pytest.CaptureFixture[str],
) -> None:
    email = {"a patient": patient.email, "no one": "nobody@clinic.example.jp"}.get(who)
    if who == "a former member":
        membership_end(
            membership=Membership.objects.get(user=clinic_staff), by=None, now=timezone.now()
        )
        email = clinic_staff.email
    before = AuditEvent.objects.count()
    assert email is not None
    status, out, err = reset(email, capsys)
    assert status == 2
    assert f"--email: no live staff membership for {email}" in err and out == ""
    assert AuditEvent.objects.count() == before
    assert TOTPDevice.objects.filter(user=clinic_staff).count() == 1
    assert not SetupCode.objects.exists()
