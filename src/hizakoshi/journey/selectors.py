"""Reads of the journey, always scoped to one person."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import (
    Assessment,
    CalendarFeed,
    JourneyConsent,
    PlanItem,
    Profile,
    WalkingTarget,
)
from hizakoshi.selfcheck.tokens import token_hash


def local_today() -> date:
    """Today in Japanese time: the day a diary entry or a session belongs to."""
    return timezone.localdate()


def profile_get(*, person: User) -> Profile:
    # Made at sign-up; an account made another way (createsuperuser) gets an empty one.
    profile, _ = Profile.objects.get_or_create(person=person)
    return profile


def assessment_latest(*, person: User) -> Assessment | None:
    return Assessment.objects.filter(person=person).order_by("-created_at", "-pk").first()


def plan_items_active(*, person: User) -> QuerySet[PlanItem]:
    return PlanItem.objects.filter(person=person, active=True).order_by("position", "pk")


def walking_target_active(*, person: User) -> WalkingTarget | None:
    return WalkingTarget.objects.filter(person=person, active=True).first()


def consents_of(*, person: User) -> QuerySet[JourneyConsent]:
    return JourneyConsent.objects.filter(person=person).order_by("agreed_at")


def calendar_feed_by_token(*, token: str) -> CalendarFeed | None:
    found = CalendarFeed.objects.filter(token_hash=token_hash(token), revoked_at__isnull=True)
    return found.select_related("person").first()


def clinic_contact() -> dict[str, str]:
    """The clinic named in every 'see a specialist' message (empty strings when not set)."""
    return {
        "name": settings.HIZAKOSHI_CLINIC_NAME,
        "phone": settings.HIZAKOSHI_CLINIC_PHONE,
        "url": settings.HIZAKOSHI_CLINIC_URL,
    }
