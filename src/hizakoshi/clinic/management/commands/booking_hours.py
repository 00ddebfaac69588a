"""`hizakoshi booking_hours`: what a staff member or room offers for consultations.

    hizakoshi booking_hours --clinic HIZA01 --label "山田(医師)" \\
        --week "mon-fri 09:00-12:00 14:00-18:00; sat 09:00-12:00" \\
        --slot 30 --buffer 0 --lead 120 --horizon 30 --change-until 1440 --price 0
    hizakoshi booking_hours --clinic HIZA01 --label "山田(医師)" --off      # stop taking bookings
    hizakoshi booking_hours --clinic HIZA01 --closed 2026-12-29 --closed 2027-01-03
    hizakoshi booking_hours --clinic HIZA01 --label "山田(医師)" --day 2026-12-26=09:00-12:00

A label names one availability of the clinic: given again, it is changed. Minutes for --slot,
--buffer, --lead (how long before the start a person may still book) and --change-until (until
how long before the start they may move or cancel it themself). --closed closes a whole day
for the clinic (every label); --day gives one label other hours on one day. Public holidays
are closed unless --open-on-holidays. Bad input: a message and exit code 2; nothing changes.

The writes are the hours page's own (clinic/hours/services.py, also at /clinic/hours/): the same
checks, the same rows, each change on the audit trail as made from the command line.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone, translation

from hizakoshi.clinic.hours.services import (
    COMMAND,
    DAY_CODES,
    HoursRefused,
    availability_put,
    day_set,
)
from hizakoshi.clinic.models import Availability, Clinic

DAYS = DAY_CODES  # mon ... sun, as the audit trail writes them
PERIOD = re.compile(r"^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$")
NUMBERS = {
    "slot": "slot_minutes",
    "buffer": "buffer_minutes",
    "lead": "lead_minutes",
    "horizon": "horizon_days",
    "change_until": "change_until_minutes",
}


def bad(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def periods(words: list[str]) -> list[list[str]]:
    found = []
    for word in words:
        match = PERIOD.match(word)
        if not match:
            raise bad(f"{word!r} is not a period like 09:00-12:00")
        found.append([match.group(1).zfill(5), match.group(2).zfill(5)])
    return found


def parse_week(text: str) -> list[list[list[str]]]:
    """ "mon-fri 09:00-12:00 14:00-18:00; sat 09:00-12:00" as seven lists, Monday first."""
    week: list[list[list[str]]] = [[] for _ in DAYS]
    for part in filter(None, (p.strip() for p in text.split(";"))):
        days, *words = part.split()
        first, _, last = days.lower().partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise bad(f"{days!r}: days are {', '.join(DAYS)}, or a range like mon-fri")
        chosen = range(DAYS.index(first), DAYS.index(last or first) + 1)
        for index in chosen:
            week[index] = periods(words)
    return week


class Command(BaseCommand):
    help = "Set what a staff member or room offers for consultations, and closed days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--clinic", required=True, help="the clinic's code")
        parser.add_argument("--label", help="who or which room, as staff see it")
        parser.add_argument(
            "--week", help='e.g. "mon-fri 09:00-12:00 14:00-18:00; sat 09:00-12:00"'
        )
        for name in NUMBERS:
            parser.add_argument(f"--{name.replace('_', '-')}", type=int, dest=name)
        parser.add_argument("--price", type=int, help="yen, shown as a plain fact (0 is shown)")
        parser.add_argument("--price-note", help="a plain note on the cost")
        parser.add_argument("--confirm-by-staff", action="store_true")
        parser.add_argument("--open-on-holidays", action="store_true")
        parser.add_argument("--off", action="store_true", help="stop taking bookings")
        parser.add_argument("--closed", action="append", default=[], help="YYYY-MM-DD")
        parser.add_argument("--day", action="append", default=[], help="YYYY-MM-DD=09:00-12:00")

    def handle(self, *args: Any, **options: Any) -> None:
        clinic = Clinic.objects.filter(code=str(options["clinic"]).strip().upper()).first()
        if clinic is None:
            raise bad(f"no clinic has the code {options['clinic']!r}")
        now = timezone.now()
        try:
            with translation.override("en"), transaction.atomic():
                resource = self._resource(clinic, options, now) if options["label"] else None
                for raw in options["closed"]:
                    day_set(clinic=clinic, day=_day(raw), hours=[], actor=COMMAND, now=now)
                for raw in options["day"]:
                    if resource is None:
                        raise bad("--day needs --label: whose hours change that day")
                    when, _, hours = raw.partition("=")
                    pairs = periods(hours.split(",")) if hours else []
                    try:
                        day_set(
                            clinic=clinic,
                            day=_day(when),
                            hours=pairs,
                            resource_id=resource.pk,
                            actor=COMMAND,
                            now=now,
                        )
                    except HoursRefused as refused:
                        raise bad(f"--day {raw}: {refused}") from None
        except HoursRefused as refused:
            raise bad(f"{options['label'] or clinic.code}: {refused}") from None
        self.stdout.write(f"Booking hours of {clinic.code} saved.")

    def _resource(self, clinic: Clinic, options: dict[str, Any], now: datetime) -> Availability:
        label = str(options["label"]).strip()[:60]
        values: dict[str, Any] = {
            "confirm_by_staff": bool(options["confirm_by_staff"]),
            "open_on_holidays": bool(options["open_on_holidays"]),
            "active": not options["off"],
        }
        if options["week"]:
            values["weekly"] = parse_week(options["week"])
        for name, field in NUMBERS.items():
            if options[name] is not None:
                values[field] = options[name]
        if options["price"] is not None:
            values["price_yen"] = options["price"]
        if options["price_note"] is not None:
            values["price_note"] = options["price_note"]
        return availability_put(clinic=clinic, label=label, values=values, actor=COMMAND, now=now)


def _day(raw: str) -> date:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise bad(f"{raw!r} is not a day like 2026-12-29") from None
