"""`hizakoshi load_demo_clinic`: the demo clinic DEMO01, its two staff accounts and about 200
linked demo patients (clinic/demo/). `hizakoshi run` calls it after the journey's demo person."""

from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from hizakoshi.clinic.demo.people import DEMO_BOOKING_EMAIL, DEMO_CODE, PATIENTS
from hizakoshi.clinic.demo.services import demo_clinic_load

DEMO_BOOKING_LABEL = "相談(デモ)"


class Command(BaseCommand):
    help = (
        f"Create the demo clinic {DEMO_CODE} with a doctor, a physiotherapist and reception "
        "(TOTP second factor) and about 200 linked demo patients, and print the staff logins. "
        "Safe to run again: the patients are made afresh (histories ending today), never "
        "duplicated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="printed in front of the login link (default: %(default)s)",
        )
        parser.add_argument(
            "--patients",
            type=int,
            default=PATIENTS,
            help=f"how many demo patients, at most {PATIENTS} (default: %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        began = time.perf_counter()
        loaded = demo_clinic_load(count=options["patients"])
        # Consultation hours, so that a visitor can try booking from a result (the same command
        # a clinic uses; given again, the same label is changed, never duplicated).
        call_command(
            "booking_hours",
            clinic=DEMO_CODE,
            label=DEMO_BOOKING_LABEL,
            week="mon-fri 09:00-12:00 14:00-17:00; sat 09:00-12:00",
            slot=30,
            lead=120,
            horizon=30,
            change_until=1440,
            price=0,
            stdout=self.stdout,
        )
        took = time.perf_counter() - began
        base_url: str = options["base_url"].rstrip("/")
        lines = [
            f"Demo clinic {DEMO_CODE} (made-up patients, for trying the clinic area only):",
            f"  log in at {base_url}/accounts/login/, then the clinic area: {base_url}/clinic/",
        ]
        for member in loaded.staff:
            lines += [
                f"  {member.role}: e-mail {member.email}",
                f"    password:    {member.password()}   (demo only)",
                f"    TOTP secret: {member.totp_secret()}   (base32, for an authenticator app)",
            ]
        lines.append(
            "  the current code without an app: hizakoshi demo_totp --email <staff e-mail>"
        )
        lines.append(f"  bookings made, moved or cancelled are e-mailed to {DEMO_BOOKING_EMAIL}")
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(loaded.kinds.items()))
        counts = ", ".join(f"{k} {v}" for k, v in loaded.counts.items())
        lines.append(f"  patients: {kinds}")
        lines.append(f"  records:  {counts} ({took:.1f} s)")
        self.stdout.write("\n".join(lines))
