"""Reads of the hours page: a clinic's availabilities (each staff member's or room's hours), its
closed days and one-off hours to come, the fingerprint of what the form edits (to notice a change
saved meanwhile), and the upcoming bookings that the hours, as they are now, leave outside.

The bookings outside are judged as the booking pages judge a slot: the core's view of the
resource (clinic/booking/selectors.offer_of), its exceptions and Japan's holidays, asked with
care.booking.within_hours."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from hizakoshi.care.booking import OPEN, japanese_holidays, within_hours
from hizakoshi.clinic.booking.selectors import exceptions_of, offer_of
from hizakoshi.clinic.models import Availability, Booking, Clinic, DayException

# What the form edits; `active` is said on its own (stop / resume taking bookings).
EDITABLE = (
    "label",
    "weekly",
    "slot_minutes",
    "buffer_minutes",
    "lead_minutes",
    "horizon_days",
    "change_until_minutes",
    "confirm_by_staff",
    "open_on_holidays",
    "price_yen",
    "price_note",
)
STORED = (*EDITABLE, "active")


def availabilities_of(clinic: Clinic) -> list[Availability]:
    return list(Availability.objects.filter(clinic=clinic).order_by("pk"))


def availability_here(*, clinic: Clinic, availability_id: int) -> Availability | None:
    return Availability.objects.filter(clinic=clinic, pk=availability_id).first()


def availability_named(*, clinic: Clinic, label: str) -> Availability | None:
    return Availability.objects.filter(clinic=clinic, label=label).order_by("pk").first()


def label_taken(*, clinic: Clinic, label: str, leaving_out: int | None = None) -> bool:
    found = Availability.objects.filter(clinic=clinic, label=label)
    if leaving_out is not None:
        found = found.exclude(pk=leaving_out)
    return found.exists()


def days_to_come(*, clinic: Clinic, today: date) -> QuerySet[DayException]:
    """The clinic's closed days and one-off hours from `today` on, the whole clinic's first."""
    return (
        DayException.objects.filter(clinic=clinic, day__gte=today)
        .select_related("resource")
        .order_by("day", "resource_id")
    )


def day_exception_here(*, clinic: Clinic, exception_id: int) -> DayException | None:
    return DayException.objects.filter(clinic=clinic, pk=exception_id).first()


def values_of(row: Availability) -> dict[str, Any]:
    return {field: getattr(row, field) for field in STORED}


def fingerprint(row: Availability) -> str:
    """A digest of what the form edits, as stored: the form carries it, and a save whose
    digest no longer matches was made from hours someone else changed meanwhile."""
    values = [getattr(row, field) for field in EDITABLE]
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def bookings_outside_hours(*, clinic: Clinic, now: datetime) -> list[Booking]:
    """The clinic's open bookings still to come that no longer lie inside their resource's
    hours (a change of hours, a closed day): the clinic phones these people; nothing moved or
    cancelled them. Earliest first."""
    upcoming = list(
        Booking.objects.select_related("resource")
        .filter(clinic=clinic, status__in=[s.value for s in OPEN], starts_at__gt=now)
        .order_by("starts_at", "resource_id")
    )
    if not upcoming:
        return []
    first = timezone.localtime(upcoming[0].starts_at).date()
    last = max(timezone.localtime(b.ends_at).date() for b in upcoming)
    holidays = japanese_holidays(first, last)
    judged: dict[int, tuple[Any, Any]] = {}
    outside = []
    for booking in upcoming:
        resource = booking.resource
        if resource.pk not in judged:
            judged[resource.pk] = (offer_of(resource), exceptions_of(resource, first, last))
        offer, exceptions = judged[resource.pk]
        if not within_hours(
            offer, booking.starts_at, booking.ends_at, exceptions=exceptions, holidays=holidays
        ):
            outside.append(booking)
    return outside
