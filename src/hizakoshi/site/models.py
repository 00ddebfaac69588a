"""Run-once claims for scheduled jobs (site/jobs.py).

Several servers may run the same cron job at the same moment; a row here says that one of them
has taken one unit of a job's work (say, today's reminder to one person). The unique constraint
is the whole mechanism: the database lets exactly one INSERT of a (name, key) pair succeed,
whichever process sends it first, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from django.db import models


class JobClaim(models.Model):
    # The job ("session_reminder") and the unit of its work ("17:2025-05-12"): ids and dates
    # only, never an e-mail address or anything a person wrote.
    name = models.CharField(max_length=64)
    key = models.CharField(max_length=200)
    claimed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "key"], name="hizakoshi_site_jobclaim_once"),
        ]
        indexes = [models.Index(fields=["name", "claimed_at"], name="hizakoshi_site_jobclaim_age")]

    def __str__(self) -> str:
        return f"{self.name} {self.key}"
