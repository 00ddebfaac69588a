"""Consultation booking in the core: which slots a clinic offers, and the rules of a booking's
life (who may change it until when, when the reminder is due, how long it is kept).

Pure: no Django, times passed in (aware datetimes), the clinic's time zone named by the caller
(Asia/Tokyo). The shell (clinic/booking/) stores availabilities and bookings and asks here;
clinic/hours/ asks `availability_problems` before it keeps a change of hours and `within_hours`
which bookings the change left outside them.
"""

from hizakoshi.care.booking.holidays import japanese_holidays
from hizakoshi.care.booking.hours import (
    availability_problems,
    day_problem,
    number_limits,
    within_hours,
)
from hizakoshi.care.booking.policy import (
    HOLDS_SLOT,
    MAX_NOTICE_ATTEMPTS,
    MAX_REMINDER_ATTEMPTS,
    OPEN,
    REMINDER_LOOKAHEAD,
    State,
    may_change,
    may_mark_outcome,
    next_statuses,
    notice_due,
    purge_before,
    reminder_due,
    reminder_window,
    retention_ends,
)
from hizakoshi.care.booking.slots import (
    TOKYO,
    Availability,
    Hours,
    Refusal,
    Slot,
    check_slot,
    day_hours,
    free_slots,
    hours_from_pairs,
    merge_offers,
    merged_exceptions,
    search_window,
    week_from_pairs,
)

__all__ = [
    "HOLDS_SLOT",
    "MAX_NOTICE_ATTEMPTS",
    "MAX_REMINDER_ATTEMPTS",
    "OPEN",
    "REMINDER_LOOKAHEAD",
    "TOKYO",
    "Availability",
    "Hours",
    "Refusal",
    "Slot",
    "State",
    "availability_problems",
    "check_slot",
    "day_hours",
    "day_problem",
    "free_slots",
    "hours_from_pairs",
    "japanese_holidays",
    "may_change",
    "may_mark_outcome",
    "merge_offers",
    "merged_exceptions",
    "next_statuses",
    "notice_due",
    "number_limits",
    "purge_before",
    "reminder_due",
    "reminder_window",
    "retention_ends",
    "search_window",
    "week_from_pairs",
    "within_hours",
]
