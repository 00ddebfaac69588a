"""Reads of the clinic's calendar: the bookings of a day or a week, one booking of the clinic,
the clinic's latest e-mail notice about it, and which of the people who booked are linked with
it (their records go through the door)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.utils import timezone

from hizakoshi.clinic.booking.selectors import booking_of_clinic, bookings_between
from hizakoshi.clinic.models import Booking, BookingNotice, CareLink, Clinic

DAYS_A_WEEK = 7


def week_of(day: date) -> tuple[date, date]:
    """Monday to Sunday of the week `day` is in."""
    first = day - timedelta(days=day.weekday())
    return first, first + timedelta(days=DAYS_A_WEEK - 1)


def bookings_of_days(*, clinic: Clinic, first: date, last: date) -> list[Booking]:
    zone = timezone.get_default_timezone()
    starts = datetime.combine(first, datetime.min.time(), zone)
    ends = datetime.combine(last + timedelta(days=1), datetime.min.time(), zone)
    return list(bookings_between(clinic=clinic, starts=starts, ends=ends))


def booking_here(*, clinic: Clinic, booking_id: int) -> Booking | None:
    return booking_of_clinic(clinic=clinic, booking_id=booking_id)


def notice_latest(*, booking: Booking) -> BookingNotice | None:
    """The last e-mail that told the clinic of something the person did to the booking."""
    return BookingNotice.objects.filter(booking=booking).order_by("-sequence").first()


def linked_here(*, clinic: Clinic, person_ids: Iterable[int | None]) -> set[int]:
    """Those of `person_ids` who have a live care link with the clinic."""
    wanted = {pk for pk in person_ids if pk is not None}
    if not wanted:
        return set()
    links = CareLink.objects.filter(
        clinic=clinic, person_id__in=wanted, ended_at__isnull=True, person__is_active=True
    )
    return set(links.values_list("person_id", flat=True))
