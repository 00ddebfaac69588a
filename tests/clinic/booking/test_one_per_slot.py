"""Exactly one booking per slot, decided by the database; one booking per request, decided by
its idempotency key; a refused slot says why and offers the next free ones."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from hizakoshi.care.booking import Refusal
from hizakoshi.clinic.booking.services import KeyReused, SlotRefused, booking_create
from hizakoshi.clinic.models import Booking, BookingStatus, Clinic

from .factories import asked, at, availability, booked, next_weekday

pytestmark = pytest.mark.django_db


def raw_booking(resource: object, starts: object, ends: object, **changes: object) -> Booking:
    """A row written straight to the table, past every check in Python."""
    n = Booking.objects.count()
    values = {
        "clinic": resource.clinic,  # type: ignore[attr-defined]
        "resource": resource,
        "starts_at": starts,
        "ends_at": ends,
        "status": BookingStatus.CONFIRMED,
        "name": "x",
        "name_kana": "えっくす",
        "phone": "0312345678",
        "contact_by": "phone",
        "consent_version": "v",
        "consent_at": timezone.now(),
        "idempotency_key": f"k{n}",
        "request_hash": "h",
        "manage_nonce": "n",
        "manage_token_hash": f"t{n}",
        "created_at": timezone.now(),
        "updated_at": timezone.now(),
    }
    return Booking.objects.create(**(values | changes))


def test_the_database_refuses_a_second_booking_of_the_same_slot(clinic: Clinic) -> None:
    doctor = availability(clinic)
    day = next_weekday()
    raw_booking(doctor, at(day, "09:00"), at(day, "09:30"))
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_booking(doctor, at(day, "09:00"), at(day, "09:30"))


def test_a_cancelled_booking_holds_nothing_and_a_pending_one_holds_its_slot(
    clinic: Clinic,
) -> None:
    doctor = availability(clinic)
    day = next_weekday()
    raw_booking(doctor, at(day, "09:00"), at(day, "09:30"), status=BookingStatus.CANCELLED)
    raw_booking(doctor, at(day, "09:00"), at(day, "09:30"), status=BookingStatus.PENDING)
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_booking(doctor, at(day, "09:00"), at(day, "09:30"))


def test_two_resources_may_be_booked_at_the_same_time(clinic: Clinic) -> None:
    day = next_weekday()
    raw_booking(availability(clinic), at(day, "09:00"), at(day, "09:30"))
    raw_booking(availability(clinic, label="相談室2"), at(day, "09:00"), at(day, "09:30"))
    assert Booking.objects.count() == 2


@pytest.mark.postgresql
def test_on_postgresql_even_a_partial_overlap_is_refused(clinic: Clinic) -> None:
    doctor = availability(clinic)
    day = next_weekday()
    raw_booking(doctor, at(day, "09:00"), at(day, "09:30"))
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        raw_booking(doctor, at(day, "09:15"), at(day, "09:45"))


def test_a_booking_gets_the_slot_its_private_link_and_the_consent(clinic: Clinic) -> None:
    doctor = availability(clinic)
    day = next_weekday()
    made = booked(doctor, at(day, "14:00"))
    booking = made.booking
    assert (booking.starts_at, booking.ends_at) == (at(day, "14:00"), at(day, "14:30"))
    assert booking.status == BookingStatus.CONFIRMED
    assert len(made.token) >= 40 and made.token not in booking.manage_token_hash
    assert booking.consent_version == "booking-2026-1"
    assert not made.replayed


def test_a_slot_booked_already_is_refused_with_the_next_free_slots(clinic: Clinic) -> None:
    doctor = availability(clinic)
    day = next_weekday()
    booked(doctor, at(day, "14:00"))
    with pytest.raises(SlotRefused) as refused:
        booked(doctor, at(day, "14:00"), name="別の 人", key="another-person-key-1")
    assert refused.value.refusal is Refusal.TAKEN
    starts = [slot.starts_at for _, slot in refused.value.next_free]
    assert starts == [at(day, "14:30"), at(day, "15:00"), at(day, "15:30")]


@pytest.mark.parametrize(
    ("when", "refusal"),
    [
        (lambda day: at(day, "12:30"), Refusal.NOT_A_SLOT),
        (lambda day: at(day, "09:10"), Refusal.NOT_A_SLOT),
        (lambda day: at(day + timedelta(days=5), "09:00"), Refusal.CLOSED),  # Sunday
        (lambda day: at(day, "09:00") - timedelta(days=30), Refusal.PAST),
        (lambda day: at(day + timedelta(days=60), "09:00"), Refusal.TOO_FAR),
    ],
)
def test_a_time_outside_the_hours_closed_past_or_too_far_is_refused(
    clinic: Clinic, when: object, refusal: Refusal
) -> None:
    doctor = availability(clinic)
    with pytest.raises(SlotRefused) as refused:
        booked(doctor, when(next_weekday()))  # type: ignore[operator]
    assert refused.value.refusal is refusal
    assert Booking.objects.count() == 0


def test_a_public_holiday_is_refused(clinic: Clinic) -> None:
    from hizakoshi.care.booking import japanese_holidays

    today = timezone.localdate()
    holidays = sorted(
        d
        for d in japanese_holidays(today + timedelta(days=2), today + timedelta(days=365))
        if d.weekday() < 5
    )
    doctor = availability(clinic, horizon_days=365)
    with pytest.raises(SlotRefused) as refused:
        booked(doctor, at(holidays[0], "09:00"))
    assert refused.value.refusal is Refusal.HOLIDAY


def test_the_same_request_twice_makes_one_booking_and_gives_the_same_link(
    clinic: Clinic,
) -> None:
    doctor = availability(clinic)
    day = next_weekday()
    first = booked(doctor, at(day, "09:00"), key="double-tap-key-0001")
    again = booked(doctor, at(day, "09:00"), key="double-tap-key-0001")
    assert again.replayed and again.booking.pk == first.booking.pk
    assert again.token == first.token
    assert Booking.objects.count() == 1


def test_a_key_used_for_another_request_is_refused(clinic: Clinic) -> None:
    doctor = availability(clinic)
    day = next_weekday()
    booked(doctor, at(day, "09:00"), key="reused-key-000001")
    with pytest.raises(KeyReused):
        booked(doctor, at(day, "10:00"), key="reused-key-000001")
    assert Booking.objects.count() == 1


def test_a_resource_of_another_clinic_is_not_a_slot(clinic: Clinic, other_clinic: Clinic) -> None:
    theirs = availability(other_clinic)
    with pytest.raises(SlotRefused) as refused:
        booking_create(
            clinic=clinic,
            asked=asked(theirs, at(next_weekday(), "09:00")),
            idempotency_key="other-clinic-key-01",
            person=None,
            now=timezone.now(),
        )
    assert refused.value.refusal is Refusal.NOT_A_SLOT
