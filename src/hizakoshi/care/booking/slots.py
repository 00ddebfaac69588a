"""Which consultation slots a clinic offers: from its weekly hours, the slot length and the
buffer between slots, how far ahead a person must book (lead time) and may book (horizon), its
closed days and one-off hours (exceptions), and Japanese public holidays.

Every time is an aware datetime; the clinic's own days and hours are read in its time zone
(Asia/Tokyo, which keeps no daylight-saving time). A slot starts at each opening time and every
slot + buffer minutes after it while it ends by the closing time, so two slots of one
availability never overlap and a booking of a slot starts exactly at one of them: the database
can then refuse a second booking of the same start (clinic/models/booking.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator

from hizakoshi.care.booking.holidays import japanese_holidays
from hizakoshi.care.model import Frozen

TOKYO = "Asia/Tokyo"
DAYS_A_WEEK = 7


class Hours(Frozen):
    """One opening period of a day in the clinic's wall-clock time, [opens, closes)."""

    opens: time
    closes: time

    @model_validator(mode="after")
    def _opens_before_it_closes(self) -> Hours:
        if self.opens.tzinfo is not None or self.closes.tzinfo is not None:
            raise ValueError("opening hours are wall-clock times, without a time zone")
        if self.opens >= self.closes:
            raise ValueError("a period must open before it closes")
        return self


DayHours = tuple[Hours, ...]


class Availability(Frozen):
    """What one staff member or room offers. `weekly` has seven entries, Monday first; an
    empty entry is a day without consultations."""

    weekly: tuple[DayHours, ...] = Field(min_length=DAYS_A_WEEK, max_length=DAYS_A_WEEK)
    slot_minutes: int = Field(ge=5, le=240)
    buffer_minutes: int = Field(default=0, ge=0, le=120)
    lead_minutes: int = Field(default=0, ge=0, le=14 * 24 * 60)
    horizon_days: int = Field(default=30, ge=1, le=365)
    open_on_holidays: bool = False
    tz: str = TOKYO

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("weekly")
    @classmethod
    def _periods_apart(cls, value: tuple[DayHours, ...]) -> tuple[DayHours, ...]:
        return tuple(_apart(day) for day in value)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    @property
    def slot(self) -> timedelta:
        return timedelta(minutes=self.slot_minutes)

    @property
    def step(self) -> timedelta:
        return timedelta(minutes=self.slot_minutes + self.buffer_minutes)


def _apart(day: DayHours) -> DayHours:
    ordered = tuple(sorted(day, key=lambda h: h.opens))
    for before, after in pairwise(ordered):
        if after.opens < before.closes:
            raise ValueError("the periods of one day overlap")
    return ordered


def hours_from_pairs(pairs: Iterable[Sequence[str]]) -> DayHours:
    """One day's periods from stored [["09:00", "12:00"], ...] pairs (ValueError if wrong)."""
    periods = []
    for pair in pairs:
        opens, closes = pair
        periods.append(Hours.model_validate({"opens": opens, "closes": closes}))
    return _apart(tuple(periods))


def week_from_pairs(week: Sequence[Iterable[Sequence[str]]]) -> tuple[DayHours, ...]:
    return tuple(hours_from_pairs(day) for day in week)


class Slot(Frozen):
    starts_at: datetime
    ends_at: datetime


class Refusal(StrEnum):
    """Why a wanted start is not bookable (the shell words each one)."""

    PAST = "past"
    TOO_SOON = "too_soon"  # inside the lead time
    TOO_FAR = "too_far"  # beyond the horizon
    HOLIDAY = "holiday"  # a public holiday the clinic is closed on
    CLOSED = "closed"  # a day without consultations (weekly, or a closed day)
    NOT_A_SLOT = "not_a_slot"  # outside the hours, or not at a slot's start
    TAKEN = "taken"


Exceptions = Mapping[date, DayHours]  # a day's own hours instead of the week's; () = closed


def merged_exceptions(clinic_wide: Exceptions, own: Exceptions) -> dict[date, DayHours]:
    """The exceptions of one availability: the clinic's for every resource, then its own (which
    win for the same day: a doctor who works on the clinic's closed Saturday)."""
    return {**clinic_wide, **{day: _apart(hours) for day, hours in own.items()}}


def day_hours(
    availability: Availability,
    day: date,
    *,
    exceptions: Exceptions,
    holidays: frozenset[date],
) -> DayHours:
    """The opening periods of `day`: an exception first, then a holiday (closed unless the
    clinic opens on holidays), then the weekly hours."""
    if day in exceptions:
        return tuple(exceptions[day])
    if day in holidays and not availability.open_on_holidays:
        return ()
    return availability.weekly[day.weekday()]


def day_slots(availability: Availability, day: date, hours: DayHours) -> list[Slot]:
    zone, length, step = availability.zone, availability.slot, availability.step
    found = []
    for period in hours:
        start = datetime.combine(day, period.opens, zone)
        closes = datetime.combine(day, period.closes, zone)
        while start + length <= closes:
            found.append(Slot(starts_at=start, ends_at=start + length))
            start += step
    return found


def search_window(availability: Availability, now: datetime) -> tuple[datetime, date]:
    """(the earliest start a person may book now, the last day they may book)."""
    _aware(now)
    today = now.astimezone(availability.zone).date()
    earliest = now + timedelta(minutes=availability.lead_minutes)
    return earliest, today + timedelta(days=availability.horizon_days)


Taken = Iterable[tuple[datetime, datetime]]


def free_slots(
    availability: Availability,
    *,
    now: datetime,
    first_day: date,
    last_day: date,
    exceptions: Exceptions | None = None,
    holidays: frozenset[date] | None = None,
    taken: Taken = (),
    after: datetime | None = None,
    limit: int | None = None,
) -> list[Slot]:
    """The bookable slots from `first_day` to `last_day` (clinic days, both included), earliest
    first: inside the lead time and horizon, on open days, not overlapping a `taken` interval,
    starting after `after` if given; at most `limit` of them. Holidays: Japan's unless given."""
    earliest, horizon = search_window(availability, now)
    if after is not None:
        earliest = max(earliest, _aware(after) + timedelta(microseconds=1))
    zone = availability.zone
    first = max(first_day, earliest.astimezone(zone).date())
    last = min(last_day, horizon)
    if holidays is None:
        holidays = japanese_holidays(first, last)
    busy = sorted((_aware(s).astimezone(UTC), _aware(e).astimezone(UTC)) for s, e in taken)
    found: list[Slot] = []
    day = first
    while day <= last and (limit is None or len(found) < limit):
        hours = day_hours(availability, day, exceptions=exceptions or {}, holidays=holidays)
        for slot in day_slots(availability, day, hours):
            if slot.starts_at >= earliest and not _overlaps(slot, busy):
                found.append(slot)
        day += timedelta(days=1)
    return found[:limit] if limit is not None else found


def check_slot(
    availability: Availability,
    starts_at: datetime,
    *,
    now: datetime,
    exceptions: Exceptions | None = None,
    holidays: frozenset[date] | None = None,
    taken: Taken = (),
) -> Slot | Refusal:
    """The slot that starts at `starts_at`, or why it cannot be booked now."""
    _aware(starts_at)
    earliest, horizon = search_window(availability, now)
    if starts_at <= now:
        return Refusal.PAST
    if starts_at < earliest:
        return Refusal.TOO_SOON
    day = starts_at.astimezone(availability.zone).date()
    if day > horizon:
        return Refusal.TOO_FAR
    exceptions = exceptions or {}
    if holidays is None:
        holidays = japanese_holidays(day, day)
    hours = day_hours(availability, day, exceptions=exceptions, holidays=holidays)
    if not hours:
        weekly_open = bool(availability.weekly[day.weekday()])
        if day in holidays and day not in exceptions and weekly_open:
            return Refusal.HOLIDAY
        return Refusal.CLOSED
    slot = next((s for s in day_slots(availability, day, hours) if s.starts_at == starts_at), None)
    if slot is None:
        return Refusal.NOT_A_SLOT
    busy = [(_aware(s).astimezone(UTC), _aware(e).astimezone(UTC)) for s, e in taken]
    if _overlaps(slot, busy):
        return Refusal.TAKEN
    return slot


def merge_offers(per_resource: Mapping[int, Iterable[Slot]]) -> list[tuple[int, Slot]]:
    """One offer per start time across several staff members or rooms, earliest first: the
    person chooses a time, not a person; the first resource (lowest key) free then takes it."""
    chosen: dict[datetime, tuple[int, Slot]] = {}
    for key in sorted(per_resource):
        for slot in per_resource[key]:
            moment = slot.starts_at.astimezone(UTC)
            if moment not in chosen:
                chosen[moment] = (key, slot)
    return [chosen[moment] for moment in sorted(chosen)]


def _overlaps(slot: Slot, busy: list[tuple[datetime, datetime]]) -> bool:
    return any(start < slot.ends_at and slot.starts_at < end for start, end in busy)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("booking times must be aware datetimes")
    return moment
