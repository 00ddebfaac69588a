"""Reads for the dashboard: people's live links and the acknowledgements (the journey records
the rules judge are read by records.py), and the clinic's status rows, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.expressions import Combinable
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.clinic import KINDS, Acknowledged, AttentionKind, kind_bit
from hizakoshi.clinic.models import Acknowledgement, CareLink, Clinic, PatientStatus


def live_links_of(*, person: User) -> list[CareLink]:
    return list(CareLink.objects.filter(person=person, ended_at__isnull=True).order_by("pk"))


def has_live_link(*, person: User) -> bool:
    return CareLink.objects.filter(person=person, ended_at__isnull=True).exists()


def live_link_people_ids() -> list[int]:
    """Everyone with a live care link, in id order (ids: they are refreshed in batches, each in
    its own transaction, and one deleted meanwhile is skipped)."""
    found = CareLink.objects.filter(ended_at__isnull=True).values_list("person_id", flat=True)
    return sorted(set(found))


def acknowledged_latest(*, links: list[CareLink]) -> dict[int, dict[AttentionKind, Acknowledged]]:
    """For each link, the latest acknowledgement of each kind."""
    found: dict[int, dict[AttentionKind, Acknowledged]] = {}
    rows = Acknowledgement.objects.filter(link__in=links).order_by("at", "pk")
    for link_id, kind, at in rows.values_list("link_id", "kind", "at"):
        if kind in KINDS:
            found.setdefault(link_id, {})[kind] = Acknowledged(at=at, day=timezone.localdate(at))
    return found


# --- the dashboard's list ------------------------------------------------------------------------

Sort = str  # one of SORTS
SORTS: dict[str, tuple[str | Combinable, ...]] = {
    # Most urgent first, then the longest without a record (no record at all last).
    "priority": ("-priority", F("last_activity_on").asc(nulls_last=True), "pk"),
    # Longest without a record first (no record at all first).
    "activity": (F("last_activity_on").asc(nulls_first=True), "-priority", "pk"),
    "name": ("name_kana", "pk"),
}
PAGE_SIZE = 50  # rows a page: the page costs the same whatever the clinic's number of patients


@dataclass(frozen=True, slots=True)
class DashboardPage:
    rows: list[PatientStatus]
    total: int  # people shown by the filter
    linked: int  # everyone linked with the clinic
    by_kind: dict[AttentionKind, int]  # how many need each kind of attention
    page: int
    pages: int


def _shown(clinic: Clinic) -> QuerySet[PatientStatus]:
    # One table, no join: rows exist for live links only (ending a link deletes its row; the
    # daily refresh deletes any left by another way or of an account no longer active).
    return PatientStatus.objects.filter(clinic=clinic)


def _has(kind: AttentionKind) -> Q:
    return Q(**{f"bit_{kind}__gt": 0})


def dashboard_page(
    *, clinic: Clinic, kind: AttentionKind | None, sort: Sort, page: int
) -> DashboardPage:
    """One page of the clinic's status rows, filtered and sorted, with the counts: two queries
    whatever the number of patients (the counts in one, the page's rows in the other)."""
    bits = {f"bit_{k}": F("priority").bitand(kind_bit(k)) for k in KINDS}
    counted = (
        _shown(clinic)
        .alias(**bits)
        .aggregate(
            linked=Count("pk"),
            **{k: Count("pk", filter=_has(k)) for k in KINDS},
        )
    )
    by_kind: dict[AttentionKind, int] = {k: counted[k] for k in KINDS}
    total = counted["linked"] if kind is None else by_kind[kind]
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    found = _shown(clinic)
    if kind is not None:
        found = found.alias(**bits).filter(_has(kind))
    first = (page - 1) * PAGE_SIZE
    # The page's ids are chosen over the status table alone (its indexes, or a top-N sort), and
    # only those fifty rows are joined with their links: one query still.
    chosen = found.order_by(*SORTS[sort]).values("pk")[first : first + PAGE_SIZE]
    shown = PatientStatus.objects.filter(pk__in=chosen).select_related("link")
    rows = list(shown.order_by(*SORTS[sort]))
    return DashboardPage(rows, total, counted["linked"], by_kind, page, pages)


def status_of(*, person: User, clinic: Clinic) -> PatientStatus | None:
    """The person's status row at `clinic` (their live link's)."""
    return _shown(clinic).select_related("link").filter(person=person).order_by("-link_id").first()


def live_link_at(*, person: User, clinic: Clinic) -> CareLink | None:
    return CareLink.objects.filter(person=person, clinic=clinic, ended_at__isnull=True).first()


def acknowledgements_of(*, link: CareLink, limit: int = 10) -> list[Acknowledgement]:
    """The link's latest acknowledgements, newest first (the page shows what was done before)."""
    return list(Acknowledgement.objects.filter(link=link).order_by("-at", "-pk")[:limit])
