"""A clinic that takes bookings, for the booking tests: one doctor's consultations on weekdays
09:00-12:00 and 14:00-18:00 and Saturday mornings, 30-minute slots, no lead time, 30 days
ahead, changes until 24 hours before; the consultation costs 0 yen."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.clinic.booking.services import Asked, Made, booking_create
from hizakoshi.clinic.models import Availability, Clinic

WEEKDAY = [["09:00", "12:00"], ["14:00", "18:00"]]
WEEK = [WEEKDAY] * 5 + [[["09:00", "12:00"]], []]


def availability(clinic: Clinic, **changes: Any) -> Availability:
    values: dict[str, Any] = {
        "clinic": clinic,
        "label": "山田(医師)",
        "weekly": WEEK,
        "slot_minutes": 30,
        "buffer_minutes": 0,
        "lead_minutes": 0,
        "horizon_days": 30,
        "change_until_minutes": 24 * 60,
        "price_yen": 0,
        "created_at": timezone.now(),
    }
    return Availability.objects.create(**(values | changes))


def next_weekday(after: date | None = None, weekday: int = 1) -> date:
    """The next given weekday (Tuesday by default) at least two days after `after` (today),
    that is not a public holiday."""
    from hizakoshi.care.booking import japanese_holidays

    day = (after or timezone.localdate()) + timedelta(days=2)
    while day.weekday() != weekday or day in japanese_holidays(day, day):
        day += timedelta(days=1)
    return day


def at(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), timezone.get_default_timezone())


def asked(resource: Availability, starts_at: datetime, **changes: Any) -> Asked:
    values: dict[str, Any] = {
        "resource_id": resource.pk,
        "starts_at": starts_at,
        "name": "山田 花子",
        "name_kana": "やまだ はなこ",
        "phone": "09012345678",
        "email": "hanako.yamada@example.jp",
        "contact_by": "email",
        "message": "",
        "lang": "ja",
        "selfcheck": None,
    }
    return Asked(**(values | changes))


def booked(
    resource: Availability,
    starts_at: datetime,
    *,
    key: str = "",
    person: User | None = None,
    **changes: Any,
) -> Made:
    return booking_create(
        clinic=resource.clinic,
        asked=asked(resource, starts_at, **changes),
        idempotency_key=key or f"test-key-{starts_at:%Y%m%d%H%M}-{changes.get('name', 'x')}",
        person=person,
        now=timezone.now(),
    )


def site_clinic(**changes: Any) -> Clinic:
    """The site's own clinic (settings.HIZAKOSHI_CLINIC_CODE), which booking offers anyone."""
    return Clinic.objects.create(
        code=settings.HIZAKOSHI_CLINIC_CODE,
        name="ひざこし整形外科",
        phone="03-1234-5678",
        address="東京都千代田区1-1",
        created_at=timezone.now(),
        **changes,
    )
