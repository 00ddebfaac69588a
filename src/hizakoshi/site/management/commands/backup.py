"""`hizakoshi backup [--to DIR]`: one backup file of the database (see site/backups.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hizakoshi.site import backups


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: online backup API; PostgreSQL: pg_dump -Fc) into one "
        "file named by the UTC time, 0600. Prints the file's path."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--to",
            type=Path,
            default=None,
            metavar="DIR",
            help="folder for the backup (default: backups/ in the data folder)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = backups.backup(options["to"] or backups.default_folder())
        self.stdout.write(str(path))
