"""Writes of the person's care links: made and ended by the person only."""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction

from hizakoshi.accounts.models import User
from hizakoshi.clinic.dashboard.services import status_drop, status_refresh_guarded
from hizakoshi.clinic.links.consent import CONSENT_VERSION, SHARED_KINDS
from hizakoshi.clinic.models import CareLink, Clinic


def care_link_create(
    *,
    person: User,
    clinic: Clinic,
    name: str,
    name_kana: str,
    birth_date: date | None,
    language: str,
    now: datetime,
) -> CareLink:
    """Link `person` with `clinic` with their consent to share (this version's words). Linking
    again to a clinic already linked returns the live link: a double tap makes one."""
    try:
        with transaction.atomic():
            link = CareLink.objects.create(
                person=person,
                clinic=clinic,
                name=name,
                name_kana=name_kana,
                birth_date=birth_date,
                shared=list(SHARED_KINDS),
                consent_version=CONSENT_VERSION,
                language=language,
                linked_at=now,
            )
            # The link's row on the dashboard, at once (a failure there never stops the link).
            status_refresh_guarded(person=person, now=now)
            return link
    except IntegrityError:
        return CareLink.objects.get(person=person, clinic=clinic, ended_at__isnull=True)


def care_link_end(*, person: User, link_id: int, now: datetime) -> bool:
    """End one of the person's live links; False when there was none to end (already ended)."""
    with transaction.atomic():
        ended = CareLink.objects.filter(pk=link_id, person=person, ended_at__isnull=True).update(
            ended_at=now
        )
        if ended:
            status_drop(link_id=link_id)  # off the clinic's dashboard with the link
    return ended == 1
