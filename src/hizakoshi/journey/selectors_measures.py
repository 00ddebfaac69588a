"""Reads for outcome measures, home function tests, progress and escalations.

Everything is scoped to one person. The progress page reads each kind of record with one query
(values_list) whatever the history holds, and hands plain points to the core
(care.journey.progress / escalation), so the number of queries never grows with the data.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal, get_args

from django.db.models import Case, Max, Min, QuerySet, Value, When
from django.utils import timezone
from pydantic import ValidationError

from hizakoshi.accounts.models import User
from hizakoshi.care.journey.content import RiskGroup, SeriesId
from hizakoshi.care.journey.progress import Point
from hizakoshi.care.model import URGENCY_ORDER, Lang, Triage
from hizakoshi.journey.models import (
    Assessment,
    AssessmentSource,
    DiaryEntry,
    Escalation,
    ExerciseSession,
    FunctionTest,
    FunctionTestKind,
    OutcomeResponse,
    Profile,
    PsfsActivity,
)
from hizakoshi.journey.selectors_wording import instruments_offered

log = logging.getLogger(__name__)

OUTCOME_EVERY_DAYS = 28  # issue 3 §6: every 4 weeks from the first assessment
RECENT_ESCALATION_DAYS = 28  # shown on the progress page for one reassessment interval
# STarT Back screens for the risk of lasting back pain at the start of care (Hill 2008); it is
# not a measure of change, so it is asked once rather than every four weeks.
ONCE = frozenset({"start-back"})
CHAIR_KINDS = (FunctionTestKind.CHAIR_STAND_CDC, FunctionTestKind.CHAIR_STAND_CS30)


# --- outcome measures ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DueOutcome:
    instrument: str
    last_taken: date | None
    due_on: date  # the scheduled day this round began, or the next one
    due: bool  # not yet answered in the current 4-week round
    once: bool = False  # a screening tool, answered once at the start


def schedule_start(*, person: User) -> date | None:
    """The first assessment's day: self-care and the 4-weekly schedule start there."""
    first = Assessment.objects.filter(person=person).aggregate(first=Min("created_at"))["first"]
    return None if first is None else timezone.localdate(first)


def outcomes_due(
    *, person: User, today: date, lang: Lang, start: date | None = None
) -> list[DueOutcome]:
    """For each instrument offered in `lang`: answered in the current 4-week round, or due now.
    A screening tool (ONCE) is due only until it has been answered once."""
    start = start or schedule_start(person=person) or today
    last = dict(
        OutcomeResponse.objects.filter(person=person)
        .values("instrument")
        .annotate(last=Max("taken_on"))
        .values_list("instrument", "last")
    )
    rounds = max(0, (today - start).days) // OUTCOME_EVERY_DAYS
    this_round = start + timedelta(days=rounds * OUTCOME_EVERY_DAYS)
    found = []
    for name in instruments_offered(lang):
        taken = last.get(name)
        due = taken is None or (taken < this_round and name not in ONCE)
        next_day = this_round if due else this_round + timedelta(days=OUTCOME_EVERY_DAYS)
        found.append(DueOutcome(name, taken, next_day, due, once=name in ONCE))
    return found


def startback_risk_latest(*, person: User) -> RiskGroup | None:
    """The risk group of the person's latest STarT Back answers (None: never answered)."""
    scores = (
        OutcomeResponse.objects.filter(person=person, instrument="start-back")
        .order_by("-taken_on", "-pk")
        .values_list("scores", flat=True)
        .first()
    )
    risk = scores.get("risk") if isinstance(scores, dict) else None
    return risk if risk in get_args(RiskGroup) else None


def outcomes_of(*, person: User, instrument: str, limit: int = 6) -> list[OutcomeResponse]:
    found = OutcomeResponse.objects.filter(person=person, instrument=instrument)
    return list(found.order_by("-taken_on", "-pk")[:limit])


def psfs_activities_active(*, person: User) -> list[PsfsActivity]:
    # At most five are rated (PSFS items "1".."5"); the form never makes more.
    return list(PsfsActivity.objects.filter(person=person, active=True).order_by("pk")[:5])


# --- home function tests -------------------------------------------------------------------------


def function_tests_latest(*, person: User) -> dict[str, FunctionTest]:
    """The latest test of each kind. Reads the person's tests (about one a month per kind);
    only the tests pages use it, never the progress page."""
    latest: dict[str, FunctionTest] = {}
    for test in FunctionTest.objects.filter(person=person).order_by("kind", "-taken_on", "-pk"):
        latest.setdefault(test.kind, test)
    return latest


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What the tests' norms need, from the profile or else the latest assessment."""

    height_cm: Decimal | None = None
    age: int | None = None
    sex: Literal["female", "male", "other"] | None = None


def person_facts(*, person: User, today: date) -> PersonFacts:
    profile = Profile.objects.filter(person=person).first()
    latest = (
        Assessment.objects.filter(person=person)
        .order_by("-created_at", "-pk")
        .values_list("answers", "created_at")
        .first()
    )
    answers: dict[str, Any] = latest[0] if latest and isinstance(latest[0], dict) else {}
    height = profile.height_cm if profile and profile.height_cm else None
    if height is None and isinstance(answers.get("height_cm"), int | float):
        height = Decimal(str(answers["height_cm"])).quantize(Decimal("0.1"))
    age = answers.get("age") if isinstance(answers.get("age"), int) else None
    if age is not None and latest is not None:
        age += (today - timezone.localdate(latest[1])).days // 365  # a year older since then
    sex = answers.get("sex") if answers.get("sex") in ("female", "male", "other") else None
    return PersonFacts(height, age, sex)


# --- progress and escalation ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeasureRecords:
    """Everything the progress page and the escalation review read, as plain points."""

    today: date
    start: date | None
    series: dict[SeriesId, list[Point]] = field(default_factory=dict)
    chair: str | None = None  # the chair of the chair-stand series (never two chairs mixed)
    diary_signs: list[tuple[date, tuple[str, ...]]] = field(default_factory=list)
    daily_life: tuple[date, str] | None = None  # the latest answer in the last days
    reassessment: tuple[date, Triage] | None = None
    weight_goal: Decimal | None = None


RECENT_DIARY_DAYS = (
    7  # red flags and daily life count while this recent (journey.yaml red_flag_days)
)
DIARY_FIELDS = (
    "day",
    "knee_pain_left",
    "knee_pain_right",
    "back_pain",
    "walking_minutes",
    "weight_kg",
    "daily_life",
    "red_flag_signs",
)


def measure_records(*, person: User, today: date) -> MeasureRecords:
    """One query per kind of record (diary, PSFS, tests, sessions, assessments, profile)."""
    start = schedule_start(person=person)
    series: dict[SeriesId, list[Point]] = {
        "knee_pain_left": [],
        "knee_pain_right": [],
        "back_pain": [],
        "walking_minutes": [],
        "weight": [],
    }
    signs: list[tuple[date, tuple[str, ...]]] = []
    life: tuple[date, str] | None = None
    recent = today - timedelta(days=RECENT_DIARY_DAYS - 1)
    rows = DiaryEntry.objects.filter(person=person, day__lte=today).order_by("day")
    for day, left, right, back, walked, weight, daily, flags in rows.values_list(*DIARY_FIELDS):
        for sid, value in (
            ("knee_pain_left", left),
            ("knee_pain_right", right),
            ("back_pain", back),
            ("walking_minutes", walked),
            ("weight", weight),
        ):
            if value is not None:
                series[sid].append(Point(day, float(value)))  # type: ignore[index]
        if day >= recent:
            if flags:
                signs.append((day, tuple(str(s) for s in flags)))
            if daily:
                life = (day, daily)
    series["psfs"] = [
        Point(day, float(scores["score"]))
        for day, scores in OutcomeResponse.objects.filter(
            person=person, instrument="psfs", taken_on__lte=today
        ).values_list("taken_on", "scores")
        if isinstance(scores, dict) and isinstance(scores.get("score"), int | float)
    ]
    chair, tests = _test_series(person, today)
    series.update(tests)
    finished = ExerciseSession.objects.filter(person=person, finished_at__isnull=False)
    series["sessions"] = [
        Point(day, 1.0)
        for day in (timezone.localdate(t) for t in finished.values_list("finished_at", flat=True))
        if day <= today
    ]
    goal = Profile.objects.filter(person=person).values_list("weight_goal_kg", flat=True).first()
    return MeasureRecords(
        today=today,
        start=start,
        series=series,
        chair=chair,
        diary_signs=signs,
        daily_life=life,
        reassessment=_latest_reassessment(person, today),
        weight_goal=goal,
    )


def _test_series(person: User, today: date) -> tuple[str | None, dict[SeriesId, list[Point]]]:
    rows = list(
        FunctionTest.objects.filter(person=person, taken_on__lte=today)
        .order_by("taken_on", "pk")
        .values_list("kind", "taken_on", "result")
    )
    chairs = [kind for kind, _, _ in rows if kind in CHAIR_KINDS]
    chair = chairs[-1] if chairs else None  # the chair used last; the other is not mixed in
    stages: dict[date, float] = {}
    stands: list[Point] = []
    one_leg: list[Point] = []
    for kind, day, result in rows:
        if not isinstance(result, dict):
            continue
        if kind in (FunctionTestKind.TWO_STEP, FunctionTestKind.STAND_UP):
            stage = result.get("stage")
            if isinstance(stage, int):
                stages[day] = max(stages.get(day, 0.0), float(stage))
        elif kind == chair and isinstance(result.get("count"), int):
            stands.append(Point(day, float(result["count"])))
        elif kind == FunctionTestKind.ONE_LEG and isinstance(result.get("seconds"), int | float):
            one_leg.append(Point(day, float(result["seconds"])))
    return chair, {
        "locomo_stage": [Point(d, s) for d, s in sorted(stages.items())],
        "chair_stand": stands,
        "one_leg_standing": one_leg,
    }


def _latest_reassessment(person: User, today: date) -> tuple[date, Triage] | None:
    latest = (
        Assessment.objects.filter(person=person, source=AssessmentSource.REASSESSMENT)
        .order_by("-created_at", "-pk")
        .values_list("created_at", "assessment")
        .first()
    )
    if latest is None or not isinstance(latest[1], dict):
        return None
    day = timezone.localdate(latest[0])
    if day > today:
        return None
    try:
        return day, Triage.model_validate(latest[1].get("triage"))
    except ValidationError:
        # Stored by an older engine in a shape this one cannot read: the self-check page
        # showed its own advice at the time; the journey does not guess.
        log.warning("reassessment of %s: triage not readable", day)
        return None


def escalations_unseen(*, person: User) -> QuerySet[Escalation]:
    """Raised and not yet marked as read: for the today page. Most urgent first, then newest."""
    rank = Case(
        *(When(urgency=u.value, then=Value(i)) for i, u in enumerate(URGENCY_ORDER)),
        default=Value(len(URGENCY_ORDER)),
    )
    found = Escalation.objects.filter(person=person, seen_at__isnull=True)
    return found.order_by(rank, "-raised_on", "-pk")


def escalations_recent(*, person: User, today: date) -> list[Escalation]:
    since = today - timedelta(days=RECENT_ESCALATION_DAYS - 1)
    found = Escalation.objects.filter(person=person, raised_on__gte=since, raised_on__lte=today)
    return list(found.order_by("-raised_on", "-pk"))


@dataclass(frozen=True, slots=True)
class EscalationShown:
    """A stored message in one language, for journey/measures/_escalation.html."""

    pk: int
    raised_on: date
    urgency: str
    seen: bool
    headline: str
    reasons: list[str]
    what_to_do: list[str]
    specialist: bool  # show the clinic's contact (selectors.clinic_contact())
    source: str


def _in(value: object, lang: Lang) -> str:
    if not isinstance(value, dict):
        return ""
    return str(value.get(lang) or value.get("en") or value.get("ja") or "")


def escalation_shown(row: Escalation, lang: Lang) -> EscalationShown:
    message: dict[str, Any] = row.message if isinstance(row.message, dict) else {}

    def texts(key: str) -> list[str]:
        found = message.get(key)
        return [t for t in (_in(v, lang) for v in found) if t] if isinstance(found, list) else []

    return EscalationShown(
        pk=row.pk,
        raised_on=row.raised_on,
        urgency=row.urgency,
        seen=row.seen_at is not None,
        headline=_in(message.get("headline"), lang),
        reasons=texts("reasons"),
        what_to_do=texts("what_to_do"),
        specialist=bool(message.get("specialist", row.urgency == "soon")),
        source=str(message.get("source") or ""),
    )
