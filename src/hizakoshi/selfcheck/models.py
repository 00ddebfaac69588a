"""Saved self-check results and the consent that allowed them.

Nothing is stored for a self-check until the person ticks the consent box (APPI: health
information is 要配慮個人情報). When a result is deleted — by the person or after
RETENTION_DAYS — its health data goes, but the ConsentRecord stays: it holds no health data,
only that consent to text version X was given at time T and when the data was deleted, which is
what the APPI asks a business to be able to show.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Language(models.TextChoices):
    JA = "ja", "日本語"
    EN = "en", "English"


class SavedResult(models.Model):
    # sha256 of the link token: the link itself is never stored, so a copy of the database
    # does not hand out working links to people's results.
    token_hash = models.CharField(max_length=64)
    answers = models.JSONField()
    assessment = models.JSONField()  # Assessment.model_dump(mode="json"): what the person saw
    engine_version = models.CharField(max_length=32)
    content_hash = models.CharField(max_length=64)
    language = models.CharField(max_length=2, choices=Language.choices)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    # The account the person kept this result in (from its link), if any: the result then goes
    # with the account when it is deleted.
    kept_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="kept_results",
    )

    # The plain link token, set only on the instance `services.result_save` returns.
    link_token: str | None = None

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token_hash"], name="savedresult_token_hash_unique"),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="savedresult_expires_after_created",
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="savedresult_language_known"
            ),
            models.CheckConstraint(
                condition=Q(token_hash__regex=r"^[0-9a-f]{64}$"), name="savedresult_token_hash_hex"
            ),
        ]
        indexes = [models.Index(fields=["expires_at"], name="savedresult_expires_idx")]

    def __str__(self) -> str:
        return f"SavedResult {self.pk} ({self.created_at:%Y-%m-%d})"


class ConsentRecord(models.Model):
    class Purpose(models.TextChoices):
        SELFCHECK_SAVE = "selfcheck_save", "save a self-check result"

    purpose = models.CharField(max_length=32, choices=Purpose.choices)
    text_version = models.CharField(max_length=32)
    language = models.CharField(max_length=2, choices=Language.choices)
    agreed_at = models.DateTimeField()
    # The data the consent covered; NULL once that data has been deleted.
    result = models.OneToOneField(
        SavedResult, null=True, blank=True, on_delete=models.SET_NULL, related_name="consent"
    )
    data_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose__in=["selfcheck_save"]), name="consent_purpose_known"
            ),
            models.CheckConstraint(
                condition=Q(language__in=Language.values), name="consent_language_known"
            ),
            models.CheckConstraint(
                condition=Q(data_deleted_at__isnull=True) | Q(data_deleted_at__gte=F("agreed_at")),
                name="consent_deleted_after_agreed",
            ),
        ]

    def __str__(self) -> str:
        return f"Consent {self.pk} {self.purpose} v{self.text_version}"
