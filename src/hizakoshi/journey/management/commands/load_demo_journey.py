"""`hizakoshi load_demo_journey`: the demo person with a year of history (journey/demo/)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hizakoshi.journey.demo.services import DEMO_EMAIL, demo_journey_load


class Command(BaseCommand):
    help = (
        f"Create the demo person {DEMO_EMAIL} with a year of made-up history and print the login. "
        "Safe to run again: the demo person is made afresh, never duplicated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="printed in front of the login link (default: %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        began = time.perf_counter()
        loaded = demo_journey_load()
        took = time.perf_counter() - began
        base_url: str = options["base_url"].rstrip("/")
        counts = ", ".join(f"{k} {v}" for k, v in loaded.counts.items())
        self.stdout.write(
            "Demo person (made-up data, for trying the app only; not a real account):\n"
            f"  log in at {base_url}/accounts/login/\n"
            f"  e-mail:   {DEMO_EMAIL}\n"
            f"  password: {loaded.password}   (demo only: never use it for a real account)\n"
            f"  records:  {counts} ({took:.1f} s)"
        )
