"""Dates as a person reads them: 2026年12月2日 in Japanese, "2 December 2026" in English.

`{{ day|longdate }}` gives the full date; `{{ day|shortday }}` the month and day with the weekday
(12月3日(木), "Thu 3 December") where the weekday helps, as in the diary's week;
`long_day_time_text` both with the year and the clock (2026年12月3日(木) 14:00). Datetimes are
shown in the site's time zone (Japan) first. The wording is fixed here rather than left to
Django's locale formats, so every page says it the same way. A date never breaks across lines
(「2026年12」「月2日」): each comes wrapped in <span class="nowrap">.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

from hizakoshi.care.dates import MONTHS, long_date_en, long_date_ja

register = template.Library()

WEEKDAYS_JA = "月火水木金土日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, date) else None


def _japanese() -> bool:
    return (translation.get_language() or "ja").startswith("ja")


def _nowrap(text: str) -> SafeString:
    return format_html('<span class="nowrap">{}</span>', text) if text else SafeString("")


def long_date_text(value: object) -> str:
    day = _day(value)
    if day is None:
        return ""
    return long_date_ja(day) if _japanese() else long_date_en(day)


def short_day_text(value: object) -> str:
    day = _day(value)
    if day is None:
        return ""
    if _japanese():
        return f"{day.month}月{day.day}日({WEEKDAYS_JA[day.weekday()]})"
    return f"{WEEKDAYS_EN[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def long_day_time_text(value: datetime) -> str:
    """2026年12月3日(木) 14:00, "Thu 3 December 2026 14:00": the full date with the weekday and
    the clock, for a moment read away from any calendar (an e-mail to the clinic)."""
    at = timezone.localtime(value) if timezone.is_aware(value) else value
    day = at.date()
    if _japanese():
        return f"{long_date_ja(day)}({WEEKDAYS_JA[day.weekday()]}) {at:%H:%M}"
    return f"{WEEKDAYS_EN[day.weekday()]} {long_date_en(day)} {at:%H:%M}"


@register.filter
def longdate(value: object) -> SafeString:
    return _nowrap(long_date_text(value))


@register.filter
def shortday(value: object) -> SafeString:
    return _nowrap(short_day_text(value))


@register.filter
def longdatetime(value: object) -> SafeString:
    if not isinstance(value, datetime):
        return longdate(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return _nowrap(f"{long_date_text(local)} {local:%H:%M}")
