"""Writes of the clinic admin's work on memberships (the `hizakoshi staff_add`, `staff_end` and
`staff_reset_factor` commands): a new member, the end of a membership, a lost phone. Each leaves
one MEMBERSHIP row on the audit trail, in the same transaction.

A new member and a member whose second factor was reset get a setup code (clinic/staff/): the
password alone does not let anyone set up an authenticator app for the account.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.accounts.models import User
from hizakoshi.accounts.services import user_create, user_sessions_end
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic, Membership, SetupCode
from hizakoshi.clinic.staff.services import Issued, actor_label, setup_code_issue

WHAT_MEMBERSHIP = "membership"
WHAT_RESET = "second_factor_reset"
COMMAND_LINE = "command line"  # the actor of a change made with a `hizakoshi staff_*` command


def _audit(
    *, what: str, detail: str, now: datetime, clinic: Clinic, actor: User | None, label: str
) -> AuditEvent:
    return AuditEvent.objects.create(
        at=now,
        actor=actor,
        actor_label=label,
        clinic=clinic,
        action=AuditAction.MEMBERSHIP,
        what=what,
        detail=detail[:200],
        ip=None,
    )


def staff_member_add(
    *,
    email: str,
    clinic: Clinic,
    role: str,
    display_name: str,
    password: str,
    now: datetime,
) -> tuple[Membership, Issued]:
    """A new staff account and its membership (the password already checked against the staff
    rule: clinic/staff/forms.py), and the setup code the member needs to set up their app at
    their first login."""
    with transaction.atomic():
        user = user_create(email=email, password=password, language="ja", now=now)
        membership = Membership.objects.create(
            user=user, clinic=clinic, role=role, display_name=display_name, started_at=now
        )
        issued = setup_code_issue(user=user, now=now)
        _audit(
            what=WHAT_MEMBERSHIP,
            detail=f"added membership {membership.pk} ({role}) for user {user.pk}",
            now=now,
            clinic=clinic,
            actor=None,
            label=COMMAND_LINE,
        )
    return membership, issued


def membership_end(*, membership: Membership, by: User | None, now: datetime) -> int:
    """End a membership at `now` and every session of its member at once (the MHLW guideline:
    disabling an account ends its sessions). Returns how many sessions were ended. The account
    stays: the person may also be a patient. `by` is who ended it (None: the command line)."""
    with transaction.atomic():
        locked = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
        if locked.ended_at is not None:
            return 0
        locked.ended_at = now
        locked.save(update_fields=["ended_at"])
        SetupCode.objects.filter(user=locked.user).delete()  # nothing left to set up
        ended = user_sessions_end(person=locked.user)
        by_membership = (
            Membership.objects.filter(user=by, ended_at__isnull=True).first() if by else None
        )
        label = actor_label(by_membership) if by_membership else COMMAND_LINE
        if by is not None and by_membership is None:
            label = f"user {by.pk}"
        _audit(
            what=WHAT_MEMBERSHIP,
            detail=f"ended membership {locked.pk} of user {locked.user_id}; {ended} session(s)",
            now=now,
            clinic=locked.clinic,
            actor=by,
            label=label,
        )
    membership.ended_at = now
    return ended


def second_factor_reset(*, membership: Membership, now: datetime) -> tuple[Issued, int] | None:
    """A member's lost phone: their app and recovery codes stop working (deleting the devices
    also clears django-otp's wait after wrong codes), every session of theirs ends, and a new
    setup code lets them set up another app. Returns the code and how many sessions ended; None
    when the membership has ended meanwhile."""
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update()
            .select_related("user", "clinic")
            .filter(pk=membership.pk, ended_at__isnull=True)
            .first()
        )
        if locked is None:
            return None
        user = locked.user
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()  # and the recovery codes it holds
        ended = user_sessions_end(person=user)
        issued = setup_code_issue(user=user, now=now)
        _audit(
            what=WHAT_RESET,
            detail=(
                f"removed the app and recovery codes of membership {locked.pk} of user {user.pk}; "
                f"{ended} session(s) ended; new setup code"
            ),
            now=now,
            clinic=locked.clinic,
            actor=None,
            label=COMMAND_LINE,
        )
    return issued, ended
