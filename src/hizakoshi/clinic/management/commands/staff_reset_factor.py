"""`hizakoshi staff_reset_factor --email`: a staff member lost their phone (or their recovery
codes). Their authenticator app and recovery codes stop working, they are logged out everywhere,
and a new setup code is printed, for the clinic admin to hand over in person once they have
made sure who is asking; with it the member sets up a new app at their next login. The reset is
on the audit trail."""

from __future__ import annotations

from typing import Any

from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    no_translations,
)
from django.utils import timezone

from hizakoshi.clinic.members.services import second_factor_reset
from hizakoshi.clinic.staff.presenters import setup_code_handover
from hizakoshi.clinic.staff.selectors import live_membership_by_email

EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Reset a clinic staff member's second factor (a lost phone): their app and recovery "
        "codes stop working, they are logged out everywhere, and a new setup code is printed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="their login address")

    @no_translations  # Django's commands speak English (cli.py), whatever LANGUAGE_CODE
    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip()
        membership = live_membership_by_email(email)
        done = (
            second_factor_reset(membership=membership, now=timezone.now())
            if membership is not None
            else None
        )
        if membership is None or done is None:
            raise CommandError(
                f"--email: no live staff membership for {email}", returncode=EXIT_BAD_INPUT
            )
        issued, ended = done
        self.stdout.write(
            f"reset the second factor of {email} at clinic {membership.clinic.code}: app and "
            f"recovery codes removed; {ended} session(s) logged out\n"
            + setup_code_handover(issued.code, issued.expires_at)
        )
