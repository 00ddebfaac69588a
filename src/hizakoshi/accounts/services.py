"""Writes of accounts: creating one with its consent, deleting one with everything in it."""

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
from hizakoshi.journey.me.services import data_log_add
from hizakoshi.journey.models import (
    Assessment,
    ConsentPurpose,
    DataLogAction,
    DiaryEntry,
    ExerciseSession,
    FunctionTest,
    JourneyConsent,
    OutcomeResponse,
    Profile,
)
from hizakoshi.selfcheck.models import SavedResult
from hizakoshi.selfcheck.services import result_delete
from hizakoshi.site.tokens import token_hash

# What the page after a deletion counts, kind by kind (in this order).
# The session key under which sign-up leaves its one-time welcome for Today ("kept" or "new").
WELCOME = "welcome"
# The session key under which the delete view leaves the counts for the page after it.
DELETED_COUNTS = "deleted_counts"
DELETED_KINDS = ("results", "saved_links", "sessions", "diary", "questionnaires", "tests")


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    language: Lang,
    consent_version: str,
    now: datetime | None = None,
    active: bool = True,
) -> User:
    """A new account with its (empty) profile and the consent to keep health data. A sign-up
    makes it inactive until the e-mailed link confirms the address (accounts/signup.py)."""
    now = now or timezone.now()
    user = User.objects.create_user(
        email, password, language=language, created_at=now, is_active=active
    )
    Profile.objects.create(person=user)
    JourneyConsent.objects.create(
        person=user,
        purpose=ConsentPurpose.HEALTH_DATA,
        text_version=consent_version,
        language=language,
        agreed_at=now,
    )
    return user


def result_keep(*, person: User, token: str) -> bool:
    """Mark the saved result behind a link as kept in the person's account, so it is deleted
    with the account. False when the link is unknown."""
    return bool(SavedResult.objects.filter(token_hash=token_hash(token)).update(kept_by=person))


@transaction.atomic
def account_delete(*, person: User, now: datetime | None = None) -> dict[str, int]:
    """Delete the account and every row of the person's data; returns how many of each kind
    (DELETED_KINDS) went.

    Saved results the person kept in the account go too, with their links (their consent
    records stay, marked deleted, as for any deleted result). The journey's rows go by CASCADE.
    Login sessions and django-axes' records of login attempts
    name the person too, so they go as well. What stays is one DataLog row saying that a
    deletion was done, under the account's random log_ref (no e-mail, no health data).
    """
    email = normalize_email(person.email)
    counts = {
        "results": Assessment.objects.filter(person=person).count(),
        "saved_links": 0,
        "sessions": ExerciseSession.objects.filter(person=person).count(),
        "diary": DiaryEntry.objects.filter(person=person).count(),
        "questionnaires": OutcomeResponse.objects.filter(person=person).count(),
        "tests": FunctionTest.objects.filter(person=person).count(),
    }
    for kept in SavedResult.objects.filter(kept_by=person):
        result_delete(result=kept, now=now)
        counts["saved_links"] += 1
    _sessions_of(person).delete()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=email).delete()
    data_log_add(
        person=person,
        action=DataLogAction.ACCOUNT_DELETE,
        purpose="deletion_by_person",
        now=now,
    )
    person.delete()
    return counts


def _sessions_of(person: User) -> QuerySet[Session]:
    # Sessions store the user id inside signed data, so each live one is decoded. Deleting an
    # account is rare; there is no index to use instead.
    keys = [
        s.session_key
        for s in Session.objects.filter(expire_date__gt=timezone.now())
        if s.get_decoded().get("_auth_user_id") == str(person.pk)
    ]
    return Session.objects.filter(session_key__in=keys)
