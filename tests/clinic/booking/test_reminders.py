"""The reminder the day before: sent once from 09:00 the day before (however many servers run
the job), not for a booking made after that, tried again after a failure up to three times, and
its status kept on the booking for staff."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from hizakoshi.care.booking import MAX_REMINDER_ATTEMPTS
from hizakoshi.clinic.booking.services import booking_move
from hizakoshi.clinic.models import Availability, Booking, Clinic, ReminderStatus

from .factories import at, availability, booked, next_weekday

pytestmark = pytest.mark.django_db

DAY = next_weekday()
STARTS = at(DAY, "14:00")
EVE = DAY - timedelta(days=1)
LATER = next_weekday(DAY + timedelta(days=4))  # the Tuesday after, not a holiday


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_booking_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def doctor(clinic: Clinic) -> Availability:
    return availability(clinic)


def reminders() -> list[Any]:
    return [m for m in mail.outbox if "明日" in m.subject]


def test_nothing_is_sent_before_nine_the_day_before(doctor: Availability) -> None:
    booked(doctor, STARTS)
    with time_machine.travel(at(EVE, "08:59"), tick=False):
        run()
    assert reminders() == []


def test_the_reminder_goes_once_from_nine_the_day_before_with_the_private_link(
    doctor: Availability,
) -> None:
    made = booked(doctor, STARTS)
    with time_machine.travel(at(EVE, "09:05"), tick=False):
        assert "Sent 1 booking reminder(s)" in run()
        assert "Sent 0" in run()  # a second run, or a second server
    (message,) = reminders()
    assert f"/book/m/{made.token}/" in message.body
    assert "14:00" in message.body
    assert message.attachments == []  # nothing changes in the calendar
    row = Booking.objects.get()
    assert (row.reminder_status, row.reminder_attempts) == (ReminderStatus.SENT, 1)


def test_a_booking_made_the_evening_before_gets_no_reminder(doctor: Availability) -> None:
    with time_machine.travel(at(EVE, "20:00"), tick=False):
        booked(doctor, STARTS)
        run()
    assert reminders() == []


def test_a_cancelled_booking_or_one_without_email_gets_none(doctor: Availability) -> None:
    booked(doctor, STARTS, email="", contact_by="phone")
    cancelled = booked(doctor, at(DAY, "15:00"), key="cancelled-booking-key")
    Booking.objects.filter(pk=cancelled.booking.pk).update(status="cancelled")
    with time_machine.travel(at(EVE, "10:00"), tick=False):
        run()
    assert reminders() == []


def test_a_failed_send_is_recorded_tried_again_and_given_up_after_three(
    doctor: Availability, settings: Any
) -> None:
    booked(doctor, STARTS)
    settings.EMAIL_BACKEND = "tests_broken_mail.Backend"
    for n in range(1, MAX_REMINDER_ATTEMPTS + 1):
        later = at(EVE, "09:00") + timedelta(minutes=15 * n)
        with (
            time_machine.travel(later, tick=False),
            pytest.raises(CommandError, match="1 booking reminder"),
        ):
            run()
        row = Booking.objects.get()
        assert (row.reminder_status, row.reminder_attempts) == (ReminderStatus.FAILED, n)
        assert "refused" in row.reminder_error
    with time_machine.travel(at(EVE, "11:00"), tick=False):
        assert "failed 0" in run()  # given up: staff see "failed" and phone


def test_a_failed_send_goes_out_at_the_next_run_once_mail_works_again(
    doctor: Availability, settings: Any
) -> None:
    booked(doctor, STARTS)
    settings.EMAIL_BACKEND = "tests_broken_mail.Backend"
    with time_machine.travel(at(EVE, "09:00"), tick=False), pytest.raises(CommandError):
        run()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(at(EVE, "09:15"), tick=False):
        run()
    assert len(reminders()) == 1
    assert Booking.objects.get().reminder_status == ReminderStatus.SENT


def test_a_moved_booking_is_reminded_again_for_its_new_day(doctor: Availability) -> None:
    made = booked(doctor, STARTS)
    with time_machine.travel(at(EVE, "09:05"), tick=False):
        run()
        booking_move(
            booking=made.booking,
            resource_id=doctor.pk,
            starts_at=at(LATER, "14:00"),
            now=timezone.now(),
            by_staff=True,
        )
    with time_machine.travel(at(LATER - timedelta(days=1), "09:05"), tick=False):
        run()
    assert len(reminders()) == 2
