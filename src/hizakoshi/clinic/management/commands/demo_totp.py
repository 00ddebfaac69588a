"""`hizakoshi demo_totp --email <staff e-mail>`: the current TOTP code of a demo clinic staff
account, for trying the clinic area without an authenticator app.

Refuses (exit code 2) for any account that is not one of the demo clinic's own staff, and when
the demo is not loaded. The demo is told apart as the journey's demo person is (journey/demo/
services.py): by its addresses at example.com, reserved by RFC 2606 and never a real person's,
here together with a live membership of the demo clinic DEMO01 that `hizakoshi run` makes.
A real staff member's code is never printed, whatever their clinic.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.clinic.demo.people import DEMO_CODE, demo_staff_for
from hizakoshi.clinic.demo.services import demo_clinic_get
from hizakoshi.clinic.models import Membership

EXIT_REFUSED = 2


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo clinic staff account (the demo only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="the demo staff member's e-mail")

    def handle(self, *args: Any, **options: Any) -> None:
        email: str = options["email"]
        clinic = demo_clinic_get()
        if clinic is None:
            raise CommandError(
                f"The demo is not loaded here (no clinic {DEMO_CODE}): `hizakoshi run` makes it.",
                returncode=EXIT_REFUSED,
            )
        member = demo_staff_for(email)
        live = (
            member is not None
            and Membership.objects.filter(
                user__email=member.email, clinic=clinic, ended_at__isnull=True
            ).exists()
        )
        device = (
            TOTPDevice.objects.filter(user__email=member.email, confirmed=True).first()
            if member is not None and live
            else None
        )
        if member is None or device is None:
            raise CommandError(
                f"{email} is not a demo staff account of {DEMO_CODE}: no code is printed.",
                returncode=EXIT_REFUSED,
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        self.stdout.write(f"{totp.token():0{device.digits}d}")
