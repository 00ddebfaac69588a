"""How the hours page reads: each entry's week as 「月 9:00-12:00 14:00-18:00」, its rules in
words (「2時間前まで」, 「30日先まで」), the closed days and one-off hours to come, and the bookings
left outside the hours (when and with whom only: no name, no health record)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hizakoshi.clinic.booking.presenters import STATUS_LABELS, slot_label
from hizakoshi.clinic.models import Availability, Booking, DayException
from hizakoshi.site.templatetags.dates import WEEKDAYS_EN, WEEKDAYS_JA, short_day_text

MINUTES_AN_HOUR = 60
HOURS_A_DAY = 24


def _weekday(index: int, lang: str) -> str:
    return WEEKDAYS_JA[index] if lang == "ja" else WEEKDAYS_EN[index]


def _clock(text: str) -> str:
    """09:00 as 9:00."""
    hour, _sep, minute = text.partition(":")
    return f"{int(hour)}:{minute}"


def periods_text(periods: Sequence[Sequence[str]]) -> str:
    return " ".join(f"{_clock(a)}-{_clock(b)}" for a, b in periods)


def week_lines(weekly: Sequence[Sequence[Sequence[str]]], lang: str) -> list[str]:
    """One line a weekday, Monday first: 「月 9:00-12:00 14:00-18:00」, 「日 休み」."""
    return [
        f"{_weekday(index, lang)} {periods_text(day) if day else _('closed')}"
        for index, day in enumerate(weekly)
    ]


def minutes_text(minutes: int) -> str:
    """120 as 「2時間」, 1440 as 「1日」, 90 as 「1時間 30分」, 0 as 「0分」."""
    hours, mins = divmod(minutes, MINUTES_AN_HOUR)
    days, hours = divmod(hours, HOURS_A_DAY)
    parts = []
    if days:
        parts.append(ngettext("%(n)d day", "%(n)d days", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if mins or not parts:
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", mins) % {"n": mins})
    return " ".join(parts)


def before_text(minutes: int) -> str:
    """How long before the start: 「2時間前まで」, or 「開始まで」 for none."""
    if not minutes:
        return _("up to the start")
    return _("until %(time)s before") % {"time": minutes_text(minutes)}


def price_text(row: Availability) -> str:
    if row.price_yen is None:
        return _("not shown")
    shown = _("%(yen)s yen") % {"yen": f"{row.price_yen:,}"}
    return f"{shown} ({row.price_note})" if row.price_note else shown


def entry_row(row: Availability, lang: str) -> dict[str, Any]:
    return {
        "pk": row.pk,
        "label": row.label,
        "active": row.active,
        "week": week_lines(row.weekly, lang),
        "slot": minutes_text(row.slot_minutes),
        "buffer": minutes_text(row.buffer_minutes),
        "lead": before_text(row.lead_minutes),
        "horizon": ngettext("up to %(n)d day ahead", "up to %(n)d days ahead", row.horizon_days)
        % {"n": row.horizon_days},
        "holidays": _("open") if row.open_on_holidays else _("closed"),
        "change_until": before_text(row.change_until_minutes),
        "confirm": _("the clinic confirms") if row.confirm_by_staff else _("confirmed at once"),
        "price": price_text(row),
    }


def entry_rows(rows: Iterable[Availability], lang: str) -> list[dict[str, Any]]:
    return [entry_row(row, lang) for row in rows]


def day_rows(rows: Iterable[DayException]) -> list[dict[str, Any]]:
    return [
        {
            "pk": row.pk,
            "day": row.day,
            "label": short_day_text(row.day),
            "scope": row.resource.label if row.resource else _("the whole clinic"),
            "hours": periods_text(row.hours) if row.hours else _("closed all day"),
            "closed": not row.hours,
            "note": row.note,
        }
        for row in rows
    ]


def outside_rows(bookings: Iterable[Booking]) -> list[dict[str, Any]]:
    """When and with whom, and the booking's state: enough to find it in the calendar."""
    return [
        {
            "pk": booking.pk,
            "when": f"{slot_label(booking.starts_at)}–{timezone.localtime(booking.ends_at):%H:%M}",
            "resource": booking.resource.label,
            "status": STATUS_LABELS.get(booking.status, booking.status),
        }
        for booking in bookings
    ]
