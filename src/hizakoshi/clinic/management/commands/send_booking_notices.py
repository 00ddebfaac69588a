"""`hizakoshi send_booking_notices`: the clinic's e-mails about bookings that are still unsent.

Each notice (a person booked, moved or cancelled) is sent once at the moment of the change,
after its commit (clinic/booking/notices.py). This job, from cron every 15 minutes, sends what
is left: a send that failed (the mail server was down), or one a task queue never ran. Each is
claimed before it is sent, so several servers running this at once, or this and the first
send, send it once. A notice is tried up to the core's limit and not once its consultation has
begun (care.booking); the command exits 1 when any failed, so that cron reports it. Runs the
task through django-tasks: with a worker backend the sends are queued instead (counted as
queued).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from hizakoshi.clinic.booking.selectors import notices_due
from hizakoshi.clinic.booking.tasks import outcome_of, send_booking_notice


class Command(BaseCommand):
    help = "E-mail the clinic the booking notices not sent yet (run every 15 minutes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="say how many are waiting, send nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        due = notices_due(now=timezone.now())
        if options["dry_run"]:
            self.stdout.write(f"Would send {len(due)} booking notice(s) to clinics.")
            return
        outcomes = Counter(outcome_of(send_booking_notice, pk) for pk in due)
        self.stdout.write(
            f"Sent {outcomes['sent']} booking notice(s) to clinics; failed {outcomes['failed']}, "
            f"skipped {outcomes['skipped']}, queued {outcomes['queued']}."
        )
        if outcomes["failed"]:
            raise CommandError(f"{outcomes['failed']} booking notice(s) could not be sent")
