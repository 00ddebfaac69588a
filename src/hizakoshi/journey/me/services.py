"""Writes of the person's account pages: the profile and the data log of exports and deletions."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.model import Lang
from hizakoshi.journey.models import (
    DataLog,
    DataLogAction,
    Profile,
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
