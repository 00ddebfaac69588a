"""`hizakoshi send_booking_reminders`: the e-mail the day before each consultation booked.

Meant to run from cron every 15 minutes (it sends what is due, whenever it runs). A reminder is
due from 09:00 the day before until the start (care.booking.reminder_due), for a booking with an
e-mail address made before that. Each is claimed before it is sent (site/jobs.py), so several
servers running this at once send it once. A failed send is recorded on the booking (staff see
it in the calendar) and tried again at the next runs, up to the core's limit; the command exits
1 when any failed, so that cron reports it. Runs the task through django-tasks: with a worker
backend the sends are queued instead (then counted as queued).
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hizakoshi.clinic.booking.selectors import reminders_due
from hizakoshi.clinic.booking.services import REMINDER_JOB
from hizakoshi.clinic.booking.tasks import outcome_of, send_booking_reminder
from hizakoshi.site.jobs import job_claims_prune

KEEP_CLAIMS = timedelta(days=30)  # a claim names its booking's start: older ones serve nothing


class Command(BaseCommand):
    help = "E-mail the reminder the day before each booked consultation (run every 15 minutes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="say how many are due, send nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        due = reminders_due(now=now)
        if options["dry_run"]:
            self.stdout.write(f"Would send {len(due)} booking reminder(s).")
            return
        outcomes = Counter(outcome_of(send_booking_reminder, pk) for pk in due)
        job_claims_prune(name=REMINDER_JOB, before=now - KEEP_CLAIMS)
        self.stdout.write(
            f"Sent {outcomes['sent']} booking reminder(s); failed {outcomes['failed']}, "
            f"skipped {outcomes['skipped']}, queued {outcomes['queued']}."
        )
        if outcomes["failed"]:
            raise CommandError(f"{outcomes['failed']} booking reminder(s) could not be sent")
