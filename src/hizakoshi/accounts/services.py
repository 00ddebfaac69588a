"""Writes of accounts: making one (the login alone), and removing one with what names it.

An account knows nothing of what the features keep for it: the journey makes a patient's records
beside the account (journey/join/services.py) and deletes them before the account itself
(journey/me/services.py).
"""

from __future__ import annotations

from datetime import datetime

from axes.models import (
    AccessAttempt,
    AccessFailureLog,
    AccessLog,
)
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from hizakoshi.accounts.models import User, normalize_email
from hizakoshi.care.model import Lang


def user_create(
    *,
    email: str,
    password: str | None,
    language: Lang,
    now: datetime | None = None,
    active: bool = True,
) -> User:
    """A new login. A sign-up makes it inactive until the e-mailed link confirms the address
    (accounts/signup.py)."""
    return User.objects.create_user(
        email, password, language=language, created_at=now or timezone.now(), is_active=active
    )


@transaction.atomic
def user_delete(*, person: User) -> None:
    """Delete the account with what names it outside the features: its login sessions and
    django-axes' records of login attempts. Rows with a foreign key to it go by CASCADE."""
    email = normalize_email(person.email)
    _sessions_of(person).delete()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=email).delete()
    person.delete()


@transaction.atomic
def user_sessions_end(*, person: User) -> int:
    """Log the person out everywhere: delete every live session of theirs. Returns how many.
    (The clinic ends a former member's sessions with it: clinic/staff/services.py.)"""
    deleted, _ = _sessions_of(person).delete()
    return deleted


def _sessions_of(person: User) -> QuerySet[Session]:
    # Sessions store the user id inside signed data, so each live one is decoded. Deleting an
    # account is rare; there is no index to use instead.
    keys = [
        s.session_key
        for s in Session.objects.filter(expire_date__gt=timezone.now())
        if s.get_decoded().get("_auth_user_id") == str(person.pk)
    ]
    return Session.objects.filter(session_key__in=keys)
