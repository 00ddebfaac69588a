"""What a member's phone and pocket hold in the tests: the code their authenticator app shows
(computed from the device's secret as the app does, RFC 6238), their recovery codes, and the
setup code the clinic admin handed them."""

from __future__ import annotations

import sys
import time
from datetime import datetime

from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.accounts.models import User
from hizakoshi.clinic.staff.services import setup_code_issue
from people import STAFF_PASSWORD

VERIFY = "/clinic/verify/"
SETUP = "/clinic/setup/"
RECOVERY = "/clinic/recovery-codes/"


def app_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The 6 digits the member's app shows now (or `steps_ahead` periods of 30 s later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def app_of(user: User) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=True)


def wrong_code(device: TOTPDevice) -> str:
    """Six digits that are none of the codes the device accepts now."""
    near = {app_code(device, steps_ahead=n) for n in (-1, 0, 1)}
    return next(c for c in (f"{n:06d}" for n in range(1000)) if c not in near)


def with_recovery_codes(user: User, *codes: str) -> None:
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    for code in codes:
        StaticToken.objects.create(device=device, token=code)


def password_login(user: User, client: Client | None = None) -> Client:
    """Signed in with the password only (the first step), as the login form does."""
    client = client or Client()
    response = client.post("/accounts/login/", {"username": user.email, "password": STAFF_PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def is_verified(client: Client) -> bool:
    return "otp_device_id" in client.session


def setup_code_given(user: User, *, issued_at: datetime | None = None) -> str:
    """The setup code the clinic admin hands the member (`hizakoshi staff_add` prints one)."""
    return setup_code_issue(user=user, now=issued_at or timezone.now()).code


def run(*argv: str) -> int:
    """The exit status the shell would see, and what the command writes, as `hizakoshi` does."""
    try:
        call_command(*argv)
    except CommandError as problem:
        sys.stderr.write(f"CommandError: {problem}\n")
        return problem.returncode
    return 0
