"""`hizakoshi purge_bookings`: delete the bookings kept long enough after their consultation
(90 days, care.booking.policy: a booking is personal information, kept while it serves the
consultation). Run daily from cron; safe to run again or on several servers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from hizakoshi.clinic.booking.services import bookings_purge


class Command(BaseCommand):
    help = "Delete bookings 90 days after their consultation."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = bookings_purge(now=timezone.now())
        self.stdout.write(f"Deleted {deleted} booking(s) past keeping.")
