"""Abuse and privacy: limits per IP and per phone number or e-mail address, nothing learnable
about anyone else's booking, bookings gone with the account that made them and 90 days after
the consultation."""

from __future__ import annotations

import uuid
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from pytest_django.fixtures import Settings

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import Availability, Booking, Clinic
from hizakoshi.journey.me.services import account_delete

from .factories import at, availability, booked, next_weekday, site_clinic
from .helpers import DETAILS, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def doctor() -> Availability:
    return availability(site_clinic())


def api_book(
    client: Client, clinic: Clinic, doctor: Availability, clock: str, **changes: str
) -> int:
    body = {
        "resource": doctor.pk,
        "starts_at": at(next_weekday(), clock).isoformat(),
        **{k: v for k, v in DETAILS.items() if k != "consent"},
        "consent": True,
        **changes,
    }
    return client.post(
        f"/api/v1/clinics/{clinic.pk}/bookings",
        data=body,
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
    ).status_code


@pytest.mark.ratelimit
def test_bookings_from_one_ip_stop_at_the_limit(
    client: Client, doctor: Availability, settings: Settings
) -> None:
    settings.RATELIMIT_BOOKING_IP = "2/h"
    assert book(client, email="a@example.jp").status_code == 302
    assert book(client, email="b@example.jp").status_code == 302
    assert book(client, email="c@example.jp").status_code == 429
    assert Booking.objects.count() == 2


@pytest.mark.ratelimit
def test_bookings_for_one_contact_stop_at_the_limit_whatever_the_ip(
    doctor: Availability, settings: Settings
) -> None:
    settings.RATELIMIT_BOOKING_CONTACT = "2/d"
    clinic = doctor.clinic
    codes = [
        api_book(Client(REMOTE_ADDR=f"10.0.0.{n}"), clinic, doctor, clock, phone="0311112222")
        for n, clock in enumerate(("09:00", "09:30", "10:00"))
    ]
    assert codes == [201, 201, 429]
    # Another person (another phone and address) is not held up by it.
    other = api_book(
        Client(REMOTE_ADDR="10.0.0.9"),
        clinic,
        doctor,
        "10:30",
        phone="0333334444",
        email="someone@example.jp",
    )
    assert other == 201


def test_a_taken_slot_reveals_nothing_of_the_booking_that_took_it(
    client: Client, doctor: Availability
) -> None:
    booked(
        doctor,
        at(next_weekday(), "09:00"),
        name="鈴木 次郎",
        email="jiro@example.jp",
        phone="0399998888",
        message="秘密の相談",
    )
    page = client.get(f"/book/details/?slot={doctor.pk}-{at(next_weekday(), '09:00'):%Y%m%d%H%M}")
    answer = client.post(
        "/book/details/",
        {
            "resource": doctor.pk,
            "starts_at": at(next_weekday(), "09:00").isoformat(),
            "idempotency_key": "probe-key-000000001",
            **DETAILS,
        },
    ).content.decode()
    for secret in ("鈴木", "jiro@example.jp", "0399998888", "秘密の相談"):
        assert secret not in answer and secret not in page.content.decode()


def test_only_the_exact_private_link_opens_a_booking(client: Client, doctor: Availability) -> None:
    made = booked(doctor, at(next_weekday(), "09:00"))
    assert client.get(f"/book/m/{made.token}/").status_code == 200
    for wrong in (made.token[:-1] + ("A" if made.token[-1] != "A" else "B"), made.token.upper()):
        if wrong != made.token:
            assert client.get(f"/book/m/{wrong}/").status_code == 404
            assert client.post(f"/book/m/{wrong}/cancel/").status_code == 404
    assert Booking.objects.get().status == "confirmed"


def test_the_database_holds_no_working_link(doctor: Availability) -> None:
    made = booked(doctor, at(next_weekday(), "09:00"))
    row = Booking.objects.values().get()
    assert made.token not in str(row)


def test_bookings_made_signed_in_go_with_the_account(doctor: Availability, patient: User) -> None:
    booked(doctor, at(next_weekday(), "09:00"), person=patient, email=patient.email)
    booked(doctor, at(next_weekday(), "10:00"), key="someone-else-booking")
    account_delete(person=patient)
    assert list(Booking.objects.values_list("name", "person")) == [("山田 花子", None)]


def test_the_deletion_page_says_what_happens_to_bookings(client: Client, patient: User) -> None:
    client.force_login(patient)
    page = client.get("/me/delete/").content.decode()
    assert "予約した相談も削除されます" in page


def test_bookings_are_deleted_ninety_days_after_the_consultation(doctor: Availability) -> None:
    day = next_weekday()
    booked(doctor, at(day, "09:00"))
    out = StringIO()
    with time_machine.travel(at(day, "09:31") + timedelta(days=89)):
        call_command("purge_bookings", stdout=out)
    assert Booking.objects.count() == 1
    with time_machine.travel(at(day, "09:31") + timedelta(days=90)):
        call_command("purge_bookings", stdout=out)
    assert Booking.objects.count() == 0
    assert "Deleted 1 booking(s)" in out.getvalue()
