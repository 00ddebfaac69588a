"""A booking's life: its states, who may change it until when, the reminder, how long it is
kept."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hizakoshi.care.booking import (
    HOLDS_SLOT,
    State,
    may_change,
    may_mark_outcome,
    next_statuses,
    reminder_due,
    retention_ends,
)

from .helpers import NOW, TUESDAY, at


def test_every_state_but_cancelled_holds_the_slot_pending_included() -> None:
    assert State.PENDING in HOLDS_SLOT
    assert State.CANCELLED not in HOLDS_SLOT
    assert State.ATTENDED in HOLDS_SLOT


def test_a_pending_booking_may_be_confirmed_and_an_outcome_is_final() -> None:
    assert State.CONFIRMED in next_statuses("pending")
    assert State.CONFIRMED not in next_statuses("confirmed")
    assert next_statuses("attended") == frozenset()
    assert next_statuses("cancelled") == frozenset()
    assert next_statuses("nonsense") == frozenset()


def test_the_person_may_change_until_the_clinic_s_cutoff_before_the_start() -> None:
    starts = at(TUESDAY, "09:00")
    day = 24 * 60
    assert may_change(starts_at=starts, now=starts - timedelta(days=1), cutoff_minutes=day)
    later = starts - timedelta(hours=23)
    assert not may_change(starts_at=starts, now=later, cutoff_minutes=day)
    assert may_change(starts_at=starts, now=later, cutoff_minutes=0)


def test_attended_or_no_show_is_said_from_the_consultation_s_day() -> None:
    starts = at(TUESDAY, "17:00")
    assert not may_mark_outcome(starts_at=starts, now=at(TUESDAY - timedelta(days=1), "23:59"))
    assert may_mark_outcome(starts_at=starts, now=at(TUESDAY, "00:01"))


def test_the_reminder_is_due_from_nine_the_day_before_until_the_start() -> None:
    starts = at(TUESDAY, "14:00")
    eve = TUESDAY - timedelta(days=1)
    booked = NOW
    assert not reminder_due(starts_at=starts, booked_at=booked, now=at(eve, "08:59"))
    assert reminder_due(starts_at=starts, booked_at=booked, now=at(eve, "09:00"))
    assert reminder_due(starts_at=starts, booked_at=booked, now=at(TUESDAY, "13:59"))
    assert not reminder_due(starts_at=starts, booked_at=booked, now=starts)


def test_a_booking_made_inside_the_reminder_window_gets_no_reminder() -> None:
    starts = at(TUESDAY, "14:00")
    eve = TUESDAY - timedelta(days=1)
    assert not reminder_due(starts_at=starts, booked_at=at(eve, "20:00"), now=at(eve, "21:00"))


def test_a_booking_is_kept_ninety_days_after_its_consultation() -> None:
    ends = at(TUESDAY, "09:30")
    assert retention_ends(ends_at=ends) == ends + timedelta(days=90)


@pytest.mark.parametrize("hour", range(24))
def test_no_reminder_window_opens_earlier_than_the_lookahead_the_query_narrows_by(
    hour: int,
) -> None:
    # clinic/booking/selectors.reminders_due asks only about bookings starting within it.
    from hizakoshi.care.booking.policy import REMINDER_LOOKAHEAD, reminder_window

    starts = datetime(2026, 12, 3, hour, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    opens, _ = reminder_window(starts_at=starts)
    assert starts - opens <= REMINDER_LOOKAHEAD
