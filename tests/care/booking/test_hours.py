"""The hours staff give: each problem said at its field in both languages, by the core's own
limits; and whether a booking still lies inside hours that changed after it was made."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hizakoshi.care.booking import (
    Availability,
    availability_problems,
    day_problem,
    number_limits,
    within_hours,
)
from hizakoshi.care.booking.hours import ENDS_FIRST, NOT_A_TIME, OVERLAP, REFUSED

from .helpers import HOLIDAY, SUNDAY, TUESDAY, at, clinic_week, hours

WEEKDAY = [["09:00", "12:00"], ["14:00", "18:00"]]
WEEK = [WEEKDAY] * 5 + [[["09:00", "12:00"]], []]
NUMBERS = {"slot_minutes": 30, "buffer_minutes": 0, "lead_minutes": 120, "horizon_days": 30}


def test_a_usual_week_and_usual_numbers_have_no_problem() -> None:
    assert availability_problems(weekly=WEEK, numbers=NUMBERS) == {}


@pytest.mark.parametrize(
    ("pairs", "problem"),
    [
        ([["09:00", "12:00"], ["11:00", "13:00"]], OVERLAP),
        ([["12:00", "09:00"]], ENDS_FIRST),
        ([["09:00", "09:00"]], ENDS_FIRST),
        ([["25:00", "26:00"]], NOT_A_TIME),
        ([["09:00"]], NOT_A_TIME),
        ([], None),
        ([["14:00", "18:00"], ["09:00", "12:00"]], None),  # any order; the core sorts them
        ([["09:00", "12:00"], ["12:00", "13:00"]], None),  # one ends as the next begins
    ],
)
def test_each_day_s_problem_is_named(pairs: list[list[str]], problem: object) -> None:
    assert day_problem(pairs) == problem


def test_a_day_s_problem_is_said_at_that_weekday() -> None:
    week = [list(day) for day in WEEK]
    week[2] = [["09:00", "12:00"], ["11:30", "13:00"]]  # Wednesday
    week[6] = [["18:00", "17:00"]]  # Sunday
    found = availability_problems(weekly=week, numbers=NUMBERS)
    assert found == {"weekly.2": OVERLAP, "weekly.6": ENDS_FIRST}
    assert "重なって" in found["weekly.2"].ja and "overlap" in found["weekly.2"].en


@pytest.mark.parametrize(
    "field", ["slot_minutes", "buffer_minutes", "lead_minutes", "horizon_days"]
)
def test_a_number_out_of_the_core_s_range_is_said_with_that_range(field: str) -> None:
    low, high = number_limits(field)
    assert low < high
    for wrong in (low - 1, high + 1):
        found = availability_problems(weekly=WEEK, numbers=NUMBERS | {field: wrong})
        assert list(found) == [field]
        assert found[field].ja == f"{low}から{high}までの数を入れてください。"
    for right in (low, high):
        assert availability_problems(weekly=WEEK, numbers=NUMBERS | {field: right}) == {}


def test_the_limits_are_the_availability_s_own() -> None:
    low, high = number_limits("slot_minutes")
    Availability(weekly=((),) * 7, slot_minutes=low)
    Availability(weekly=((),) * 7, slot_minutes=high)
    with pytest.raises(ValueError):
        Availability(weekly=((),) * 7, slot_minutes=high + 1)


def test_a_week_without_seven_days_is_refused_as_a_whole() -> None:
    assert availability_problems(weekly=WEEK[:6], numbers=NUMBERS) == {"": REFUSED}


def test_a_booking_inside_the_hours_is_within_them_and_one_outside_is_not() -> None:
    week = clinic_week()
    inside = (at(TUESDAY, "09:00"), at(TUESDAY, "09:30"))
    late = (at(TUESDAY, "11:45"), at(TUESDAY, "12:15"))  # runs past the morning's end
    lunch = (at(TUESDAY, "12:30"), at(TUESDAY, "13:00"))
    kw = {"exceptions": {}, "holidays": frozenset()}
    assert within_hours(week, *inside, **kw)  # type: ignore[arg-type]
    assert not within_hours(week, *late, **kw)  # type: ignore[arg-type]
    assert not within_hours(week, *lunch, **kw)  # type: ignore[arg-type]
    assert not within_hours(week, at(SUNDAY, "09:00"), at(SUNDAY, "09:30"), **kw)  # type: ignore[arg-type]


def test_a_closed_day_a_one_off_day_and_a_holiday_count_as_the_slots_do() -> None:
    week = clinic_week()
    start, end = at(TUESDAY, "10:00"), at(TUESDAY, "10:30")
    closed = {TUESDAY: ()}
    other = {TUESDAY: (hours("13:00", "15:00"),)}
    assert not within_hours(week, start, end, exceptions=closed, holidays=frozenset())
    assert not within_hours(week, start, end, exceptions=other, holidays=frozenset())
    assert within_hours(
        week, at(TUESDAY, "13:00"), at(TUESDAY, "13:30"), exceptions=other, holidays=frozenset()
    )
    monday = (at(HOLIDAY, "10:00"), at(HOLIDAY, "10:30"))
    assert not within_hours(week, *monday, exceptions={}, holidays=frozenset({HOLIDAY}))
    opens = clinic_week(open_on_holidays=True)
    assert within_hours(opens, *monday, exceptions={}, holidays=frozenset({HOLIDAY}))


def test_a_booking_across_midnight_is_never_within_a_day_s_hours() -> None:
    week = clinic_week(weekly=((hours("00:00", "23:59"),),) * 7)
    day = date(2026, 11, 24)
    late = at(day, "23:30")
    assert not within_hours(
        week, late, late + timedelta(hours=1), exceptions={}, holidays=frozenset()
    )
