"""Every staff login on the audit trail, success and failure (MHLW guideline; the clinic's
admin reviews it). Connected by ClinicConfig.ready().

Django tells of every login (`user_logged_in`) and every failed one (`user_login_failed`), so
accounts/ does not need to know that the clinic exists; the services decide whose login it
was and write nothing for a patient's.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.clinic.staff.guard import staff_ip
from hizakoshi.clinic.staff.services import staff_login_failed_record, staff_login_record

STAFF_LOGIN_AUDIT = "clinic-staff-login"


def _ip(request: HttpRequest | None) -> str | None:
    return staff_ip(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid=STAFF_LOGIN_AUDIT)
def staff_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if isinstance(user, User):
        staff_login_record(user=user, ip=_ip(request), now=timezone.now())


@receiver(user_login_failed, dispatch_uid="clinic-staff-login-failed")
def staff_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The login form sends the address as "username"; nothing is written for a call without one.
    typed = str(credentials.get("username") or "")
    if typed:
        staff_login_failed_record(typed=typed, ip=_ip(request), now=timezone.now())
