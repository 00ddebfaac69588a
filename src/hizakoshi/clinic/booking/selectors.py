"""Reads for booking: which clinic a person books with, the slots it offers now, a booking by
its private link, the bookings due a reminder and the clinic's notices to send. Reads only."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care import assess
from hizakoshi.care.booking import (
    MAX_REMINDER_ATTEMPTS,
    OPEN,
    REMINDER_LOOKAHEAD,
    Slot,
    free_slots,
    merge_offers,
    merged_exceptions,
    notice_due,
    reminder_due,
    week_from_pairs,
)
from hizakoshi.care.booking import Availability as Offer
from hizakoshi.care.booking.slots import DayHours, hours_from_pairs
from hizakoshi.care.questions import InvalidAnswers, parse_answers, prune_hidden
from hizakoshi.clinic.booking.tokens import manage_token_hash
from hizakoshi.clinic.links.selectors import clinic_linked_latest
from hizakoshi.clinic.models import (
    Availability,
    Booking,
    BookingNotice,
    Clinic,
    DayException,
    ReminderStatus,
)
from hizakoshi.clinic.models.booking import HOLDING
from hizakoshi.journey.plan.selectors import assessment_latest
from hizakoshi.selfcheck.flow import RESULT, BadState, FlowState
from hizakoshi.selfcheck.selectors import result_get


def booking_clinic(*, person: Any) -> Clinic | None:
    """The clinic a person books with, the one their messages name (journey/me/selectors.py
    clinic_contact): their latest live care link, else the site's own clinic
    (settings.HIZAKOSHI_CLINIC_CODE); else None (the page then says to phone a clinic)."""
    if isinstance(person, User) and person.is_authenticated:
        linked = clinic_linked_latest(person=person)
        if linked is not None:
            return linked
    return Clinic.objects.filter(code=settings.HIZAKOSHI_CLINIC_CODE).first()


def clinic_by_id(clinic_id: int) -> Clinic | None:
    return Clinic.objects.filter(pk=clinic_id).first()


def resources_of(clinic: Clinic) -> list[Availability]:
    return list(Availability.objects.filter(clinic=clinic, active=True).order_by("pk"))


def is_bookable(clinic: Clinic) -> bool:
    return Availability.objects.filter(clinic=clinic, active=True).exists()


def offer_of(resource: Availability, *, for_staff: bool = False) -> Offer:
    """The core's view of a resource. Staff may book inside the lead time (a person at the
    desk); the lead time is for people booking themselves."""
    return Offer(
        weekly=week_from_pairs(resource.weekly),
        slot_minutes=resource.slot_minutes,
        buffer_minutes=resource.buffer_minutes,
        lead_minutes=0 if for_staff else resource.lead_minutes,
        horizon_days=resource.horizon_days,
        open_on_holidays=resource.open_on_holidays,
        tz=settings.TIME_ZONE,
    )


def exceptions_of(resource: Availability, first: date, last: date) -> dict[date, DayHours]:
    rows = DayException.objects.filter(clinic_id=resource.clinic_id, day__range=(first, last))
    wide: dict[date, DayHours] = {}
    own: dict[date, DayHours] = {}
    for row in rows:
        if row.resource_id is None:
            wide[row.day] = hours_from_pairs(row.hours)
        elif row.resource_id == resource.pk:
            own[row.day] = hours_from_pairs(row.hours)
    return merged_exceptions(wide, own)


def taken_of(
    resource: Availability, starts: datetime, ends: datetime, *, leaving_out: int | None = None
) -> list[tuple[datetime, datetime]]:
    """The intervals held on the resource that touch [starts, ends) (a moved booking's own
    interval left out)."""
    held = Booking.objects.filter(
        HOLDING, resource=resource, starts_at__lt=ends, ends_at__gt=starts
    )
    if leaving_out is not None:
        held = held.exclude(pk=leaving_out)
    return list(held.values_list("starts_at", "ends_at"))


def _day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    zone = timezone.get_default_timezone()
    return (
        datetime.combine(first, datetime.min.time(), zone),
        datetime.combine(last + timedelta(days=1), datetime.min.time(), zone),
    )


def offers(
    *,
    clinic: Clinic,
    now: datetime,
    first_day: date,
    last_day: date,
    after: datetime | None = None,
    limit: int | None = None,
    for_staff: bool = False,
    leaving_out: int | None = None,
) -> list[tuple[int, Slot]]:
    """The free slots of the clinic, one per start time (resource id, slot), earliest first."""
    starts, ends = _day_bounds(first_day, last_day)
    per_resource: dict[int, list[Slot]] = {}
    for resource in resources_of(clinic):
        per_resource[resource.pk] = free_slots(
            offer_of(resource, for_staff=for_staff),
            now=now,
            first_day=first_day,
            last_day=last_day,
            exceptions=exceptions_of(resource, first_day, last_day),
            taken=taken_of(resource, starts, ends, leaving_out=leaving_out),
            after=after,
            limit=limit,
        )
    merged = merge_offers(per_resource)
    return merged[:limit] if limit is not None else merged


def booking_by_token(token: str) -> Booking | None:
    return (
        Booking.objects.select_related("clinic", "resource")
        .filter(manage_token_hash=manage_token_hash(token))
        .first()
    )


def bookings_between(*, clinic: Clinic, starts: datetime, ends: datetime) -> QuerySet[Booking]:
    return (
        Booking.objects.select_related("resource", "person")
        .filter(clinic=clinic, starts_at__lt=ends, ends_at__gt=starts)
        .order_by("starts_at", "resource_id")
    )


def booking_of_clinic(*, clinic: Clinic, booking_id: int) -> Booking | None:
    return (
        Booking.objects.select_related("resource", "person", "clinic")
        .filter(clinic=clinic, pk=booking_id)
        .first()
    )


def reminders_due(*, now: datetime) -> list[int]:
    """Ids of the open bookings whose reminder is due now and not yet sent (or failed fewer
    than the allowed times)."""
    # No reminder window opens earlier than REMINDER_LOOKAHEAD before the start (care.booking):
    # the query only narrows the rows the core then judges.
    soon = Booking.objects.filter(
        status__in=[s.value for s in OPEN],
        reminder_status__in=[ReminderStatus.PENDING, ReminderStatus.FAILED],
        reminder_attempts__lt=MAX_REMINDER_ATTEMPTS,
        starts_at__gt=now,
        starts_at__lte=now + REMINDER_LOOKAHEAD,
    ).exclude(email="")
    rows = soon.values_list("pk", "starts_at", "created_at")
    return [
        pk
        for pk, starts, created in rows
        if reminder_due(starts_at=starts, booked_at=created, now=now, tz=settings.TIME_ZONE)
    ]


def notices_due(*, now: datetime) -> list[int]:
    """Ids of the clinic's notices not sent yet (or failed) that may be tried now, oldest first;
    one being sent by another process right now is left to it."""
    waiting = BookingNotice.objects.filter(
        mail_status__in=[ReminderStatus.PENDING, ReminderStatus.FAILED],
        claimed_at__isnull=True,
        starts_at__gt=now,  # the query narrows; the core judges
    ).order_by("pk")
    rows = waiting.values_list("pk", "attempts", "starts_at")
    return [
        pk for pk, tries, starts in rows if notice_due(attempts=tries, starts_at=starts, now=now)
    ]


def bookings_past_keeping(*, before: datetime) -> QuerySet[Booking]:
    """Bookings whose consultation ended before `before` (the caller asks the core for it)."""
    return Booking.objects.filter(ends_at__lt=before)


# --- the self-check a person may attach ----------------------------------------------------

CARRIED_STATE = "s:"  # the answers of a self-check just done (the result page's signed state)
CARRIED_SAVED = "r:"  # a saved result's private link token


def attachable(*, carried: str, person: Any, now: datetime) -> dict[str, Any] | None:
    """The self-check result the person may attach, as a snapshot, or None: the one they came
    from (carried from the result page or a saved result), else their latest in the account."""
    if carried.startswith(CARRIED_STATE):
        return _from_state(carried.removeprefix(CARRIED_STATE), now)
    if carried.startswith(CARRIED_SAVED):
        saved = result_get(token=carried.removeprefix(CARRIED_SAVED), now=now)
        if saved is not None:
            return _snapshot("saved", saved.created_at, saved.assessment)
    if isinstance(person, User) and person.is_authenticated:
        latest = assessment_latest(person=person)
        if latest is not None:
            return _snapshot("journey", latest.created_at, latest.assessment)
    return None


def _from_state(token: str, now: datetime) -> dict[str, Any] | None:
    try:
        state = FlowState.load(token)
        if state.step != RESULT:
            return None
        answers = parse_answers(prune_hidden(state.answers))
    except (BadState, InvalidAnswers):
        return None
    return _snapshot("selfcheck", now, assess(answers).model_dump(mode="json"))


def _snapshot(source: str, taken_at: datetime, assessment: Any) -> dict[str, Any] | None:
    if not isinstance(assessment, dict):
        return None
    return {"source": source, "taken_at": taken_at.isoformat(), "assessment": assessment}
