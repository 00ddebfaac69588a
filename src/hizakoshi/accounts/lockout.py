"""The login lockout that holds under a burst.

django-axes counts a failure AFTER the password check, so forty attempts sent at once all pass
its count of zero and forty passwords get checked. Here each attempt first takes a slot, under a
row lock, before its password is checked: at most AXES_FAILURE_LIMIT checks per address typed,
and per address from one IP, until the cool-off has passed since the last one. A right password
gives the slots back. When the slot cannot be written the login is refused: never fail open.

axes stays in front (its own records, the lockout page, the person's export and deletion).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import HttpRequest
from django.utils import timezone

from hizakoshi.accounts.models import LoginGate, User, normalize_email

log = logging.getLogger(__name__)


def axes_username(request: HttpRequest, credentials: Mapping[str, object] | None) -> str:
    """The name django-axes counts failed logins under: the address as typed, lower-cased, so
    that changing the case of the letters does not start a new count."""
    typed = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalize_email(str(typed))


def _keys(request: HttpRequest, username: str) -> list[str]:
    address = normalize_email(username)
    ip = get_client_ip_address(request) or ""
    secret = settings.SECRET_KEY.encode()
    return [
        hmac.new(secret, f"login-address:{address}".encode(), hashlib.sha256).hexdigest(),
        hmac.new(secret, f"login-pair:{ip}|{address}".encode(), hashlib.sha256).hexdigest(),
    ]


def _cool_off() -> timedelta:
    return timedelta(hours=float(settings.AXES_COOLOFF_TIME))


def login_slot_take(*, request: HttpRequest, username: str, now: datetime | None = None) -> bool:
    """Take one password check for `username` from this request's IP; False when none is left
    (or when the count could not be written: a login that cannot be counted is refused)."""
    now = now or timezone.now()
    limit = int(settings.AXES_FAILURE_LIMIT)
    try:
        with transaction.atomic():
            rows = []
            for key in _keys(request, username):  # always in the same order: no deadlock
                row, _ = LoginGate.objects.select_for_update().get_or_create(
                    key=key, defaults={"last_at": now}
                )
                if row.last_at <= now - _cool_off():
                    row.count = 0
                rows.append(row)
            if any(row.count >= limit for row in rows):
                return False
            for row in rows:
                row.count += 1
                row.last_at = now
                row.save(update_fields=["count", "last_at"])
            if any(row.count == 1 for row in rows):
                LoginGate.objects.filter(last_at__lte=now - _cool_off()).delete()
    except DatabaseError:
        log.exception("login refused: the attempt could not be counted")
        return False
    return True


def login_slots_give_back(*, request: HttpRequest, username: str) -> None:
    """After a right password: the count starts again, as axes' AXES_RESET_ON_SUCCESS does."""
    LoginGate.objects.filter(key__in=_keys(request, username)).delete()


class LoginGateBackend:
    """Placed after axes and before the password check in AUTHENTICATION_BACKENDS: it checks
    nothing itself (returns None), it only refuses when no slot is left. No get_user(): it
    never keeps anyone logged in (force_login and sessions use the model backend)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if request is None or username is None or password is None:
            return None
        if not login_slot_take(request=request, username=username):
            request.axes_locked_out = True  # type: ignore[attr-defined]
            raise AxesBackendPermissionDenied("no login attempts left for this address")
        return None
