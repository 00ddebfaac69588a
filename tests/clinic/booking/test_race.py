"""Many people tapping "book" for the last free slot at the same moment: exactly one booking,
every other request told the slot is taken, no error; and one person's double tap makes one.

Threads against the real test database (a file on SQLite, the server on PostgreSQL), each with
its own connection, released together by a barrier (benchmarks/bench_booking_race.py runs the
same race over HTTP against `hizakoshi serve`, 200 requests)."""

from __future__ import annotations

import json
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client

from hizakoshi.clinic.booking.services import Made, SlotRefused
from hizakoshi.clinic.models import Booking, Clinic

from .factories import at, availability, booked, next_weekday

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 12


def race(attempt: Callable[[int], object]) -> list[object]:
    start = threading.Barrier(RACERS)

    def one(n: int) -> object:
        try:
            start.wait()
            return attempt(n)
        except Exception as problem:  # every outcome counts, whatever it is
            return problem
        finally:
            connections.close_all()

    with ThreadPoolExecutor(RACERS) as pool:
        return list(pool.map(one, range(RACERS)))


def test_many_people_racing_for_one_slot_make_exactly_one_booking(clinic: Clinic) -> None:
    doctor = availability(clinic)
    slot = at(next_weekday(), "10:00")
    outcomes = race(lambda n: booked(doctor, slot, name=f"人 {n}", key=f"racer-{n:04d}-key-x"))
    kinds = Counter(type(o).__name__ for o in outcomes)
    assert kinds == {"Made": 1, "SlotRefused": RACERS - 1}, outcomes
    assert Booking.objects.filter(starts_at=slot).count() == 1
    assert all(o.refusal == "taken" for o in outcomes if isinstance(o, SlotRefused))


def test_one_person_s_request_sent_many_times_at_once_makes_one_booking(clinic: Clinic) -> None:
    doctor = availability(clinic)
    slot = at(next_weekday(), "11:00")
    outcomes = race(lambda n: booked(doctor, slot, key="one-request-many-taps"))
    assert all(isinstance(o, Made) for o in outcomes), outcomes
    made = [o for o in outcomes if isinstance(o, Made)]
    assert len({m.booking.pk for m in made}) == 1
    assert len({m.token for m in made}) == 1
    assert sum(not m.replayed for m in made) == 1
    assert Booking.objects.count() == 1


def test_the_api_raced_for_the_last_free_slot_answers_one_201_and_409_to_the_rest(
    clinic: Clinic,
) -> None:
    """The benchmark's race, smaller and in-process: each thread its own client and key."""
    doctor = availability(clinic)
    slot = at(next_weekday(), "15:00")

    def attempt(n: int) -> int:
        body = {
            "resource": doctor.pk,
            "starts_at": slot.isoformat(),
            "name": f"競争 {n}",
            "name_kana": "きょうそう",
            "phone": f"090{n:08d}",
            "contact_by": "phone",
            "consent": True,
        }
        return (
            Client()
            .post(
                f"/api/v1/clinics/{clinic.pk}/bookings",
                data=json.dumps(body),
                content_type="application/json",
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
            .status_code
        )

    codes = Counter(race(attempt))
    assert codes == {201: 1, 409: RACERS - 1}, codes
    assert Booking.objects.filter(starts_at=slot).count() == 1
