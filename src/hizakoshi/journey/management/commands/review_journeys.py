"""`hizakoshi review_journeys`: the weekly plan review and the escalation review for everyone.

Meant to run once a day from cron (or a systemd timer), early in the morning in Japanese time:
a person who no longer opens the app still gets their plan reviewed when a week ends, and a
message for the clinician when the records call for one. Pages only read what it stored.
Idempotent (a second run the same day changes nothing) and safe to run twice at once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hizakoshi.journey.review.services import journeys_review


def _day(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CommandError(f"--today takes a date as YYYY-MM-DD, not {raw!r}") from None


class Command(BaseCommand):
    help = (
        "Run every due weekly plan review and escalation review for everyone with a journey "
        "(run it once a day)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            help="review as on this day, YYYY-MM-DD (default: today in Japanese time); "
            "to catch up on missed days, run it for each day in order",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        raw = options["today"]
        today = _day(raw) if raw else timezone.localdate()
        run = journeys_review(today=today)
        self.stdout.write(run.summary())
        if run.failures:
            # A non-zero exit makes cron report it; each failure is logged with the person's id.
            raise CommandError(f"the review failed for {run.failures} person(s)")
