"""Who can reach the data from outside: the calendar feed, and the log of exports and deletions."""

# Model Meta lists are Django convention (the project ignores RUF012 in models.py files too).
# ruff: noqa: RUF012
from __future__ import annotations

from django.db import models
from django.db.models import Q

from hizakoshi.journey.models.base import one_of, person_field


class CalendarFeed(models.Model):
    """A private ICS link. Only the token's sha256 is stored; revoking ends the link."""

    person = person_field("journey_calendar_feeds")
    token_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token_hash"], name="calendarfeed_token_hash_unique"),
            models.CheckConstraint(
                condition=Q(token_hash__regex=r"^[0-9a-f]{64}$"), name="calendarfeed_token_hash_hex"
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(revoked_at__isnull=True),
                name="calendarfeed_one_live",
            ),
        ]

    def __str__(self) -> str:
        return f"CalendarFeed {self.pk}"


class DataLogAction(models.TextChoices):
    EXPORT_JSON = "export_json", "export as JSON"
    EXPORT_FHIR = "export_fhir", "export as FHIR R4B"
    ACCOUNT_DELETE = "account_delete", "account and all its data deleted"


class DataLog(models.Model):
    """Every export and every deletion of a person's data (APPI): who, when, what, to whom.

    The person is named only by `User.log_ref`, a random id, with no foreign key and no health
    data: the row stays after the account is deleted, as the record that the deletion was done.
    Rows are only ever added.
    """

    subject_ref = models.UUIDField()
    action = models.CharField(max_length=16, choices=DataLogAction.choices)
    recipient = models.CharField(max_length=64)  # "the person themselves" for a self-export
    purpose = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        constraints = [one_of("action", DataLogAction.values, prefix="datalog")]
        indexes = [models.Index(fields=["subject_ref", "at"], name="datalog_subject_idx")]

    def __str__(self) -> str:
        return f"DataLog {self.action} {self.at:%Y-%m-%d}"
