"""Reads of the person's care links and of the clinics they may link with."""

from __future__ import annotations

import unicodedata

from django.db.models import F, QuerySet

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import CareLink, Clinic


def clinic_code_normal(code: str) -> str:
    """A clinic code as stored: what a phone's keyboard may give (full-width letters, lower
    case, spaces around it) read as the same code."""
    return unicodedata.normalize("NFKC", code).strip().upper()


def clinic_by_code(*, code: str) -> Clinic | None:
    return Clinic.objects.filter(code=clinic_code_normal(code)).first()


def care_links_of(*, person: User) -> QuerySet[CareLink]:
    """The person's links, live ones first, newest first within each."""
    return (
        CareLink.objects.filter(person=person)
        .select_related("clinic")
        # NULL (live) first on every database: SQLite and PostgreSQL disagree by default.
        .order_by(F("ended_at").desc(nulls_first=True), "-linked_at", "-pk")
    )


def care_link_live(*, person: User, clinic: Clinic) -> CareLink | None:
    return CareLink.objects.filter(person=person, clinic=clinic, ended_at__isnull=True).first()


def clinic_linked_latest(*, person: User) -> Clinic | None:
    """The clinic of the person's most recent live link: the one their messages name."""
    link = (
        CareLink.objects.filter(person=person, ended_at__isnull=True)
        .select_related("clinic")
        .order_by("-linked_at", "-pk")
        .first()
    )
    return link.clinic if link else None
