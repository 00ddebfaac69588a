"""Reads of a member's second factor: their authenticator app (one TOTP device) and their
recovery codes (one static device holding the codes not used yet)."""

from __future__ import annotations

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import Membership


def app_of(user: User) -> TOTPDevice | None:
    """The member's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def app_being_set_up(user: User) -> TOTPDevice | None:
    """The app a member has started to set up and not yet confirmed with a code."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def recovery_device_of(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def live_membership_by_email(email: str) -> Membership | None:
    return (
        Membership.objects.select_related("user", "clinic")
        .filter(user__email__iexact=email.strip(), ended_at__isnull=True)
        .first()
    )
