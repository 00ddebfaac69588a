"""Reads for the person's own account pages: the profile, consents, the clinic's contact, and
the person's local day."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.clinic.links.selectors import clinic_linked_latest
from hizakoshi.clinic.models import Clinic
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


def clinic_contact(*, person: User) -> dict[str, str]:
    """The clinic named in the person's 'see a specialist' messages: the clinic of their most
    recent live care link; else the deployment's own clinic (the row migration 0002 made from
    the settings, code HIZAKOSHI_CLINIC_CODE), as its staff may have edited it; else the
    settings themselves. Empty strings when none is set: the page then says to see a doctor
    without naming a clinic."""
    clinic = (
        clinic_linked_latest(person=person)
        or Clinic.objects.filter(code=settings.HIZAKOSHI_CLINIC_CODE).first()
    )
    if clinic is not None:
        return {"name": clinic.name, "phone": clinic.phone, "url": clinic.url}
    return {
        "name": settings.HIZAKOSHI_CLINIC_NAME,
        "phone": settings.HIZAKOSHI_CLINIC_PHONE,
        "url": settings.HIZAKOSHI_CLINIC_URL,
    }
