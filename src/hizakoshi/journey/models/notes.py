"""A clinician's note to the person, shown on Today until the person dismisses it."""

# Model Meta lists are Django convention (the project ignores RUF012 in models.py files too).
# ruff: noqa: RUF012
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan, LessThanOrEqual

from hizakoshi.journey.models.base import person_field

NOTE_MAX_LENGTH = 500  # a few sentences: a longer message belongs in the consultation


class ClinicianNote(models.Model):
    """What a clinician wrote to the person, with who and from which clinic at the time (the
    labels survive the staff account and the clinic's renaming)."""

    person = person_field("clinician_notes")
    text = models.TextField(max_length=NOTE_MAX_LENGTH)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_label = models.CharField(max_length=80)  # 「山田(医師)」
    clinic_name = models.CharField(max_length=100)
    created_at = models.DateTimeField()
    seen_at = models.DateTimeField(null=True, blank=True)  # dismissed by the person

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=GreaterThan(Length("text"), 0)
                & LessThanOrEqual(Length("text"), NOTE_MAX_LENGTH),
                name="cliniciannote_text_length",
            ),
            models.CheckConstraint(
                condition=Q(seen_at__isnull=True) | Q(seen_at__gte=F("created_at")),
                name="cliniciannote_seen_after_written",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "seen_at"], name="cliniciannote_person_idx"),
        ]

    def __str__(self) -> str:
        return f"ClinicianNote {self.pk}"
