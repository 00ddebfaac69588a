"""`hizakoshi restore FILE --yes`: put a backup back, replacing every row (site/backups.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hizakoshi.site import backups


class Command(BaseCommand):
    help = "Restore the database from a file made by `hizakoshi backup` (replaces every row)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE", help="a file from hizakoshi backup")
        parser.add_argument("--yes", action="store_true", help="really replace the database")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError(backups.MSG_CONFIRM, returncode=backups.EXIT_BAD)
        backups.restore(options["file"])
        self.stdout.write(f"restored from {options['file']}")
