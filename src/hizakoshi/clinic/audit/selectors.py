"""Reads of the audit trail: a clinic's own events (for its admin), and the events about one
person (for that person: who at which clinic looked at their records)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import AuditEvent, CareLink, Clinic, Membership


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What the admin narrowed the trail to; None is no limit. `until` is exclusive."""

    since: datetime | None = None
    until: datetime | None = None
    actor_id: int | None = None
    action: str | None = None


def audit_events_of_clinic(*, clinic: Clinic, only: AuditFilter) -> QuerySet[AuditEvent]:
    """The clinic's events, newest first (the index audit_clinic_idx serves this order)."""
    rows = AuditEvent.objects.filter(clinic=clinic)
    if only.since is not None:
        rows = rows.filter(at__gte=only.since)
    if only.until is not None:
        rows = rows.filter(at__lt=only.until)
    if only.actor_id is not None:
        rows = rows.filter(actor_id=only.actor_id)
    if only.action:
        rows = rows.filter(action=only.action)
    return rows.order_by("-at", "-pk")


def audit_events_about(*, person: User) -> QuerySet[AuditEvent]:
    """Every event about the person's records, whichever clinic, newest first."""
    return (
        AuditEvent.objects.filter(subject_ref=person.log_ref)
        .select_related("clinic")
        .order_by("-at", "-pk")
    )


def clinic_members(*, clinic: Clinic) -> QuerySet[Membership]:
    """Everyone who has been staff of the clinic, former members included (their events stay)."""
    return Membership.objects.filter(clinic=clinic).order_by("display_name", "started_at", "pk")


def linked_names(*, clinic: Clinic, refs: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    """log_ref -> the name the person gave the clinic, for people with a live link only: after
    a person ends the link, the clinic is shown nothing new of theirs, not even the name."""
    wanted = {ref for ref in refs if ref is not None}
    if not wanted:
        return {}
    rows = CareLink.objects.filter(
        clinic=clinic, ended_at__isnull=True, person__log_ref__in=wanted
    ).values_list("person__log_ref", "name")
    return dict(rows)
