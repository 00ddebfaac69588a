"""A run-once guard for scheduled jobs that several servers may run at the same time.

Two servers behind one proxy both run the same crontab, so every job starts twice at the same
moment. A job that must do each unit of its work once (one reminder e-mail per person per day)
claims the unit first and does it only if the claim is its own:

    if job_claim(name="session_reminder", key=f"{person.pk}:{day}", now=now):
        send()                                   # no other process got this key
    ...
    job_claims_prune(name="session_reminder", before=now - timedelta(days=30))

A claim is one INSERT in its own transaction (a savepoint inside a caller's transaction); the
unique constraint on (name, key) makes the database refuse every INSERT of the pair but the
first, whichever process sent it, so no lock is held while the work is done and no clock is
compared. Claim before the work: a process that dies between claim and work leaves the unit
undone (at most once), which for an e-mail is better than sending it twice. A job whose work
failed in a way worth retrying calls job_claim_release, so the next run may claim the unit again.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction

from hizakoshi.site.models import JobClaim


def job_claim(*, name: str, key: str, now: datetime) -> bool:
    """Claim one unit of a job's work; True if this call got it, False if someone had it."""
    try:
        with transaction.atomic():
            JobClaim.objects.create(name=name, key=key, claimed_at=now)
    except IntegrityError:
        return False
    return True


def job_claim_release(*, name: str, key: str) -> None:
    """Give a claim back (the work failed), so that a later run may claim and do it again."""
    JobClaim.objects.filter(name=name, key=key).delete()


def job_claims_prune(*, name: str, before: datetime) -> int:
    """Delete the job's claims made before `before`; how many were deleted.

    Keep claims at least as long as a unit could be claimed again: a reminder's key names its
    day, so pruning claims older than a day or more never lets a reminder go out twice.
    """
    deleted, _ = JobClaim.objects.filter(name=name, claimed_at__lt=before).delete()
    return deleted
