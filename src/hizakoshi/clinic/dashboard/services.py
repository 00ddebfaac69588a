"""Writes of the dashboard: the status row of each live care link (recomputed from the person's
journey records through the core, care/clinic/attention.py), a staff member's acknowledgement of
a flag with a note, and the audit row of a look at the list.

The status rows are kept current three ways, so the dashboard is one indexed query over them:
- the journey's write services send site/signals.py `records_changed` inside their transaction;
  `records_changed_received` (connected in clinic/apps.py) refreshes the person's rows there;
- care_link_create (clinic/links/services.py) makes the row of a new link (care_link_end
  deletes it);
- the daily review (`hizakoshi review_journeys`) sends `journeys_reviewed`, and
  `journeys_reviewed_received` refreshes every live link in batches (what depends on the day
  itself: no records for 14 days, a check-in overdue).
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
from hizakoshi.care.clinic import Acknowledged, AttentionKind, Facts, attention
from hizakoshi.care.rounding import exact, round1
from hizakoshi.clinic.dashboard.records import JourneyFacts, journeys_facts
from hizakoshi.clinic.dashboard.selectors import (
    acknowledged_latest,
    has_live_link,
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
from hizakoshi.clinic.staff.services import actor_label  # as the door and the trail name staff

log = logging.getLogger(__name__)

_SMALL_MAX = 32767  # a PositiveSmallIntegerField's largest value
BATCH = 200  # people refreshed in one transaction by the daily job (their rows locked meanwhile)

Acknowledgements = dict[AttentionKind, Acknowledged]


def _tenths(value: float) -> Decimal:
    return Decimal(str(round1(exact(value))))


def _facts(link: CareLink, records: JourneyFacts, acknowledged: Acknowledgements) -> Facts:
    return Facts(
        today=records.today,
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
        acknowledged=acknowledged,
    )


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


# What a refresh writes (every field of a row but its link and id).
STATUS_FIELDS = (
    "clinic_id",
    "person_id",
    "name_kana",
    "attention",
    "priority",
    "last_activity_on",
    "red_flag_at",
    "escalations_open",
    "pain_series",
    "pain_latest",
    "pain_baseline",
    "checkin_overdue_since",
    "risk_group",
    "computed_at",
)


def _rows_create(rows: list[PatientStatus]) -> None:
    try:
        with transaction.atomic():
            PatientStatus.objects.bulk_create(rows)
    except IntegrityError:
        # One was made meanwhile by a writer without the links' lock: write each over.
        for row in rows:
            values = {f: getattr(row, f) for f in STATUS_FIELDS}
            if not PatientStatus.objects.filter(link_id=row.link_id).update(**values):
                PatientStatus.objects.create(link_id=row.link_id, **values)


@transaction.atomic
def statuses_refresh(*, person_ids: Sequence[int], now: datetime) -> int:
    """Recompute the status rows of these people's live care links as on `now`, from their
    journey records: the same dozen queries for one person or a batch. Returns how many rows
    were written (0: no live link). Idempotent: the same records and time give the same rows."""
    # The links are locked while their rows are written: a link ended meanwhile
    # (care_link_end, which deletes the row) waits, so no row outlives its link.
    live = CareLink.objects.select_for_update().filter(
        person_id__in=person_ids, ended_at__isnull=True
    )
    links = list(live.order_by("pk"))
    if not links:
        return 0
    today = timezone.localdate(now)
    records = journeys_facts(person_ids=sorted({link.person_id for link in links}), today=today)
    acknowledged = acknowledged_latest(links=links)
    existing = {row.link_id: row for row in PatientStatus.objects.filter(link__in=links)}
    changed, new = [], []
    for link in links:
        facts = _facts(link, records[link.person_id], acknowledged.get(link.pk, {}))
        values = _status_values(link, facts, now)
        row = existing.get(link.pk)
        if row is None:
            new.append(PatientStatus(link=link, **values))
            continue
        for name, value in values.items():
            setattr(row, name, value)
        changed.append(row)
    if changed:
        PatientStatus.objects.bulk_update(changed, STATUS_FIELDS)
    if new:
        _rows_create(new)
    return len(links)


def status_refresh(*, person: User, now: datetime) -> int:
    """The status rows of one person's live links (statuses_refresh for one)."""
    return statuses_refresh(person_ids=[person.pk], now=now)


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


def status_drop(*, link_id: int) -> None:
    """A link ended: its row goes with it (rows exist for live links only, so the dashboard
    needs no join to leave ended ones out)."""
    PatientStatus.objects.filter(link_id=link_id).delete()


@transaction.atomic
def _batch_refresh_locked(person_ids: list[int], now: datetime) -> int:
    # The people's rows are locked first, in id order, as the journey review locks each person
    # (journey/review/services.py) and a self-check locks the plan's person: two runs at once
    # (two cron hosts) take turns on PostgreSQL and write the same rows; SQLite's write
    # transactions are IMMEDIATE, so there the whole transaction waits.
    found = User.objects.select_for_update().filter(pk__in=person_ids).order_by("pk")
    present = list(found.values_list("pk", flat=True))  # deleted since the list was read: gone
    statuses_refresh(person_ids=present, now=now)
    return len(present)


def statuses_refresh_all(*, now: datetime) -> tuple[int, int]:
    """Refresh every live link's status as on `now`, BATCH people per transaction; a batch that
    fails is done again one person at a time, so one person's failure is logged and counted
    and does not stop the rest. Returns (people, failures). Rows of links ended some other way
    than care_link_end, or of accounts no longer active, are deleted first, so the dashboard
    never lists someone the door would refuse."""
    PatientStatus.objects.filter(
        Q(link__ended_at__isnull=False) | Q(person__is_active=False)
    ).delete()
    people = failures = 0
    ids = live_link_people_ids()
    for first in range(0, len(ids), BATCH):
        batch = ids[first : first + BATCH]
        try:
            people += _batch_refresh_locked(batch, now)
            continue
        except Exception:  # find who: the batch again, one by one
            log.warning("dashboard status refresh of a batch failed; one person at a time")
        for person_id in batch:
            try:
                people += _batch_refresh_locked([person_id], now)
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
            by_label=actor_label(membership),
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
        actor_label=actor_label(membership),
        clinic=membership.clinic,
        subject_ref=None,
        action=AuditAction.READ,
        what="dashboard",
        ip=ip or None,
    )
