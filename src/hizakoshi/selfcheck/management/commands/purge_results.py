from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hizakoshi.selfcheck.consent import RETENTION_DAYS
from hizakoshi.selfcheck.services import results_purge


class Command(BaseCommand):
    help = (
        f"Delete saved self-check results past their expiry date ({RETENTION_DAYS} days after "
        "saving). Consent records stay, without health data. Run it daily (cron or a timer)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="only count what would be deleted"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        count = results_purge(dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(f"{verb} {count} expired saved result(s)")
