"""Writes of the audit trail made by the audit pages themselves: an export of the trail is on
record too (who took it, when, from where, with which filters)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import AuditAction, AuditEvent, Membership

# Who receives an export of the trail, and why (a copy that leaves the site is logged with its
# recipient and purpose): the admin who asked, for the clinic's review of access.
EXPORT_RECIPIENT = "recipient=self purpose=audit_review"


def audit_export_record(
    *, actor: User, membership: Membership, filters: str, ip: str | None, now: datetime
) -> AuditEvent:
    with transaction.atomic():
        return AuditEvent.objects.create(
            at=now,
            actor=actor,
            actor_label=f"{membership.display_name} ({membership.get_role_display()})",
            clinic=membership.clinic,
            subject_ref=None,
            action=AuditAction.AUDIT_EXPORT,
            what="audit_csv",
            detail=f"{EXPORT_RECIPIENT} {filters}"[:200],
            ip=ip or None,
        )
