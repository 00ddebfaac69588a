"""The audit trail: every staff login and every read and change of a person's records by staff.

Only ever added to. On PostgreSQL a trigger refuses UPDATE and DELETE on the table (migration
0003), so the application cannot rewrite it; the person is named by `User.log_ref` and the
actor and clinic by plain ids (no foreign key that a deletion would cascade or null), so that the
trail outlives accounts and memberships. Times are UTC (USE_TZ).
"""

# Model Meta lists are Django convention (the project ignores RUF012 in models.py files too).
# ruff: noqa: RUF012
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class AuditAction(models.TextChoices):
    LOGIN = "login", "staff login"
    LOGIN_FAILED = "login_failed", "staff login failed"
    SECOND_FACTOR_FAILED = "otp_failed", "second factor refused"
    READ = "read", "read a person's records"
    WRITE = "write", "changed a person's records"
    EXPORT = "export", "exported a person's records"
    PRINT = "print", "printed a person's records"
    AUDIT_EXPORT = "audit_export", "exported the audit trail"
    MEMBERSHIP = "membership", "changed a staff membership"


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    # No database constraint and no cascade: the row must stay as written whatever is deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(max_length=80)  # the display name and role at the time
    clinic = models.ForeignKey(
        "clinic.Clinic",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    subject_ref = models.UUIDField(null=True)  # User.log_ref of the person whose records
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    what = models.CharField(max_length=64)  # which page or record kind: "patient_page", "plan"
    detail = models.CharField(max_length=200, blank=True)  # no health data: ids and kinds only
    ip = models.GenericIPAddressField(null=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=AuditAction.values), name="audit_action_known"
            )
        ]
        indexes = [
            models.Index(fields=["clinic", "-at"], name="audit_clinic_idx"),
            models.Index(fields=["subject_ref", "-at"], name="audit_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"AuditEvent {self.pk} {self.action}"
