"""The e-mails of a booking carry a calendar invitation that calendar apps follow: one UID for
the booking's life, METHOD:REQUEST with a higher SEQUENCE for each change, METHOD:CANCEL (same
UID, higher SEQUENCE) for a cancellation; and the private link, which opens the booking."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from email.mime.base import MIMEBase
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from hizakoshi.care.booking import State
from hizakoshi.clinic.booking.services import (
    booking_cancel,
    booking_move,
    booking_set_status,
)
from hizakoshi.clinic.models import Booking, Clinic, ReminderStatus

from .factories import at, availability, booked, next_weekday

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]


@pytest.fixture
def commits(django_capture_on_commit_callbacks: Capture) -> Capture:
    """`with commits():` runs what the block queued for after its commit (the e-mails), as the
    immediate task backend does after a real commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def invitation(message: mail.EmailMessage) -> Calendar:
    parts = [a for a in message.attachments if isinstance(a, MIMEBase)]
    assert len(parts) == 1
    part = parts[0]
    assert part.get_content_type() == "text/calendar"
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    assert calendar["METHOD"] == part.get_param("method")
    return calendar


def event_of(calendar: Calendar) -> Any:
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_the_confirmation_carries_uid_sequence_and_method_request(
    clinic: Clinic, commits: Capture
) -> None:
    doctor = availability(clinic)
    starts = at(next_weekday(), "14:00")
    with commits():
        made = booked(doctor, starts)
    (message,) = mail.outbox
    assert message.to == ["hanako.yamada@example.jp"]
    assert message.subject == "相談の予約を受け付けました"
    cal = invitation(message)
    event = event_of(cal)
    assert cal["METHOD"] == "REQUEST"
    assert str(event["UID"]) == f"booking-{made.booking.public_id}@127.0.0.1"
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event.decoded("DTSTART") == starts.astimezone(UTC)
    assert event.decoded("DTEND") == at(starts.date(), "14:30").astimezone(UTC)
    assert Booking.objects.get().mail_status == ReminderStatus.SENT


def test_the_email_s_private_link_opens_the_booking_and_the_invitation_never_holds_it(
    clinic: Clinic, commits: Capture, client: Client
) -> None:
    with commits():
        made = booked(availability(clinic), at(next_weekday(), "09:30"))
    (message,) = mail.outbox
    assert f"/book/m/{made.token}/" in message.body
    assert "12月" in message.body and "09:30" in message.body
    assert made.token not in invitation(message).to_ical().decode()
    page = client.get(f"/book/m/{made.token}/")
    assert page.status_code == 200
    assert "09:30" in page.content.decode()


def test_a_cancellation_sends_method_cancel_with_the_same_uid_and_a_higher_sequence(
    clinic: Clinic, commits: Capture
) -> None:
    with commits():
        made = booked(availability(clinic), at(next_weekday(), "10:00"))
    with commits():
        booking_cancel(booking=made.booking, now=timezone.now(), by_staff=False)
    first, second = (event_of(invitation(m)) for m in mail.outbox)
    cancel_cal = invitation(mail.outbox[1])
    assert cancel_cal["METHOD"] == "CANCEL"
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] > first["SEQUENCE"]
    assert second["STATUS"] == "CANCELLED"
    assert mail.outbox[1].subject == "相談の予約を取り消しました"


def test_a_move_sends_a_new_request_with_the_same_uid_the_new_time_and_a_higher_sequence(
    clinic: Clinic, commits: Capture
) -> None:
    doctor = availability(clinic)
    day = next_weekday()
    with commits():
        made = booked(doctor, at(day, "10:00"))
    with commits():
        booking_move(
            booking=made.booking,
            resource_id=doctor.pk,
            starts_at=at(day, "15:00"),
            now=timezone.now(),
            by_staff=False,
        )
    first, moved = (event_of(invitation(m)) for m in mail.outbox)
    assert invitation(mail.outbox[1])["METHOD"] == "REQUEST"
    assert moved["UID"] == first["UID"]
    assert moved["SEQUENCE"] == first["SEQUENCE"] + 1
    assert moved.decoded("DTSTART") == at(day, "15:00").astimezone(UTC)


def test_a_booking_awaiting_the_clinic_is_tentative_until_confirmed(
    clinic: Clinic, commits: Capture
) -> None:
    with commits():
        made = booked(availability(clinic, confirm_by_staff=True), at(next_weekday(), "11:00"))
    assert made.booking.status == "pending"
    with commits():
        booking_set_status(booking=made.booking, to=State.CONFIRMED, now=timezone.now())
    tentative, confirmed = (event_of(invitation(m)) for m in mail.outbox)
    assert (tentative["STATUS"], confirmed["STATUS"]) == ("TENTATIVE", "CONFIRMED")
    assert confirmed["SEQUENCE"] == tentative["SEQUENCE"] + 1
    assert "確認したら" in mail.outbox[0].body


def test_the_invitation_says_nothing_of_the_reason(clinic: Clinic, commits: Capture) -> None:
    with commits():
        made = booked(
            availability(clinic), at(next_weekday(), "11:30"), message="膝が痛くて夜も眠れません"
        )
    text = invitation(mail.outbox[0]).to_ical().decode()
    assert "膝" not in text and "眠れません" not in text
    assert made.booking.message in Booking.objects.get().message


def test_a_booking_with_a_phone_only_sends_no_email(clinic: Clinic, commits: Capture) -> None:
    with commits():
        made = booked(
            availability(clinic), at(next_weekday(), "16:00"), email="", contact_by="phone"
        )
    assert mail.outbox == []
    assert made.booking.mail_status == ReminderStatus.NONE


def test_an_email_that_cannot_be_sent_is_recorded_for_staff(
    clinic: Clinic, commits: Capture, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "tests_broken_mail.Backend"
    with commits():
        booked(availability(clinic), at(next_weekday(), "16:30"))
    row = Booking.objects.get()
    assert row.mail_status == ReminderStatus.FAILED
    assert "ConnectionRefusedError" in row.mail_error
