"""The rules of a booking's life: its states and the moves between them, until when the person
may change it themself, when the reminder is due and how often it and the clinic's notice are
tried, and how long a booking is kept. Each rule once, here, with why; the shell asks.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from hizakoshi.care.booking.slots import TOKYO


class State(StrEnum):
    PENDING = "pending"  # asked for; the clinic has not confirmed it yet
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


# Every booking that is not cancelled holds its slot, whatever else happened to it: a pending
# one too (a booking system that let a second person take a slot awaiting confirmation made
# double bookings: Cal.com issue 29958).
HOLDS_SLOT: frozenset[State] = frozenset(State) - {State.CANCELLED}
# What may still be moved or cancelled; an outcome (attended, no-show) is final.
OPEN: frozenset[State] = frozenset({State.PENDING, State.CONFIRMED})

_NEXT: dict[State, frozenset[State]] = {
    State.PENDING: frozenset({State.CONFIRMED, State.CANCELLED, State.ATTENDED, State.NO_SHOW}),
    State.CONFIRMED: frozenset({State.CANCELLED, State.ATTENDED, State.NO_SHOW}),
    State.CANCELLED: frozenset(),
    State.ATTENDED: frozenset(),
    State.NO_SHOW: frozenset(),
}


def next_statuses(state: str) -> frozenset[State]:
    """The states a booking in `state` may move to (an unknown state moves nowhere)."""
    try:
        return _NEXT[State(state)]
    except ValueError:
        return frozenset()


def may_change(*, starts_at: datetime, now: datetime, cutoff_minutes: int) -> bool:
    """Whether the person may still cancel or move the booking from their private link: until
    the clinic's cutoff before the start (later, they phone the clinic)."""
    return now <= starts_at - timedelta(minutes=cutoff_minutes)


def may_mark_outcome(*, starts_at: datetime, now: datetime, tz: str = TOKYO) -> bool:
    """Attended or no-show is said from the consultation's day on (not before the day)."""
    zone = ZoneInfo(tz)
    return now.astimezone(zone).date() >= starts_at.astimezone(zone).date()


# The reminder goes out the day before, from 09:00 in the clinic's time (not at night), and no
# later than the start. A booking made after that moment needs none: its confirmation has just
# arrived. Failed sends are tried again at the next runs, this many times in all; then staff see
# "failed" in the calendar and phone instead. (Missed reminders are a known failure of booking
# systems: Cal.com issues 7739, 12340.)
REMINDER_FROM = time(9, 0)
MAX_REMINDER_ATTEMPTS = 3


def reminder_window(*, starts_at: datetime, tz: str = TOKYO) -> tuple[datetime, datetime]:
    zone = ZoneInfo(tz)
    eve = starts_at.astimezone(zone).date() - timedelta(days=1)
    return datetime.combine(eve, REMINDER_FROM, zone), starts_at


# No reminder window opens earlier than this before its start (the eve from REMINDER_FROM):
# a query may narrow the bookings it asks `reminder_due` about to those starting within it.
REMINDER_LOOKAHEAD = timedelta(days=2)


def reminder_due(
    *, starts_at: datetime, booked_at: datetime, now: datetime, tz: str = TOKYO
) -> bool:
    opens, closes = reminder_window(starts_at=starts_at, tz=tz)
    return booked_at < opens and opens <= now < closes


# The clinic is told by e-mail when the person books, moves or cancels (clinic/booking/notices.py),
# so that reception need not watch the calendar. The first try is at once; a failed one is tried
# again at each run of the job (every 15 minutes), this many times in all (two hours of a mail
# server being down), and never once the consultation has begun: by then the news is no use.
MAX_NOTICE_ATTEMPTS = 8


def notice_due(*, attempts: int, starts_at: datetime, now: datetime) -> bool:
    """Whether a notice not yet sent may be tried (again) now."""
    return attempts < MAX_NOTICE_ATTEMPTS and now < starts_at


# A booking is personal information (name, contact, the reason, perhaps a self-check): it is
# kept while it is useful to the consultation and then deleted, on the schedule of anonymous
# saved results (90 days; APPI Art. 22: delete personal data no longer needed). The clinic's
# own record of the consultation is its chart, kept by the clinic under 医師法 Art. 24, not this.
KEEP_AFTER_CONSULTATION = timedelta(days=90)


def retention_ends(*, ends_at: datetime) -> datetime:
    return ends_at + KEEP_AFTER_CONSULTATION


def purge_before(*, now: datetime) -> datetime:
    """Bookings whose consultation ended before this moment are deleted now."""
    return now - KEEP_AFTER_CONSULTATION
