"""`hizakoshi send_reminders`: e-mail everyone whose session time falls in the current slot.

Meant to run from cron (or a systemd timer) every `--every` minutes: the day is cut into slots of
that length starting at midnight (Japanese time), and one run sends to the people whose time is in
the slot that contains "now". Each session time belongs to exactly one slot, so a person gets one
e-mail a day as long as the command runs once per slot. `--every 1440` sends to everyone with a
time set, once.

Safe to run on every server of a deployment at the same moment: each e-mail is claimed before it
is sent (journey/reminders/services.py, site/jobs.py), so a person gets one a day however many
servers run it. The claims of more than --keep-days days ago are deleted at the end of each run.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_tasks import TaskResultStatus

from hizakoshi.journey.reminders.selectors import reminder_recipients
from hizakoshi.journey.reminders.services import REMINDER_JOB
from hizakoshi.journey.reminders.tasks import send_session_reminder
from hizakoshi.site.jobs import job_claims_prune

MINUTES_A_DAY = 24 * 60


def slot_of(moment: datetime, every: int) -> tuple[time, time | None]:
    """The [start, end) slot of `every` minutes containing `moment` in local time; end None =
    midnight."""
    local = timezone.localtime(moment)
    minute = local.hour * 60 + local.minute
    first = minute - minute % every
    last = first + every
    starts = time(first // 60, first % 60)
    ends = None if last >= MINUTES_A_DAY else time(last // 60, last % 60)
    return starts, ends


def _days(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise CommandError(f"--keep-days takes whole days, not {raw!r}") from None
    if value < 1:
        # A claim must outlive its own day, or a second run that day would send again.
        raise CommandError("--keep-days must be at least 1")
    return value


def _minutes(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise CommandError(f"--every takes whole minutes, not {raw!r}") from None
    if not 1 <= value <= MINUTES_A_DAY or MINUTES_A_DAY % value:
        raise CommandError("--every must divide the day evenly (for example 5, 15, 30, 60, 1440)")
    return value


class Command(BaseCommand):
    help = (
        "Send the daily e-mail reminder to everyone whose session time is in the current slot "
        "(run it every --every minutes)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            default="15",
            help="slot length in minutes; run the command this often (default: %(default)s)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="say how many people would get an e-mail, send nothing",
        )
        parser.add_argument(
            "--keep-days",
            default="30",
            help="delete the sent-reminder claims older than this many days (default: "
            "%(default)s, at least 1)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every = _minutes(str(options["every"]))
        keep_days = _days(str(options["keep_days"]))
        now = timezone.now()
        starts, ends = slot_of(now, every)
        shown_end = "24:00" if ends is None else f"{ends:%H:%M}"
        slot = f"{starts:%H:%M}-{shown_end}"
        # Only ids are read here: no e-mail address is printed, even in a dry run.
        ids = list(reminder_recipients(starts=starts, ends=ends).values_list("pk", flat=True))
        if options["dry_run"]:
            self.stdout.write(f"Would send {len(ids)} reminder(s) for {slot}.")
            return
        outcomes = Counter(_send(pk) for pk in ids)
        job_claims_prune(name=REMINDER_JOB, before=now - timedelta(days=keep_days))
        self.stdout.write(
            f"Sent {outcomes['sent']} reminder(s) for {slot}; not needed {outcomes['skipped']}, "
            f"queued {outcomes['queued']}, failed {outcomes['failed']}."
        )
        if outcomes["failed"]:
            # A non-zero exit makes cron report it; the task backend has logged each error.
            raise CommandError(f"{outcomes['failed']} reminder(s) could not be sent")


def _send(person_id: int) -> str:
    result = send_session_reminder.enqueue(person_id)
    # The immediate backend has run it already; a queueing backend runs it later.
    if result.status == TaskResultStatus.SUCCESSFUL:
        return "sent" if result.return_value else "skipped"
    return "failed" if result.status == TaskResultStatus.FAILED else "queued"
