"""Writes of the person's account pages: the profile, the data log of exports and deletions, and
deleting the account with everything in it."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.accounts.services import user_delete
from hizakoshi.care.model import Lang
from hizakoshi.clinic.models import CareLink
from hizakoshi.journey.models import (
    Assessment,
    DataLog,
    DataLogAction,
    DiaryEntry,
    ExerciseSession,
    FunctionTest,
    OutcomeResponse,
    Profile,
)
from hizakoshi.selfcheck.services import results_kept_delete

# The session key under which the delete view leaves the counts for the page after it.
DELETED_COUNTS = "deleted_counts"
# What the page after a deletion counts, kind by kind (in this order).
DELETED_KINDS = (
    "results",
    "saved_links",
    "sessions",
    "diary",
    "questionnaires",
    "tests",
    "care_links",
)


@transaction.atomic
def profile_update(
    *,
    person: User,
    height_cm: Decimal | None,
    weight_goal_kg: Decimal | None,
    session_time: time | None,
    language: Lang,
) -> Profile:
    profile, _ = Profile.objects.get_or_create(person=person)
    profile.height_cm = height_cm
    profile.weight_goal_kg = weight_goal_kg
    profile.session_time = session_time
    profile.save()
    if person.language != language:
        person.language = language
        person.save(update_fields=["language"])
    return profile


def data_log_add(
    *,
    person: User,
    action: DataLogAction,
    recipient: str = "self",
    purpose: str = "self_export",
    now: datetime | None = None,
) -> DataLog:
    return DataLog.objects.create(
        subject_ref=person.log_ref,
        action=action,
        recipient=recipient,
        purpose=purpose,
        at=now or timezone.now(),
    )


@transaction.atomic
def account_delete(*, person: User, now: datetime | None = None) -> dict[str, int]:
    """Delete the account and every row of the person's data; returns how many of each kind
    (DELETED_KINDS) went.

    Saved results the person kept in the account go too, with their links (their consent
    records stay, marked deleted, as for any deleted result). The journey's rows go by CASCADE,
    the login's sessions and records of login attempts with the account (accounts.user_delete),
    and so do the person's care links with clinics (and each link's status row). What stays is
    one DataLog row saying that a deletion was done, and the clinics' audit trail of who looked
    at the records (append-only by law), both under the account's random log_ref only (no name,
    no e-mail, no health data).
    """
    counts = {
        "results": Assessment.objects.filter(person=person).count(),
        "saved_links": results_kept_delete(person=person, now=now),
        "sessions": ExerciseSession.objects.filter(person=person).count(),
        "diary": DiaryEntry.objects.filter(person=person).count(),
        "questionnaires": OutcomeResponse.objects.filter(person=person).count(),
        "tests": FunctionTest.objects.filter(person=person).count(),
        "care_links": CareLink.objects.filter(person=person).count(),
    }
    data_log_add(
        person=person,
        action=DataLogAction.ACCOUNT_DELETE,
        purpose="deletion_by_person",
        now=now,
    )
    user_delete(person=person)
    return counts
