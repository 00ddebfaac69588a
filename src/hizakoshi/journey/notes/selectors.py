"""Reads of a clinician's notes to the person."""

from __future__ import annotations

from django.db.models import QuerySet

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import ClinicianNote


def clinician_notes_unseen(*, person: User) -> QuerySet[ClinicianNote]:
    """The notes the person has not dismissed yet, newest first."""
    return ClinicianNote.objects.filter(person=person, seen_at__isnull=True).order_by(
        "-created_at", "-pk"
    )


def clinician_notes_recent(*, person: User, limit: int) -> list[ClinicianNote]:
    """The latest notes, read or not (the clinic's plan page lists what it wrote)."""
    return list(ClinicianNote.objects.filter(person=person).order_by("-created_at", "-pk")[:limit])
