"""Writes of a clinician's notes to the person: one written (by the clinic's plan services),
one dismissed by the person. Keyword-only arguments."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import NOTE_MAX_LENGTH, ClinicianNote


class NoteRefused(ValueError):
    """An empty note, or one longer than NOTE_MAX_LENGTH: the form says so before this."""


def _stored(field: str) -> int:
    # The labels are copies of what the clinic calls itself and its member: cut to their column.
    return int(getattr(ClinicianNote._meta.get_field(field), "max_length", 0) or 0)


@transaction.atomic
def clinician_note_create(
    *,
    person: User,
    text: str,
    written_by: User | None,
    by_label: str,
    clinic_name: str,
    now: datetime | None = None,
) -> ClinicianNote:
    text = text.strip()
    if not text or len(text) > NOTE_MAX_LENGTH:
        raise NoteRefused(f"a note has 1 to {NOTE_MAX_LENGTH} characters")
    return ClinicianNote.objects.create(
        person=person,
        text=text,
        written_by=written_by,
        by_label=by_label[: _stored("by_label")],
        clinic_name=clinic_name[: _stored("clinic_name")],
        created_at=now or timezone.now(),
    )


@transaction.atomic
def clinician_note_mark_seen(*, person: User, note_id: int, now: datetime | None = None) -> None:
    """The person has read the note: it leaves Today (it stays in their records and export)."""
    ClinicianNote.objects.filter(pk=note_id, person=person, seen_at__isnull=True).update(
        seen_at=now or timezone.now()
    )
