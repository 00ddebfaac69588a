"""`hizakoshi staff_add --email --clinic-code --role --name`: a clinic staff account.

The password is asked for twice on the terminal (never given as an argument, where the shell's
history and the process list would keep it), or read from the first line of standard input with
--password-stdin (for a script). It must meet the staff rule (clinic/staff/passwords.py). Bad
input: exit 2 and one line naming each problem; nothing is made.

It prints a setup code once: the clinic admin hands it to the member in person, and the member
needs it (not only the password) to set up their authenticator app at their first login.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    no_translations,
)
from django.utils import timezone

from hizakoshi.clinic.members.services import staff_member_add
from hizakoshi.clinic.models import Role
from hizakoshi.clinic.staff.forms import StaffAddForm
from hizakoshi.clinic.staff.presenters import setup_code_handover

EXIT_BAD_INPUT = 2
MSG_NO_TERMINAL = (
    "no terminal to ask for the password on: give it on standard input with --password-stdin"
)
MSG_EMPTY_PASSWORD = "the password is empty"
MSG_MISMATCH = "the two passwords typed are not the same"


def bad_input(message: str) -> CommandError:
    return CommandError(message, returncode=EXIT_BAD_INPUT)


class Command(BaseCommand):
    help = (
        "Add a clinic staff member: an account (password: 13 or more characters with letters, "
        "numbers and symbols) and a membership of the clinic, and print the setup code they need "
        "to set up their authenticator app at their first login."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="their login address")
        parser.add_argument("--clinic-code", required=True, help="the clinic's code, e.g. CLINIC1")
        parser.add_argument("--role", required=True, help=f"one of {', '.join(Role.values)}")
        parser.add_argument("--name", required=True, help="the name patients see, e.g. 山田")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from the first line of standard input",
        )

    @no_translations  # Django's commands speak English (cli.py), whatever LANGUAGE_CODE
    def handle(self, *args: Any, **options: Any) -> None:
        password = self._password(options["password_stdin"])
        form = StaffAddForm(
            {
                "email": options["email"],
                "clinic_code": options["clinic_code"],
                "role": options["role"],
                "name": options["name"].strip(),
                "password": password,
            }
        )
        if not form.is_valid():
            problems = [
                f"--{field.replace('_', '-')}: {message}"
                for field, messages in form.errors.items()
                for message in messages
            ]
            raise bad_input("; ".join(problems))
        data = form.cleaned_data
        membership, issued = staff_member_add(
            email=data["email"],
            clinic=data["clinic_code"],
            role=data["role"],
            display_name=data["name"],
            password=data["password"],
            now=timezone.now(),
        )
        self.stdout.write(
            f"added {data['email']} to clinic {membership.clinic.code} as {membership.role}\n"
            + setup_code_handover(issued.code, issued.expires_at)
        )

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        elif not sys.stdin.isatty():
            raise bad_input(MSG_NO_TERMINAL)
        else:
            password = getpass.getpass("Password: ")
            if getpass.getpass("Password (again): ") != password:
                raise bad_input(MSG_MISMATCH)
        if not password:
            raise bad_input(MSG_EMPTY_PASSWORD)
        return password
