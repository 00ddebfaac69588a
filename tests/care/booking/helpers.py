"""A clinic's week for the booking tests: weekdays 09:00-12:00 and 14:00-18:00, Saturday
morning, Sunday closed; 30-minute slots. Now is Friday 20 November 2026, 10:00 in Tokyo (the
Monday after, 23 November, is a public holiday: 勤労感謝の日)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from hizakoshi.care.booking import Availability, Hours

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=TOKYO)
HOLIDAY = date(2026, 11, 23)  # a Monday
SATURDAY = date(2026, 11, 21)
SUNDAY = date(2026, 11, 22)
TUESDAY = date(2026, 11, 24)


def hours(opens: str, closes: str) -> Hours:
    return Hours(opens=time.fromisoformat(opens), closes=time.fromisoformat(closes))


WEEKDAY = (hours("09:00", "12:00"), hours("14:00", "18:00"))


def clinic_week(**changes: Any) -> Availability:
    values: dict[str, Any] = {
        "weekly": (WEEKDAY,) * 5 + ((hours("09:00", "12:00"),), ()),
        "slot_minutes": 30,
        "buffer_minutes": 0,
        "lead_minutes": 60,
        "horizon_days": 30,
    }
    return Availability(**(values | changes))


def at(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), TOKYO)


def clock_times(slots: list[Any], day: date) -> list[str]:
    return [f"{s.starts_at.astimezone(TOKYO):%H:%M}" for s in slots if s.starts_at.date() == day]
