"""Reads for the person's own account pages: the profile, consents, the clinic's contact, and
the person's local day."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import (
    JourneyConsent,
    Profile,
)


def local_today() -> date:
    """Today in Japanese time: the day a diary entry or a session belongs to."""
    return timezone.localdate()


def profile_get(*, person: User) -> Profile:
    # Made at sign-up; an account made another way (createsuperuser) gets an empty one.
    profile, _ = Profile.objects.get_or_create(person=person)
    return profile


def consents_of(*, person: User) -> QuerySet[JourneyConsent]:
    return JourneyConsent.objects.filter(person=person).order_by("agreed_at")


def clinic_contact() -> dict[str, str]:
    """The clinic named in every 'see a specialist' message (empty strings when not set)."""
    return {
        "name": settings.HIZAKOSHI_CLINIC_NAME,
        "phone": settings.HIZAKOSHI_CLINIC_PHONE,
        "url": settings.HIZAKOSHI_CLINIC_URL,
    }
