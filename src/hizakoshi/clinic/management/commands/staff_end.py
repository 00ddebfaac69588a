"""`hizakoshi staff_end --email`: end a staff member's membership and every session of theirs
at once. The account stays (the person may also use the app as a patient); the end is on the
audit trail."""

from __future__ import annotations

from typing import Any

from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    no_translations,
)
from django.utils import timezone

from hizakoshi.clinic.members.services import membership_end
from hizakoshi.clinic.staff.selectors import live_membership_by_email

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = "End a clinic staff member's membership; they are logged out everywhere at once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="their login address")

    @no_translations  # Django's commands speak English (cli.py), whatever LANGUAGE_CODE
    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip()
        membership = live_membership_by_email(email)
        if membership is None:
            raise CommandError(
                f"--email: no live staff membership for {email}", returncode=EXIT_BAD_INPUT
            )
        ended = membership_end(membership=membership, by=None, now=timezone.now())
        self.stdout.write(
            f"ended the membership of {email} at clinic {membership.clinic.code}; "
            f"{ended} session(s) logged out"
        )
