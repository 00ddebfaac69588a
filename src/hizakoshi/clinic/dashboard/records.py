"""Reads for the status refresh: the journey records the attention rules judge, for one person
or for many at once. One query per kind of record (self-checks, diary, questionnaires,
sessions, function tests, messages; doctor's visits only when a diary holds warning signs),
whatever the number of people and the years of history: the daily refresh of ten thousand
people reads them in batches, and a journey write reads one person the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import get_args

from django.db.models import Max
from django.utils import timezone

from hizakoshi.care.clinic import RedFlagReport
from hizakoshi.care.clinic.content import clinic_content
from hizakoshi.care.journey import Clearance, checkins_due
from hizakoshi.care.journey.content import RiskGroup, SeriesId
from hizakoshi.care.journey.progress import Point
from hizakoshi.care.journey.schedule import Due
from hizakoshi.care.model import Urgency
from hizakoshi.journey.models import (
    SESSION_DAY_FROM,
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


@dataclass(slots=True)
class _Found:
    """One person's records as they are read, kind by kind."""

    pain: dict[SeriesId, list[Point]]
    days: list[date] = field(default_factory=list)
    first: date | None = None
    red_flags: list[RedFlagReport] = field(default_factory=list)
    clearances: list[Clearance] = field(default_factory=list)
    escalations: list[tuple[str, date]] = field(default_factory=list)
    answered: dict[str, list[date]] = field(default_factory=dict)
    risk: RiskGroup | None = None
    risk_at: datetime | None = None


def _local_day(moment: datetime) -> date:
    return timezone.localdate(moment)


def _self_checks(found: dict[int, _Found], today: date) -> None:
    checks = Assessment.objects.filter(person_id__in=found).order_by(
        "person_id", "created_at", "pk"
    )
    for pid, created_at, urgency in checks.values_list(
        "person_id", "created_at", "assessment__triage__urgency"
    ):
        one, day = found[pid], _local_day(created_at)
        one.first = one.first or day  # as journey_start_day: the first self-check kept
        if day > today:
            continue
        one.days.append(day)
        if urgency in URGENCIES:
            one.red_flags.append(RedFlagReport(day=day, at=created_at, urgency=Urgency(urgency)))


def _diary(found: dict[int, _Found], today: date) -> None:
    wanted = clinic_content().pain_series
    columns = [DIARY_PAIN[sid] for sid in wanted]
    rows = DiaryEntry.objects.filter(person_id__in=found, day__lte=today).order_by(
        "person_id", "day"
    )
    last: dict[int, date] = {}
    for pid, day, updated_at, signs, *values in rows.values_list(
        "person_id", "day", "updated_at", "red_flag_signs", *columns
    ):
        one = found[pid]
        last[pid] = day
        for sid, value in zip(wanted, values, strict=True):
            if value is not None:
                one.pain[sid].append(Point(day, float(value)))
        if signs:
            one.red_flags.append(
                RedFlagReport(day=day, at=updated_at, signs=tuple(map(str, signs)))
            )
    for pid, day in last.items():
        found[pid].days.append(day)


def _check_ins(found: dict[int, _Found], today: date) -> None:
    rows = OutcomeResponse.objects.filter(person_id__in=found, taken_on__lte=today)
    for pid, name, taken_on, created_at, group in rows.order_by(
        "person_id", "taken_on", "pk"
    ).values_list("person_id", "instrument", "taken_on", "created_at", "scores__risk"):
        one = found[pid]
        one.answered.setdefault(name, []).append(taken_on)
        one.days.append(taken_on)
        if name == "start-back":  # the latest answers decide, as on the check-ins page
            one.risk = group if group in get_args(RiskGroup) else None
            one.risk_at = created_at


def _latest_days(found: dict[int, _Found], today: date) -> None:
    sessions = (
        ExerciseSession.objects.filter(person_id__in=found, finished_at__isnull=False)
        .values("person_id")
        .annotate(last=Max(SESSION_DAY_FROM))
        .values_list("person_id", "last")
    )
    for pid, began in sessions:
        if _local_day(began) <= today:
            found[pid].days.append(_local_day(began))
    tests = (
        FunctionTest.objects.filter(person_id__in=found, taken_on__lte=today)
        .values("person_id")
        .annotate(last=Max("taken_on"))
        .values_list("person_id", "last")
    )
    for pid, tested in tests:
        found[pid].days.append(tested)


def _messages_and_visits(found: dict[int, _Found], today: date) -> None:
    messages = Escalation.objects.filter(person_id__in=found, raised_on__lte=today)
    for pid, kind, day in messages.values_list("person_id", "kind", "raised_on"):
        found[pid].escalations.append((kind, day))
    # Doctor's visits matter only to someone whose diary holds warning signs.
    signed = [pid for pid, one in found.items() if any(r.diary for r in one.red_flags)]
    if signed:
        visits = ResumeRecord.objects.filter(person_id__in=signed)
        for pid, seen_on, signs in visits.values_list("person_id", "seen_on", "signs"):
            found[pid].clearances.append(Clearance(seen_on=seen_on, signs=tuple(signs)))


def journeys_facts(*, person_ids: Sequence[int], today: date) -> dict[int, JourneyFacts]:
    """What the attention rules read of each person's records up to `today`."""
    found = {
        pid: _Found(pain={sid: [] for sid in clinic_content().pain_series}) for pid in person_ids
    }
    if not found:
        return {}
    _self_checks(found, today)
    _diary(found, today)
    _check_ins(found, today)
    _latest_days(found, today)
    _messages_and_visits(found, today)
    return {
        pid: JourneyFacts(
            today=today,
            start=one.first,
            last_activity=max(one.days, default=None),
            red_flags=one.red_flags,
            clearances=one.clearances,
            escalations=one.escalations,
            pain=one.pain,
            # The check-ins page's own rule and days (journey/checkins/selectors.py
            # checkins_now): the start is the first self-check, else today.
            checkins=checkins_due(start=one.first or today, answered=one.answered, today=today),
            risk=one.risk,
            risk_at=one.risk_at,
        )
        for pid, one in found.items()
    }
