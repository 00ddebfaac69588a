"""Reads for the dashboard: the journey records the attention rules judge (one query per kind of
record, whatever the years of history), the acknowledgements, and the clinic's status rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import get_args

from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.expressions import Combinable
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.clinic import KINDS, Acknowledged, AttentionKind, RedFlagReport, kind_bit
from hizakoshi.care.clinic.content import clinic_content
from hizakoshi.care.journey import Clearance, checkins_due
from hizakoshi.care.journey.content import RiskGroup, SeriesId
from hizakoshi.care.journey.progress import Point
from hizakoshi.care.journey.schedule import Due
from hizakoshi.care.model import Urgency
from hizakoshi.clinic.models import Acknowledgement, CareLink, Clinic, PatientStatus
from hizakoshi.journey.models import (
    Assessment,
    DiaryEntry,
    Escalation,
    ExerciseSession,
    FunctionTest,
    OutcomeResponse,
    ResumeRecord,
)

URGENCIES = frozenset(u.value for u in Urgency)

# The diary column of each pain series clinic.yaml may name (journey.yaml's NRS series).
DIARY_PAIN: dict[SeriesId, str] = {
    "knee_pain_left": "knee_pain_left",
    "knee_pain_right": "knee_pain_right",
    "back_pain": "back_pain",
}


@dataclass(frozen=True, slots=True)
class JourneyFacts:
    """What the attention rules read of one person's records, on `today` (the same for each of
    their clinics; the link's own facts are added per link)."""

    today: date
    start: date | None = None
    last_activity: date | None = None
    red_flags: list[RedFlagReport] = field(default_factory=list)
    clearances: list[Clearance] = field(default_factory=list)
    escalations: list[tuple[str, date]] = field(default_factory=list)
    pain: dict[SeriesId, list[Point]] = field(default_factory=dict)
    checkins: list[Due] = field(default_factory=list)
    risk: RiskGroup | None = None
    risk_at: datetime | None = None


def live_links_of(*, person: User) -> list[CareLink]:
    return list(CareLink.objects.filter(person=person, ended_at__isnull=True).order_by("pk"))


def has_live_link(*, person: User) -> bool:
    return CareLink.objects.filter(person=person, ended_at__isnull=True).exists()


def live_link_people_ids() -> list[int]:
    """Everyone with a live care link, in id order (ids: each is refreshed in its own
    transaction, and one deleted meanwhile is skipped)."""
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


def _local_day(moment: datetime) -> date:
    return timezone.localdate(moment)


def journey_facts(*, person: User, today: date) -> JourneyFacts:
    """One query per kind of record (self-checks, diary, questionnaires, sessions, function
    tests, messages; doctor's visits only when the diary holds warning signs)."""
    days: list[date] = []
    red_flags: list[RedFlagReport] = []

    checks = Assessment.objects.filter(person=person).order_by("created_at", "pk")
    first: date | None = None
    for created_at, urgency in checks.values_list("created_at", "assessment__triage__urgency"):
        day = _local_day(created_at)
        first = first or day  # as journey_start_day: the first self-check kept
        if day > today:
            continue
        days.append(day)
        if urgency in URGENCIES:
            red_flags.append(RedFlagReport(day=day, at=created_at, urgency=Urgency(urgency)))

    wanted = clinic_content().pain_series
    pain: dict[SeriesId, list[Point]] = {sid: [] for sid in wanted}
    columns = [DIARY_PAIN[sid] for sid in wanted]
    diary = DiaryEntry.objects.filter(person=person, day__lte=today).order_by("day")
    last_diary: date | None = None
    for day, updated_at, signs, *values in diary.values_list(
        "day", "updated_at", "red_flag_signs", *columns
    ):
        last_diary = day
        for sid, value in zip(wanted, values, strict=True):
            if value is not None:
                pain[sid].append(Point(day, float(value)))
        if signs:
            red_flags.append(RedFlagReport(day=day, at=updated_at, signs=tuple(map(str, signs))))
    if last_diary is not None:
        days.append(last_diary)

    answered: dict[str, list[date]] = {}
    risk: RiskGroup | None = None
    risk_at: datetime | None = None
    outcomes = OutcomeResponse.objects.filter(person=person, taken_on__lte=today)
    for name, taken_on, created_at, group in outcomes.order_by("taken_on", "pk").values_list(
        "instrument", "taken_on", "created_at", "scores__risk"
    ):
        answered.setdefault(name, []).append(taken_on)
        days.append(taken_on)
        if name == "start-back":  # the latest answers decide, as on the check-ins page
            risk = group if group in get_args(RiskGroup) else None
            risk_at = created_at

    finished = ExerciseSession.objects.filter(person=person, finished_at__isnull=False).aggregate(
        last=Max("finished_at")
    )["last"]
    if finished is not None and _local_day(finished) <= today:
        days.append(_local_day(finished))
    tested = FunctionTest.objects.filter(person=person, taken_on__lte=today).aggregate(
        last=Max("taken_on")
    )["last"]
    if tested is not None:
        days.append(tested)

    messages = Escalation.objects.filter(person=person, raised_on__lte=today)
    escalations = [(kind, day) for kind, day in messages.values_list("kind", "raised_on")]
    clearances = (
        [
            Clearance(seen_on=seen_on, signs=tuple(signs))
            for seen_on, signs in ResumeRecord.objects.filter(person=person).values_list(
                "seen_on", "signs"
            )
        ]
        if any(r.diary for r in red_flags)
        else []
    )
    # The check-ins page's own rule and days (journey/checkins/selectors.py checkins_now): the
    # start is the first self-check, else today; answers up to today count.
    checkins = checkins_due(start=first or today, answered=answered, today=today)
    return JourneyFacts(
        today=today,
        start=first,
        last_activity=max(days, default=None),
        red_flags=red_flags,
        clearances=clearances,
        escalations=escalations,
        pain=pain,
        checkins=checkins,
        risk=risk,
        risk_at=risk_at,
    )


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
