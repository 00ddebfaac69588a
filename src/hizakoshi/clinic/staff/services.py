"""Writes of the staff's sign-in: checking a second-factor code, setting up the authenticator
app (with the setup code the clinic admin handed over), recovery codes, and the audit row each
of them leaves. Adding, ending and resetting members from the command line: clinic/members/.

Every check of a code runs in one transaction with the member's device row locked (django-otp's
own counters: a TOTP code is accepted once, a recovery code is deleted when used, and wrong codes
make the device wait 1, 2, 4, ... seconds before it checks another, across sessions), and its
audit row is written in the same transaction. The audit names no code and no password.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.accounts.models import User, normalize_email
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic, Membership, SetupCode
from hizakoshi.clinic.staff.codes import (
    Code,
    recovery_code_new,
    setup_code_hash,
    setup_code_matches,
    setup_code_new,
)

RECOVERY_CODES = 10
WHAT_LOGIN = "login"
WHAT_SECOND_FACTOR = "second_factor"
WHAT_RECOVERY_CODES = "recovery_codes"


@dataclass(frozen=True)
class Checked:
    """What a code check came to: the device that accepted it, or a refusal."""

    device: Device | None = None
    wait_seconds: int = 0  # refused unchecked: too soon after wrong codes (django-otp's throttle)
    recovery_codes: tuple[str, ...] = ()  # new recovery codes, to be shown once

    @property
    def passed(self) -> bool:
        return self.device is not None


SetupRefusal = Literal["", "wrong", "expired", "none"]


@dataclass(frozen=True)
class SetupStarted:
    """What a setup code came to: the new secret for the member's app, or why not."""

    device: TOTPDevice | None = None
    refusal: SetupRefusal = ""


@dataclass(frozen=True)
class Issued:
    """A new setup code, to be shown this once (only its hash is stored)."""

    code: str
    expires_at: datetime


def actor_label(membership: Membership) -> str:
    """The member as the audit names them: the display name and role at the time."""
    return f"{membership.display_name} ({membership.get_role_display()})"[:80]


def _audit(
    *,
    action: AuditAction,
    what: str,
    detail: str,
    ip: str | None,
    now: datetime,
    membership: Membership | None = None,
    actor: User | None = None,
    label: str = "",
    clinic: Clinic | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        at=now,
        actor=actor or (membership.user if membership else None),
        actor_label=label or (actor_label(membership) if membership else ""),
        clinic=clinic or (membership.clinic if membership else None),
        action=action,
        what=what,
        detail=detail[:200],
        ip=ip or None,
    )


def _locked(user: User, code: Code) -> Device | None:
    """The confirmed device that checks this kind of code, locked until the transaction ends."""
    model: type[Device] = TOTPDevice if code.kind == "totp" else StaticDevice
    return (
        model.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
    )


def _check(
    device: Device | None, code: Code, *, membership: Membership, ip: str | None, now: datetime
) -> Checked:
    """Check `code` with `device` (locked by the caller); a refusal is written to the audit."""

    def refused(detail: str, wait: int = 0) -> Checked:
        _audit(
            action=AuditAction.SECOND_FACTOR_FAILED,
            what=WHAT_SECOND_FACTOR,
            detail=detail,
            ip=ip,
            now=now,
            membership=membership,
        )
        return Checked(wait_seconds=wait)

    kind = "app code" if code.kind == "totp" else "recovery code"
    if device is None:
        return refused(f"{kind}: none set up")
    allowed, info = device.verify_is_allowed()
    if not allowed:
        until = (info or {}).get("locked_until")
        wait = math.ceil((until - now).total_seconds()) if isinstance(until, datetime) else 1
        return refused(f"{kind}: not checked, too soon after wrong codes", max(1, wait))
    if device.verify_token(code.value):
        return Checked(device=device)
    return refused(f"{kind}: wrong or already used")


def second_factor_verify(
    *, membership: Membership, code: Code, ip: str | None, now: datetime
) -> Checked:
    """The second step of a login: the code from the member's app or one recovery code."""
    with transaction.atomic():
        checked = _check(
            _locked(membership.user, code), code, membership=membership, ip=ip, now=now
        )
        if checked.passed:
            detail = "authenticator app"
            if code.kind == "recovery":
                left = StaticToken.objects.filter(device=checked.device).count()
                detail = f"recovery code ({left} left)"
            _audit(
                action=AuditAction.LOGIN,
                what=WHAT_SECOND_FACTOR,
                detail=detail,
                ip=ip,
                now=now,
                membership=membership,
            )
    return checked


def setup_code_issue(*, user: User, now: datetime) -> Issued:
    """A new setup code for `user` in place of any earlier one, good for STAFF_SETUP_CODE_DAYS
    (`hizakoshi staff_add` and `staff_reset_factor` show it once, for the clinic admin to hand
    over in person)."""
    code = setup_code_new()
    expires_at = now + timedelta(days=int(settings.STAFF_SETUP_CODE_DAYS))
    with transaction.atomic():
        SetupCode.objects.update_or_create(
            user=user,
            defaults={
                "code_hash": setup_code_hash(code),
                "issued_at": now,
                "expires_at": expires_at,
            },
        )
    return Issued(code=code, expires_at=expires_at)


def _new_secret(user: User) -> TOTPDevice:
    # A secret shown before and never confirmed is dropped: one app is set up at a time.
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="app", confirmed=False)


def app_setup_start(
    *, membership: Membership, setup_code: str, ip: str | None, now: datetime
) -> SetupStarted:
    """The setup code the clinic admin handed over: right and in time, a new secret for the
    member's app (unconfirmed until a code from the app matches it). Every refusal is on the
    audit; the code stays usable until the app is confirmed."""
    user = membership.user
    with transaction.atomic():
        stored = SetupCode.objects.select_for_update().filter(user=user).first()
        refusal: SetupRefusal
        if stored is None:
            refusal, detail = "none", "setup code: none issued"
        elif stored.expires_at <= now:
            refusal, detail = "expired", "setup code: expired"
        elif not setup_code_matches(setup_code, stored.code_hash):
            refusal, detail = "wrong", "setup code"
        else:
            return SetupStarted(device=_new_secret(user))
        _audit(
            action=AuditAction.SECOND_FACTOR_FAILED,
            what=WHAT_SECOND_FACTOR,
            detail=detail,
            ip=ip,
            now=now,
            membership=membership,
        )
    return SetupStarted(refusal=refusal)


def app_setup_restart(*, user: User, started: int) -> TOTPDevice | None:
    """Another secret in place of `started`, the one this session made with the setup code; None
    when that one is gone (confirmed, or the second factor was reset since)."""
    with transaction.atomic():
        found = TOTPDevice.objects.select_for_update().filter(
            user=user, confirmed=False, pk=started
        )
        return _new_secret(user) if found.first() is not None else None


def app_setup_confirm(
    *, membership: Membership, started: int, code: Code, ip: str | None, now: datetime
) -> Checked:
    """A code from the app being set up (`started`: the secret this session made with the setup
    code): it confirms the app (which also passes the second factor for this login), uses up the
    setup code and makes the first recovery codes."""
    user = membership.user
    with transaction.atomic():
        device = None
        if code.kind == "totp":  # only the app being set up can confirm itself
            found = TOTPDevice.objects.select_for_update().filter(
                user=user, confirmed=False, pk=started
            )
            device = found.first()
        checked = _check(device, code, membership=membership, ip=ip, now=now)
        if not checked.passed or not isinstance(device, TOTPDevice):
            return checked
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        SetupCode.objects.filter(user=user).delete()
        codes = _recovery_codes_replace(user)
        _audit(
            action=AuditAction.LOGIN,
            what=WHAT_SECOND_FACTOR,
            detail="set up an authenticator app",
            ip=ip,
            now=now,
            membership=membership,
        )
    return replace(checked, recovery_codes=codes)


def recovery_codes_renew(
    *, membership: Membership, code: Code, ip: str | None, now: datetime
) -> Checked:
    """New recovery codes after a current code: the old ones stop working."""
    with transaction.atomic():
        checked = _check(
            _locked(membership.user, code), code, membership=membership, ip=ip, now=now
        )
        if not checked.passed:
            return checked
        codes = _recovery_codes_replace(membership.user)
        _audit(
            action=AuditAction.MEMBERSHIP,
            what=WHAT_RECOVERY_CODES,
            detail="new recovery codes; the earlier ones no longer work",
            ip=ip,
            now=now,
            membership=membership,
        )
    return replace(checked, recovery_codes=codes)


def _recovery_codes_replace(user: User) -> tuple[str, ...]:
    # The same device keeps its id: a session verified with a recovery code stays verified.
    device = StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    device.token_set.all().delete()
    device.throttle_reset()
    codes: list[str] = []
    while len(codes) < RECOVERY_CODES:
        new = recovery_code_new()
        if new not in codes:
            codes.append(new)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return tuple(codes)


# --- logins (clinic/staff/signals.py) -------------------------------------------------------


def staff_login_record(*, user: User, ip: str | None, now: datetime) -> AuditEvent | None:
    """A member's password login (the first step); nothing for anyone else."""
    with transaction.atomic():
        membership = Membership.objects.filter(user=user, ended_at__isnull=True).first()
        if membership is None:
            return None
        return _audit(
            action=AuditAction.LOGIN,
            what=WHAT_LOGIN,
            detail="password",
            ip=ip,
            now=now,
            membership=membership,
        )


def staff_login_failed_record(*, typed: str, ip: str | None, now: datetime) -> AuditEvent | None:
    """A failed password login of a member's account, or of an address with no account (which
    may be a member's typing mistake): that row names no one, and the address is not kept. A
    patient's failed login is not the clinic's to see (their own login history keeps it)."""
    with transaction.atomic():
        user = User.objects.filter(email__iexact=normalize_email(typed)).first()
        if user is None:
            return _audit(
                action=AuditAction.LOGIN_FAILED,
                what=WHAT_LOGIN,
                detail="no account with the address typed",
                ip=ip,
                now=now,
            )
        membership = Membership.objects.filter(user=user, ended_at__isnull=True).first()
        if membership is None:
            return None
        return _audit(
            action=AuditAction.LOGIN_FAILED,
            what=WHAT_LOGIN,
            detail="wrong password or locked out",
            ip=ip,
            now=now,
            membership=membership,
        )
