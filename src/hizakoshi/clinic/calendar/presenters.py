"""How the calendar reads: each booking as a row (time, who, how to reach them, its state, the
reminder, the clinic's latest e-mail notice), the attached self-check in short for the roles that
see records, and the days."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.booking import may_mark_outcome, next_statuses
from hizakoshi.care.model import Lang
from hizakoshi.clinic.booking.presenters import STATUS_LABELS, selfcheck_summary, slot_label
from hizakoshi.clinic.models import Booking, BookingNotice
from hizakoshi.site.templatetags.dates import short_day_text

CONTACT_LABELS = {"phone": _("By phone"), "email": _("By e-mail"), "either": _("Either is fine")}
SENT_LABELS = {
    "pending": _("Not sent yet"),
    "sent": _("Sent"),
    "failed": _("Failed"),
    "none": _("None"),
}
NOTICE_LABELS = {
    "created": _("Booked by the person"),
    "moved": _("Moved by the person"),
    "cancelled": _("Cancelled by the person"),
}
SOURCE_LABELS = {
    "selfcheck": _("Self-check done just before booking"),
    "saved": _("Saved self-check result"),
    "journey": _("Latest self-check in the person's account"),
}
ACTION_LABELS = {
    "confirm": _("Confirm"),
    "attended": _("Attended"),
    "no_show": _("Did not come"),
    "cancel": _("Cancel the booking"),
}


def booking_row(booking: Booking, lang: Lang, *, with_summary: bool) -> dict[str, Any]:
    at = timezone.localtime(booking.starts_at)
    summary = selfcheck_summary(booking.selfcheck, lang) if with_summary else None
    if summary is not None:
        summary["source_label"] = SOURCE_LABELS.get(summary["source"], "")
    return {
        "pk": booking.pk,
        "time": f"{at:%H:%M}",
        "ends": f"{timezone.localtime(booking.ends_at):%H:%M}",
        "when": slot_label(booking.starts_at),
        "resource": booking.resource.label,
        "name": booking.name,
        "kana": booking.name_kana,
        "phone": booking.phone,
        "email": booking.email,
        "contact_by": CONTACT_LABELS.get(booking.contact_by, booking.contact_by),
        "message": booking.message,
        "status": booking.status,
        "status_label": STATUS_LABELS.get(booking.status, booking.status),
        "reminder": SENT_LABELS.get(booking.reminder_status, booking.reminder_status),
        "reminder_failed": booking.reminder_status == "failed",
        "reminder_error": booking.reminder_error,
        "reminder_attempts": booking.reminder_attempts,
        "mail": SENT_LABELS.get(booking.mail_status, booking.mail_status),
        "mail_failed": booking.mail_status == "failed",
        "mail_error": booking.mail_error,
        "has_selfcheck": booking.selfcheck is not None,
        "summary": summary,
        "account": booking.person_id is not None,
    }


def notice_row(notice: BookingNotice | None) -> dict[str, Any] | None:
    """The clinic's latest e-mail notice about the booking: what it told, whether it went."""
    if notice is None:
        return None
    return {
        "kind": NOTICE_LABELS.get(notice.kind, notice.kind),
        "sent": SENT_LABELS.get(notice.mail_status, notice.mail_status),
        "failed": notice.mail_status == "failed",
        "error": notice.error,
        "attempts": notice.attempts,
    }


def days_rows(
    bookings: list[Booking], first: date, last: date, lang: Lang, *, with_summary: bool
) -> list[dict[str, Any]]:
    """Every day from `first` to `last` with its bookings (a day without any says so)."""
    days: list[dict[str, Any]] = []
    day = first
    while day <= last:
        days.append({"day": day, "label": short_day_text(day), "rows": []})
        day += timedelta(days=1)
    by_day = {d["day"]: d for d in days}
    for booking in bookings:
        local_day = timezone.localtime(booking.starts_at).date()
        if local_day in by_day:
            by_day[local_day]["rows"].append(booking_row(booking, lang, with_summary=with_summary))
    return days


def actions_of(booking: Booking) -> list[dict[str, str]]:
    """What staff may do to the booking now, in the order the page shows the buttons."""
    allowed = {s.value for s in next_statuses(booking.status)}
    found = []
    if "confirmed" in allowed:
        found.append("confirm")
    if {"attended", "no_show"} <= allowed and may_mark_outcome(
        starts_at=booking.starts_at, now=timezone.now()
    ):
        found += ["attended", "no_show"]
    if "cancelled" in allowed:
        found.append("cancel")
    return [{"action": a, "label": str(ACTION_LABELS[a])} for a in found]
