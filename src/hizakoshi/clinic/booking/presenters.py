"""How a booking reads: a slot as 12月3日(木) 14:00, slots grouped by day for the page, a slot's
value in a form, and an attached self-check as a short summary for the clinic."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.booking import Slot
from hizakoshi.care.model import Lang
from hizakoshi.selfcheck.presenters import result_view
from hizakoshi.site.templatetags.dates import short_day_text

STATUS_LABELS = {
    "pending": _("Waiting for the clinic to confirm"),
    "confirmed": _("Confirmed"),
    "cancelled": _("Cancelled"),
    "attended": _("Attended"),
    "no_show": _("Did not come"),
}
SLOT_VALUE = re.compile(r"^(\d{1,12})-(\d{12})$")


def local(moment: datetime) -> datetime:
    return timezone.localtime(moment)


def slot_label(moment: datetime) -> str:
    """12月3日(木) 14:00 in Japanese, Thu 3 December 14:00 in English (the current language)."""
    at = local(moment)
    return f"{short_day_text(at)} {at:%H:%M}"


def slot_value(resource_id: int, starts_at: datetime) -> str:
    """A slot in a form or URL: the resource and the start in the clinic's time."""
    return f"{resource_id}-{local(starts_at):%Y%m%d%H%M}"


def parse_slot_value(value: str) -> tuple[int, datetime] | None:
    found = SLOT_VALUE.match(value.strip())
    if found is None:
        return None
    try:
        naive = datetime.strptime(found.group(2), "%Y%m%d%H%M")
    except ValueError:
        return None
    return int(found.group(1)), naive.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def days_of(offers: list[tuple[int, Slot]]) -> list[dict[str, Any]]:
    """The free slots grouped by day, for the slot list."""
    days: dict[date, dict[str, Any]] = {}
    for resource_id, slot in offers:
        at = local(slot.starts_at)
        day = days.setdefault(
            at.date(), {"day": at.date(), "label": short_day_text(at), "slots": []}
        )
        day["slots"].append(
            {
                "value": slot_value(resource_id, slot.starts_at),
                "time": f"{at:%H:%M}",
                "label": slot_label(slot.starts_at),
            }
        )
    return list(days.values())


def selfcheck_summary(snapshot: dict[str, Any] | None, lang: Lang) -> dict[str, Any] | None:
    """What the clinic sees of an attached self-check: how urgent, the signs, what to tell the
    doctor, the likely pattern and what to address first."""
    if not snapshot or not isinstance(snapshot.get("assessment"), dict):
        return None
    view = result_view(snapshot["assessment"], lang)
    pattern = view.get("pattern") or {}
    priority = view.get("priority") or {}
    return {
        "source": snapshot.get("source", ""),
        "taken_at": _moment(snapshot.get("taken_at")),
        "urgency": view["triage"]["urgency"],
        "urgency_label": view["triage"]["label"],
        "headline": view["triage"].get("headline", ""),
        "signs": [hit["sign"] for hit in view["triage"].get("hits", [])],
        "for_doctor": view["triage"].get("for_doctor", [])
        if view["triage"]["self_care_paused"]
        else [],
        "pattern": pattern.get("label", ""),
        "likelihood": pattern.get("likelihood_label", ""),
        "first": priority.get("label", ""),
    }


def _moment(raw: Any) -> datetime | None:
    if not isinstance(raw, str):
        return None
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        return None
