"""Writes of the dashboard: the status row of each live care link (recomputed from the person's
journey records through the core, care/clinic/attention.py), a staff member's acknowledgement of
a flag with a note, and the audit row of a look at the list.

The status rows are kept current three ways, so the dashboard is one indexed query over them:
- the journey's write services send site/signals.py `records_changed` inside their transaction;
  `records_changed_received` (connected in clinic/apps.py) refreshes the person's rows there;
- care_link_create (clinic/links/services.py) makes the row of a new link;
- the daily review (`hizakoshi review_journeys`) sends `journeys_reviewed`, and
  `journeys_reviewed_received` refreshes every live link (what depends on the day itself: no
  records for 14 days, a check-in overdue).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.clinic import AttentionKind, Facts, attention
from hizakoshi.care.rounding import exact, round1
from hizakoshi.clinic.dashboard.selectors import (
    acknowledged_latest,
    has_live_link,
    journey_facts,
    live_link_people_ids,
    live_links_of,
)
from hizakoshi.clinic.models import (
    Acknowledgement,
    AuditAction,
    AuditEvent,
    CareLink,
    Membership,
    PatientStatus,
)

log = logging.getLogger(__name__)

_SMALL_MAX = 32767  # a PositiveSmallIntegerField's largest value


def _tenths(value: float) -> Decimal:
    return Decimal(str(round1(exact(value))))


def _status_values(link: CareLink, facts: Facts, now: datetime) -> dict[str, Any]:
    found = attention(facts)
    pain = found.pain
    return {
        "clinic_id": link.clinic_id,
        "person_id": link.person_id,
        "name_kana": link.name_kana,
        "attention": list(found.kinds),
        "priority": found.priority,
        "last_activity_on": facts.last_activity,
        "red_flag_at": found.red_flag_at,
        "escalations_open": min(found.escalations_open, _SMALL_MAX),
        "pain_series": "" if pain is None else pain.series,
        "pain_latest": None if pain is None else _tenths(pain.recent),
        "pain_baseline": None if pain is None else _tenths(pain.baseline),
        "checkin_overdue_since": found.checkin_overdue_since,
        "risk_group": facts.risk or "",
        "computed_at": now,
    }


def _status_write(link: CareLink, values: dict[str, Any]) -> None:
    if PatientStatus.objects.filter(link=link).update(**values):
        return
    try:
        with transaction.atomic():
            PatientStatus.objects.create(link=link, **values)
    except IntegrityError:
        # Made at the same moment by another refresh: ours is as current, write it over.
        PatientStatus.objects.filter(link=link).update(**values)


@transaction.atomic
def status_refresh(*, person: User, now: datetime) -> int:
    """Recompute the status rows of `person`'s live care links as on `now`, from their journey
    records; returns how many were written (0: no live link). Idempotent: the same records and
    time give the same rows."""
    # The links are locked while their rows are written: a link ended meanwhile
    # (care_link_end, which deletes the row) waits, so no row outlives its link.
    live = CareLink.objects.select_for_update().filter(person=person, ended_at__isnull=True)
    links = list(live.order_by("pk"))
    if not links:
        return 0
    today = timezone.localdate(now)
    records = journey_facts(person=person, today=today)
    acknowledged = acknowledged_latest(links=links)
    for link in links:
        facts = Facts(
            today=today,
            linked_on=timezone.localdate(link.linked_at),
            start=records.start,
            last_activity=records.last_activity,
            red_flags=records.red_flags,
            clearances=records.clearances,
            escalations=records.escalations,
            pain=records.pain,
            checkins=records.checkins,
            risk=records.risk,
            risk_at=records.risk_at,
            acknowledged=acknowledged.get(link.pk, {}),
        )
        _status_write(link, _status_values(link, facts, now))
    return len(links)


def status_refresh_guarded(*, person: User, now: datetime) -> None:
    """status_refresh for a write that must not fail because of it (a journey write, a new
    care link): a failure is logged and leaves the rows as they were, a new link with a bare
    row, and the daily review recomputes them. The person's own diary or session must never
    be lost to the clinic's list; the savepoint keeps their transaction usable on PostgreSQL
    after a failed statement."""
    try:
        with transaction.atomic():
            status_refresh(person=person, now=now)
    except Exception:  # any failure: the records stay saved; the daily review tries again
        log.exception("dashboard status refresh failed for person %s", person.pk)
        for link in live_links_of(person=person):
            PatientStatus.objects.get_or_create(
                link=link,
                defaults={
                    "clinic_id": link.clinic_id,
                    "person_id": person.pk,
                    "name_kana": link.name_kana,
                    "computed_at": now,
                },
            )


def records_changed_received(sender: object, *, person: User, now: datetime, **_: Any) -> None:
    """The receiver of site/signals.py `records_changed`, inside the journey write's
    transaction. Most people link with no clinic: one cheap query and nothing else for them."""
    if has_live_link(person=person):
        status_refresh_guarded(person=person, now=now)


@transaction.atomic
def _status_refresh_locked(person_id: int, now: datetime) -> bool:
    # The person's row is locked first, as the journey review does (journey/review/services.py):
    # two runs at once (two cron hosts) take turns per person on PostgreSQL and write the same
    # rows; SQLite's write transactions are IMMEDIATE, so there the whole transaction waits.
    person = User.objects.select_for_update().filter(pk=person_id).first()
    if person is None:
        return False  # deleted their account since the list was read
    status_refresh(person=person, now=now)
    return True


def status_drop(*, link_id: int) -> None:
    """A link ended: its row goes with it (rows exist for live links only, so the dashboard
    needs no join to leave ended ones out)."""
    PatientStatus.objects.filter(link_id=link_id).delete()


def statuses_refresh_all(*, now: datetime) -> tuple[int, int]:
    """Refresh every live link's status as on `now`, one person per transaction; one person's
    failure is logged and counted and does not stop the rest. Returns (people, failures).
    Rows of links ended some other way than care_link_end, or of accounts no longer active,
    are deleted first, so the dashboard never lists someone the door would refuse."""
    PatientStatus.objects.filter(
        Q(link__ended_at__isnull=False) | Q(person__is_active=False)
    ).delete()
    people = failures = 0
    for person_id in live_link_people_ids():
        try:
            people += _status_refresh_locked(person_id, now)
        except Exception:  # any failure of one person's refresh: count it and go on
            log.exception("dashboard status refresh failed for person %s", person_id)
            failures += 1
    return people, failures


def review_moment(today: date, now: datetime) -> datetime:
    """The time the daily review's refresh judges by: now when it reviews today; for another
    day (catching up with --today) the same time of day on that day."""
    local = timezone.localtime(now)
    if local.date() == today:
        return now
    return local.replace(year=today.year, month=today.month, day=today.day)


def journeys_reviewed_received(sender: object, *, today: date, **_: Any) -> int:
    """The receiver of site/signals.py `journeys_reviewed`: every live link's status after the
    daily review; returns the failures, which the review counts (and cron reports)."""
    _people, failures = statuses_refresh_all(now=review_moment(today, timezone.now()))
    return failures


# --- acknowledgements and the audit ------------------------------------------------------------


def _actor_label(membership: Membership) -> str:
    # As the access door writes it (site/access.py), so the trail names people one way.
    return f"{membership.display_name} ({membership.get_role_display()})"[:80]


@transaction.atomic
def acknowledgement_create(
    *,
    person: User,
    membership: Membership,
    kinds: Sequence[AttentionKind],
    note: str,
    now: datetime,
) -> list[Acknowledgement]:
    """A staff member of `membership`'s clinic saw these flags of `person` and wrote what was
    done; the flags drop off the dashboard until a new one is raised. The caller has passed
    the access door for `person` with need WRITE in the same transaction (which also refuses a
    person not linked with the clinic)."""
    link = CareLink.objects.get(person=person, clinic=membership.clinic, ended_at__isnull=True)
    made = Acknowledgement.objects.bulk_create(
        Acknowledgement(
            link=link,
            kind=kind,
            note=note,
            by=membership.user,
            by_label=_actor_label(membership),
            at=now,
        )
        for kind in dict.fromkeys(kinds)
    )
    status_refresh(person=person, now=now)
    return made


def dashboard_view_audit(*, membership: Membership, ip: str | None, now: datetime) -> AuditEvent:
    """One audit row for a look at the dashboard: the list shows linked people's names and
    flags, so it is a read of records, though of no one person (subject_ref NULL). The list
    itself reaches nobody through the door: it shows only the clinic's own linked people's
    status rows, and each patient page asks the door for its person."""
    return AuditEvent.objects.create(
        at=now,
        actor=membership.user,
        actor_label=_actor_label(membership),
        clinic=membership.clinic,
        subject_ref=None,
        action=AuditAction.READ,
        what="dashboard",
        ip=ip or None,
    )
