"""The hours a clinic gives a staff member or room, said back per field when they cannot be
kept, and whether a booking still lies inside the hours once they changed.

What is allowed is `Availability`'s own (slots.py: its bounds and its checks of the periods); this
module only reads those rules and words each problem for the place it was typed, so that the staff
page and the command line refuse the same things. A change of hours never moves or cancels a
booking: the clinic phones the people whose booking `within_hours` no longer holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

from pydantic import ValidationError

from hizakoshi.care.booking.slots import (
    Availability,
    DayHours,
    day_hours,
    hours_from_pairs,
    week_from_pairs,
)
from hizakoshi.care.model import Text, field_bounds

NUMBERS = ("slot_minutes", "buffer_minutes", "lead_minutes", "horizon_days")
Pairs = Iterable[Sequence[str]]

NOT_A_TIME = Text(ja="時刻は 09:00 のように入れてください。", en="Enter times like 09:00.")
ENDS_FIRST = Text(
    ja="終わりの時刻は、始まりの時刻より後にしてください。",
    en="A period must end after it starts.",
)
OVERLAP = Text(
    ja="この日の時間帯が重なっています。重ならないように直してください。",
    en="The periods of this day overlap. Please make them apart.",
)
REFUSED = Text(ja="この設定は使えません。", en="These settings cannot be used.")


def number_limits(field: str) -> tuple[int, int]:
    """The smallest and the largest value `Availability` takes for one of NUMBERS."""
    return field_bounds(Availability, field)


def _outside(low: int, high: int) -> Text:
    return Text(
        ja=f"{low}から{high}までの数を入れてください。",
        en=f"Enter a number from {low} to {high}.",
    )


def day_problem(pairs: Pairs) -> Text | None:
    """What is wrong with one day's periods ([["09:00", "12:00"], ...]), or None."""
    periods = list(pairs)
    if any(len(pair) != 2 for pair in periods):  # a period is two times: opens, closes
        return NOT_A_TIME
    try:
        hours_from_pairs(periods)
    except ValidationError as problem:  # one period: not a time, or ending before it starts
        kinds = {error["type"] for error in problem.errors()}
        return ENDS_FIRST if kinds == {"value_error"} else NOT_A_TIME
    except ValueError:  # the periods of the day overlap
        return OVERLAP
    return None


def availability_problems(
    *, weekly: Sequence[Pairs], numbers: Mapping[str, int]
) -> dict[str, Text]:
    """What is wrong with a staff member's or room's hours, by field: "weekly.0" (Monday) to
    "weekly.6" (Sunday), each of NUMBERS, or "" for anything else `Availability` refuses.
    Empty when the hours may be kept."""
    problems: dict[str, Text] = {}
    for index, pairs in enumerate(weekly):
        found = day_problem(pairs)
        if found is not None:
            problems[f"weekly.{index}"] = found
    for field in NUMBERS:
        low, high = number_limits(field)
        if not low <= numbers[field] <= high:
            problems[field] = _outside(low, high)
    if not problems:
        try:
            Availability(weekly=week_from_pairs(weekly), **{f: numbers[f] for f in NUMBERS})
        except (ValueError, TypeError):
            problems[""] = REFUSED
    return problems


def within_hours(
    availability: Availability,
    starts_at: datetime,
    ends_at: datetime,
    *,
    exceptions: Mapping[date, DayHours],
    holidays: frozenset[date],
) -> bool:
    """Whether a booking from `starts_at` to `ends_at` lies inside one opening period of its
    day, as the hours are now (the day's exception first, then a holiday, then the week)."""
    zone = availability.zone
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    if end.date() != start.date():
        return False
    periods = day_hours(availability, start.date(), exceptions=exceptions, holidays=holidays)
    return any(p.opens <= start.time() and end.time() <= p.closes for p in periods)
