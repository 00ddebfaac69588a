"""Slots do not depend on the server's own time zone or clock: the same answer with the process
in UTC, in New York (which keeps daylight-saving time) and in Tokyo; a person whose phone is in
a zone with daylight-saving time books the same instant."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from hizakoshi.care.booking import Slot, check_slot, free_slots, reminder_window

from .helpers import NOW, TOKYO, TUESDAY, at, clinic_week

LOS_ANGELES = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def server_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The process's local time zone (TZ), as a server set to it would have."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def week_of_slots() -> list[tuple[str, str]]:
    slots = free_slots(
        clinic_week(), now=NOW, first_day=NOW.date(), last_day=NOW.date() + timedelta(days=7)
    )
    return [(s.starts_at.astimezone(UTC).isoformat(), s.ends_at.isoformat()) for s in slots]


TOKYO_ANSWER = week_of_slots()


@pytest.mark.parametrize("server_zone", ["UTC", "America/New_York", "Asia/Tokyo"], indirect=True)
def test_the_slots_are_the_same_whatever_the_server_s_time_zone(server_zone: str) -> None:
    local_names = {"UTC": {"UTC"}, "America/New_York": {"EST", "EDT"}, "Asia/Tokyo": {"JST"}}
    assert datetime.now().astimezone().tzname() in local_names[server_zone]
    assert week_of_slots() == TOKYO_ANSWER
    assert TOKYO_ANSWER[0][0] == "2026-11-20T02:00:00+00:00"  # 11:00 in Tokyo


def test_the_slots_depend_on_the_time_passed_in_not_on_the_clock() -> None:
    with time_machine.travel(datetime(2031, 1, 1, tzinfo=UTC), tick=False):
        assert week_of_slots() == TOKYO_ANSWER


def test_a_start_given_in_a_daylight_saving_zone_is_the_same_instant_in_tokyo() -> None:
    # 8 March 2026: Los Angeles moves its clocks forward; Tokyo keeps its own.
    now = datetime(2026, 3, 6, 12, 0, tzinfo=TOKYO)
    monday = datetime(2026, 3, 9).date()
    slots = free_slots(clinic_week(), now=now, first_day=monday, last_day=monday)
    first = slots[0]
    seen_in_la = first.starts_at.astimezone(LOS_ANGELES)
    assert (seen_in_la.day, seen_in_la.hour, seen_in_la.tzname()) == (8, 17, "PDT")
    assert check_slot(clinic_week(), seen_in_la, now=now) == first
    before_the_change = datetime(2026, 3, 6, 16, 0, tzinfo=LOS_ANGELES)  # PST, UTC-8
    assert before_the_change.astimezone(TOKYO).hour == 9
    assert isinstance(
        check_slot(clinic_week(), before_the_change, now=now - timedelta(days=2)), Slot
    )


def test_tokyo_slots_keep_their_wall_clock_time_across_the_year() -> None:
    for month in (1, 4, 7, 10):
        now = datetime(2026, month, 1, 0, 0, tzinfo=TOKYO)
        day = now.date() + timedelta(days=5)
        slots = free_slots(clinic_week(open_on_holidays=True), now=now, first_day=day, last_day=day)
        assert not slots or slots[0].starts_at.astimezone(TOKYO).hour == 9


def test_the_reminder_window_opens_the_day_before_at_nine_in_tokyo() -> None:
    opens, closes = reminder_window(starts_at=at(TUESDAY, "09:00"))
    assert opens == at(TUESDAY - timedelta(days=1), "09:00")
    assert opens.astimezone(UTC).hour == 0
    assert closes == at(TUESDAY, "09:00")
