"""The slots a clinic offers, from its week, its closed days and Japan's holidays; without a
database and with the time passed in."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from pydantic import ValidationError

from hizakoshi.care.booking import (
    Availability,
    Refusal,
    Slot,
    check_slot,
    free_slots,
    hours_from_pairs,
    japanese_holidays,
    merge_offers,
    merged_exceptions,
    week_from_pairs,
)

from .helpers import (
    HOLIDAY,
    NOW,
    SATURDAY,
    SUNDAY,
    TOKYO,
    TUESDAY,
    WEEKDAY,
    at,
    clinic_week,
    clock_times,
    hours,
)


def offered(av: Availability, first: date, last: date | None = None, **kw: object) -> list[Slot]:
    return free_slots(av, now=NOW, first_day=first, last_day=last or first, **kw)  # type: ignore[arg-type]


def test_a_day_is_cut_into_slots_from_each_opening_time_ending_by_the_closing_time() -> None:
    slots = offered(clinic_week(), TUESDAY)
    assert clock_times(slots, TUESDAY) == [
        "09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
        "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00", "17:30",
    ]  # fmt: skip
    assert all(s.ends_at - s.starts_at == timedelta(minutes=30) for s in slots)


def test_the_buffer_leaves_time_between_slots_and_a_slot_never_runs_past_closing() -> None:
    slots = offered(clinic_week(slot_minutes=40, buffer_minutes=20), TUESDAY)
    assert clock_times(slots, TUESDAY) == [
        "09:00",
        "10:00",
        "11:00",
        "14:00",
        "15:00",
        "16:00",
        "17:00",
    ]
    assert max(s.ends_at for s in slots) == at(TUESDAY, "17:40")


def test_slots_are_aware_and_read_in_tokyo_time() -> None:
    slot = offered(clinic_week(), TUESDAY)[0]
    assert slot.starts_at.utcoffset() == timedelta(hours=9)
    assert slot.starts_at.astimezone(TOKYO).hour == 9


def test_nothing_is_offered_before_now_and_the_lead_time() -> None:
    today = NOW.date()  # Friday, 10:00; one hour's lead: the first is 11:00
    assert clock_times(offered(clinic_week(), today), today)[:2] == ["11:00", "11:30"]
    assert check_slot(clinic_week(), at(today, "09:30"), now=NOW) is Refusal.PAST
    assert check_slot(clinic_week(), at(today, "10:30"), now=NOW) is Refusal.TOO_SOON
    assert isinstance(check_slot(clinic_week(), at(today, "11:00"), now=NOW), Slot)


def test_nothing_is_offered_beyond_the_horizon() -> None:
    week = clinic_week(horizon_days=7)
    slots = offered(week, NOW.date(), NOW.date() + timedelta(days=60))
    assert max(s.starts_at.date() for s in slots) == NOW.date() + timedelta(days=7)
    far = at(NOW.date() + timedelta(days=8), "09:00")
    assert check_slot(week, far, now=NOW) is Refusal.TOO_FAR


def test_a_public_holiday_is_closed() -> None:
    assert HOLIDAY in japanese_holidays(HOLIDAY, HOLIDAY)
    assert offered(clinic_week(), HOLIDAY) == []
    assert check_slot(clinic_week(), at(HOLIDAY, "09:00"), now=NOW) is Refusal.HOLIDAY


def test_a_clinic_open_on_holidays_offers_them() -> None:
    week = clinic_week(open_on_holidays=True)
    assert clock_times(offered(week, HOLIDAY), HOLIDAY)[0] == "09:00"


def test_holidays_may_be_passed_in_instead_of_computed() -> None:
    assert offered(clinic_week(), TUESDAY, holidays=frozenset({TUESDAY})) == []
    assert offered(clinic_week(), HOLIDAY, holidays=frozenset())[0].starts_at == at(
        HOLIDAY, "09:00"
    )


def test_a_weekly_closed_day_is_closed_and_says_so() -> None:
    assert offered(clinic_week(), SUNDAY) == []
    assert check_slot(clinic_week(), at(SUNDAY, "09:00"), now=NOW) is Refusal.CLOSED


def test_a_closed_day_exception_closes_a_normal_day() -> None:
    closed = {TUESDAY: ()}
    assert offered(clinic_week(), TUESDAY, exceptions=closed) == []
    assert check_slot(clinic_week(), at(TUESDAY, "09:00"), now=NOW, exceptions=closed) is (
        Refusal.CLOSED
    )


def test_a_one_off_exception_gives_other_hours_even_on_a_holiday() -> None:
    special = {HOLIDAY: (hours("13:00", "14:00"),), SATURDAY: (hours("15:00", "16:00"),)}
    assert clock_times(offered(clinic_week(), HOLIDAY, exceptions=special), HOLIDAY) == [
        "13:00",
        "13:30",
    ]
    assert clock_times(offered(clinic_week(), SATURDAY, exceptions=special), SATURDAY) == [
        "15:00",
        "15:30",
    ]
    assert check_slot(clinic_week(), at(SATURDAY, "09:00"), now=NOW, exceptions=special) is (
        Refusal.NOT_A_SLOT
    )


def test_a_resource_s_own_exception_wins_over_the_clinic_s() -> None:
    merged = merged_exceptions({TUESDAY: ()}, {TUESDAY: (hours("09:00", "10:00"),)})
    assert clock_times(offered(clinic_week(), TUESDAY, exceptions=merged), TUESDAY) == [
        "09:00",
        "09:30",
    ]


def test_a_start_outside_the_hours_or_between_slots_is_not_a_slot() -> None:
    week = clinic_week()
    assert check_slot(week, at(TUESDAY, "12:30"), now=NOW) is Refusal.NOT_A_SLOT
    assert check_slot(week, at(TUESDAY, "09:10"), now=NOW) is Refusal.NOT_A_SLOT
    assert check_slot(week, at(TUESDAY, "17:45"), now=NOW) is Refusal.NOT_A_SLOT


def test_a_taken_interval_is_not_offered_and_is_refused_as_taken() -> None:
    taken = [(at(TUESDAY, "09:30"), at(TUESDAY, "10:00"))]
    assert "09:30" not in clock_times(offered(clinic_week(), TUESDAY, taken=taken), TUESDAY)
    assert check_slot(clinic_week(), at(TUESDAY, "09:30"), now=NOW, taken=taken) is Refusal.TAKEN


def test_a_taken_interval_off_the_grid_blocks_every_slot_it_overlaps() -> None:
    taken = [(at(TUESDAY, "09:15"), at(TUESDAY, "10:15"))]
    left = clock_times(offered(clinic_week(), TUESDAY, taken=taken), TUESDAY)
    assert left[:2] == ["10:30", "11:00"]


def test_the_next_free_slots_after_a_wanted_time_come_in_order_and_limited() -> None:
    taken = [(at(TUESDAY, "09:30"), at(TUESDAY, "10:00"))]
    nxt = free_slots(
        clinic_week(),
        now=NOW,
        first_day=TUESDAY,
        last_day=TUESDAY + timedelta(days=14),
        taken=taken,
        after=at(TUESDAY, "09:30"),
        limit=3,
    )
    assert [s.starts_at for s in nxt] == [
        at(TUESDAY, "10:00"),
        at(TUESDAY, "10:30"),
        at(TUESDAY, "11:00"),
    ]


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        check_slot(clinic_week(), datetime(2026, 11, 24, 9, 0), now=NOW)
    with pytest.raises(ValueError, match="aware"):
        free_slots(clinic_week(), now=datetime(2026, 11, 20), first_day=TUESDAY, last_day=TUESDAY)


def test_an_availability_refuses_overlapping_periods_an_unknown_zone_and_six_days() -> None:
    with pytest.raises(ValidationError):
        clinic_week(weekly=((hours("09:00", "12:00"), hours("11:00", "13:00")),) * 7)
    with pytest.raises(ValidationError):
        clinic_week(tz="Mars/Olympus")
    with pytest.raises(ValidationError):
        clinic_week(weekly=(WEEKDAY,) * 6)
    with pytest.raises(ValidationError):
        hours("12:00", "09:00")


def test_offers_of_several_resources_give_one_per_time_the_first_resource_first() -> None:
    a = offered(clinic_week(), TUESDAY)
    b = offered(clinic_week(weekly=((hours("08:30", "09:30"),),) * 7), TUESDAY)
    merged = merge_offers({2: b, 1: a})
    starts = [s.starts_at.astimezone(TOKYO).strftime("%H:%M") for _, s in merged]
    assert starts[:4] == ["08:30", "09:00", "09:30", "10:00"]
    assert [key for key, _ in merged[:3]] == [2, 1, 1]
    assert len(starts) == len(set(starts))


def test_stored_hours_are_read_from_pairs_and_bad_ones_refused() -> None:
    week = week_from_pairs([[["14:00", "18:00"], ["09:00", "12:00"]]] + [[]] * 6)
    assert week[0] == WEEKDAY
    with pytest.raises(ValueError):
        hours_from_pairs([["25:00", "26:00"]])
    with pytest.raises(ValueError):
        hours_from_pairs([["09:00"]])
