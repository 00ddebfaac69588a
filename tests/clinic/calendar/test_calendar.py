"""The clinic's booking calendar: the clinicians and reception see the day or the week with each
booking (the attached self-check only for the roles that see records); they confirm, cancel,
move and mark the outcome; every read and change is on the audit trail, through the access door
for the booking of a person linked with the clinic."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client

from clinic.booking.factories import at, availability, booked, next_weekday
from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import (
    AuditAction,
    AuditEvent,
    Availability,
    Booking,
    Clinic,
    ReminderStatus,
    Role,
)
from people import linked, staff, staff_login
from selfcheck.factories import saved_result

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]
DAY = next_weekday()


@pytest.fixture
def doctor(clinic: Clinic) -> Availability:
    return availability(clinic, confirm_by_staff=True)


def snapshot() -> dict[str, Any]:
    return {
        "source": "saved",
        "taken_at": "2026-11-01T09:00:00+09:00",
        "assessment": saved_result(knee_locking="yes").assessment,
    }


def signed_in(user: User) -> Client:
    return staff_login(Client(), user)


def week_page(client: Client, **query: str) -> str:
    response = client.get("/clinic/bookings/", {"day": DAY.isoformat(), **query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_doctor_sees_the_week_each_booking_and_its_attached_self_check(
    doctor: Availability, clinic_staff: User
) -> None:
    booked(doctor, at(DAY, "09:00"), selfcheck=snapshot())
    booked(doctor, at(DAY, "10:00"), name="田中 一郎", key="second-booking-key")
    page = week_page(signed_in(clinic_staff))
    assert "山田 花子" in page and "田中 一郎" in page
    assert "09:00–09:30" in page
    assert "数日のうちに受診を" in page  # the attached result: within days (a locking knee)
    assert "添付なし" in page  # the other booking has none
    assert page.count('class="slot-day-title"') == 0 and page.count('<h2 id="day-') == 7


def test_reception_sees_the_bookings_and_how_to_reach_people_but_no_self_check(
    doctor: Availability, clinic: Clinic
) -> None:
    booked(doctor, at(DAY, "09:00"), selfcheck=snapshot(), message="階段がつらいです")
    desk = staff("desk@clinic.example.jp", clinic, role=Role.RECEPTION, display_name="受付")
    client = signed_in(desk)
    page = week_page(client)
    assert "山田 花子" in page and "09012345678" in page
    assert "数日のうちに受診を" not in page
    detail = client.get(f"/clinic/bookings/{Booking.objects.get().pk}/").content.decode()
    assert "階段がつらいです" in detail
    assert "添付されたセルフチェック" not in detail and "数日のうちに受診を" not in detail


def test_the_clinic_admin_and_other_clinics_staff_reach_no_booking(
    doctor: Availability, clinic: Clinic, other_clinic_staff: User
) -> None:
    made = booked(doctor, at(DAY, "09:00"))
    admin = staff("admin@clinic.example.jp", clinic, role=Role.ADMIN, display_name="管理")
    assert signed_in(admin).get("/clinic/bookings/").status_code == 404
    other = signed_in(other_clinic_staff)
    assert "山田 花子" not in week_page(other)
    assert other.get(f"/clinic/bookings/{made.booking.pk}/").status_code == 404
    assert (
        other.post(f"/clinic/bookings/{made.booking.pk}/", {"action": "cancel"}).status_code == 404
    )
    assert Booking.objects.get().status == "pending"


def test_the_menu_shows_bookings_to_the_roles_that_handle_them(
    clinic: Clinic, clinic_staff: User
) -> None:
    assert "予約</a>" in week_page(signed_in(clinic_staff))


def test_each_read_is_audited_through_the_door_for_a_linked_person_and_directly_otherwise(
    doctor: Availability, clinic: Clinic, clinic_staff: User, patient: User
) -> None:
    linked(patient, clinic)
    mine = booked(doctor, at(DAY, "09:00"), person=patient, email=patient.email)
    anyone = booked(doctor, at(DAY, "10:00"), key="anonymous-booking-1")
    before = AuditEvent.objects.count()
    week_page(signed_in(clinic_staff))
    events = list(AuditEvent.objects.order_by("pk")[before:])
    assert {(e.action, e.what) for e in events} == {
        (AuditAction.READ, "booking"),
        (AuditAction.READ, "booking_calendar"),
    }
    door = [e for e in events if e.subject_ref == patient.log_ref]
    assert len(door) == 1 and door[0].detail == ""  # the door's own row
    direct = [e for e in events if e.detail == f"booking {anyone.booking.pk}"]
    assert len(direct) == 1 and direct[0].subject_ref is None
    assert all(e.actor_id == clinic_staff.pk and e.clinic_id == clinic.pk for e in events)
    assert mine.booking.pk != anyone.booking.pk


def test_confirming_a_pending_booking_is_sent_to_the_person_and_audited(
    doctor: Availability, clinic_staff: User, django_capture_on_commit_callbacks: Capture
) -> None:
    made = booked(doctor, at(DAY, "09:00"))
    client = signed_in(clinic_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/clinic/bookings/{made.booking.pk}/", {"action": "confirm"})
    assert response.status_code == 302
    assert Booking.objects.get().status == "confirmed"
    assert mail.outbox[-1].subject == "相談の予約が確定しました"
    write = AuditEvent.objects.get(action=AuditAction.WRITE)
    assert write.detail == f"booking {made.booking.pk} confirm"


def test_cancelling_frees_the_slot_and_sends_the_cancellation(
    doctor: Availability, clinic_staff: User, django_capture_on_commit_callbacks: Capture
) -> None:
    made = booked(doctor, at(DAY, "09:00"))
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(clinic_staff).post(f"/clinic/bookings/{made.booking.pk}/", {"action": "cancel"})
    assert Booking.objects.get().status == "cancelled"
    assert mail.outbox[-1].subject == "相談の予約を取り消しました"
    booked(doctor, at(DAY, "09:00"), key="after-cancel-key-1")
    assert Booking.objects.count() == 2


def test_attended_or_no_show_is_refused_before_the_day_and_allowed_on_it(
    doctor: Availability, clinic_staff: User
) -> None:
    made = booked(doctor, at(DAY, "09:00"))
    client = signed_in(clinic_staff)
    page = client.post(f"/clinic/bookings/{made.booking.pk}/", {"action": "attended"})
    assert "この操作はできません" in page.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.WRITE).exists()
    with time_machine.travel(at(DAY, "09:40")):  # signed in again: the session has ended
        signed_in(clinic_staff).post(f"/clinic/bookings/{made.booking.pk}/", {"action": "attended"})
    assert Booking.objects.get().status == "attended"


def test_staff_may_move_a_booking_to_a_free_time_and_the_person_is_told(
    doctor: Availability, clinic_staff: User, django_capture_on_commit_callbacks: Capture
) -> None:
    made = booked(doctor, at(DAY, "09:00"))
    booked(doctor, at(DAY, "10:00"), key="taken-at-ten-key-01")
    client = signed_in(clinic_staff)
    url = f"/clinic/bookings/{made.booking.pk}/move/"
    page = client.get(url).content.decode()
    ten = f"{doctor.pk}-{at(DAY, '10:00'):%Y%m%d%H%M}"
    assert f'value="{ten}"' not in page
    taken = client.post(url, {"pick": ten}).content.decode()
    assert "たった今ほかの方の予約が入りました" in taken
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"pick": f"{doctor.pk}-{at(DAY, '11:00'):%Y%m%d%H%M}"})
    assert done.status_code == 302
    assert Booking.objects.get(pk=made.booking.pk).starts_at == at(DAY, "11:00")
    assert mail.outbox[-1].subject == "相談の予約の日時を変更しました"
    assert AuditEvent.objects.filter(detail=f"booking {made.booking.pk} move").count() == 1


def test_a_failed_reminder_stands_out_in_the_calendar(
    doctor: Availability, clinic_staff: User
) -> None:
    made = booked(doctor, at(DAY, "09:00"))
    Booking.objects.filter(pk=made.booking.pk).update(
        reminder_status=ReminderStatus.FAILED, reminder_attempts=3, reminder_error="SMTP down"
    )
    client = signed_in(clinic_staff)
    assert 'flag flag-urgent">送信失敗' in week_page(client)
    detail = client.get(f"/clinic/bookings/{made.booking.pk}/").content.decode()
    assert "SMTP down" in detail and "3回" in detail


def test_one_day_and_a_bad_day_given(doctor: Availability, clinic_staff: User) -> None:
    booked(doctor, at(DAY, "09:00"))
    booked(doctor, at(DAY + timedelta(days=1), "09:00"), key="next-day-booking-1")
    client = signed_in(clinic_staff)
    one = week_page(client, view="day")
    assert one.count('<h2 id="day-') == 1 and one.count("data-booking=") == 1
    bad = client.get("/clinic/bookings/", {"day": "12/3"}).content.decode()
    assert "2026-12-03 のように" in bad
