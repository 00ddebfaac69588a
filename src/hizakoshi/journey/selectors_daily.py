"""Reads for the daily pages (today, the guided session, the diary), always for one person.

Also the small pure helpers those reads share: how long a session takes, which exercises fit in
ten minutes today, and which week the weekly review looks at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import Dose
from hizakoshi.care.model import Text
from hizakoshi.journey.models import (
    Assessment,
    DiaryEntry,
    OutcomeResponse,
    PlanItem,
    WalkingTarget,
)

# --- how long a session takes ----------------------------------------------------------------
# Our own estimates (no published source): about 3 s for one movement, a 2 s release after each
# hold, 20 s of rest between sets and sides, and 20 s to read and get into position.
SECONDS_PER_REP = 3
SECONDS_BETWEEN_HOLDS = 2
REST_SECONDS = 20
SETUP_SECONDS = 20
SESSION_LIMIT_SECONDS = 10 * 60  # short sessions keep people going (issue 3, "Why")

# --- schedules -------------------------------------------------------------------------------
OUTCOME_EVERY = timedelta(weeks=4)  # issue 3 §6: outcome measures every 4 weeks
OUTCOME_EARLY = timedelta(days=7)  # a measure taken up to a week early counts for that date
SCHEDULED_INSTRUMENTS = ("nrs", "psfs")  # the two whose text ships (clinical-spec §3)
DIARY_EDIT_DAYS = 7  # today and the six days before can still be filled in or changed
WEIGHT_EVERY = timedelta(days=7)
WEEK = timedelta(days=7)


def dose_of(item: PlanItem) -> Dose:
    return Dose(
        level=item.level,
        sets=item.sets,
        reps=item.reps,
        hold_seconds=item.hold_seconds,
        times_per_day=item.times_per_day,
        per_side=item.per_side,
    )


def dose_seconds(dose: Dose) -> int:
    """One round of the exercise (times_per_day is spread over the day, not done at once)."""
    per_rep = dose.hold_seconds + SECONDS_BETWEEN_HOLDS if dose.hold_seconds else SECONDS_PER_REP
    rounds = dose.sets * (2 if dose.per_side else 1)
    return per_rep * (dose.reps or 1) * rounds + REST_SECONDS * (rounds - 1) + SETUP_SECONDS


@dataclass(frozen=True)
class SessionPick:
    items: tuple[PlanItem, ...]  # in the plan's order
    seconds: int
    left_out: tuple[PlanItem, ...]

    @property
    def minutes(self) -> int:
        return -(-self.seconds // 60)


def pick_session(items: Sequence[PlanItem], *, day: date) -> SessionPick:
    """The exercises that fit in ten minutes today.

    When the whole plan does not fit, the starting point moves on by one exercise each day, so
    an exercise left out today comes first another day and each one still gets done in a week.
    """
    if not items:
        return SessionPick((), 0, ())
    offset = day.toordinal() % len(items)
    rotated = [*items[offset:], *items[:offset]]
    chosen: list[PlanItem] = []
    total = 0
    for item in rotated:
        cost = dose_seconds(dose_of(item))
        if total + cost <= SESSION_LIMIT_SECONDS:
            chosen.append(item)
            total += cost
    if not chosen:
        # A single exercise longer than ten minutes: offer the shortest rather than nothing.
        shortest = min(items, key=lambda i: dose_seconds(dose_of(i)))
        chosen, total = [shortest], dose_seconds(dose_of(shortest))
    order = {id(item): n for n, item in enumerate(items)}
    chosen.sort(key=lambda i: order[id(i)])
    left = tuple(i for i in items if all(i is not c for c in chosen))
    return SessionPick(tuple(chosen), total, left)


def session_for_day(*, person: User, day: date) -> SessionPick:
    items = list(PlanItem.objects.filter(person=person, active=True).order_by("position", "pk"))
    return pick_session(items, day=day)


def plan_item_for(*, person: User, exercise_id: str) -> PlanItem | None:
    return PlanItem.objects.filter(person=person, exercise_id=exercise_id, active=True).first()


# --- the journey's calendar ------------------------------------------------------------------


def journey_start_day(*, person: User) -> date | None:
    """The day of the first assessment kept in the account: every schedule counts from it."""
    first = Assessment.objects.filter(person=person).order_by("created_at", "pk").first()
    return None if first is None else timezone.localdate(first.created_at)


def review_week_end(*, start: date, today: date) -> date | None:
    """The last day of the latest full week since `start` (weeks run from the start day)."""
    weeks = (today - start).days // 7
    return None if weeks < 1 else start + weeks * WEEK - timedelta(days=1)


def outcomes_due(
    *,
    person: User,
    today: date,
    instruments: Sequence[str] = SCHEDULED_INSTRUMENTS,
) -> list[str]:
    """Instruments due now: one every four weeks from the first assessment (the first on that
    day, as the baseline), unless taken since a week before the latest due date."""
    start = journey_start_day(person=person)
    if start is None or today < start:
        return []
    due_on = start + ((today - start) // OUTCOME_EVERY) * OUTCOME_EVERY
    taken = set(
        OutcomeResponse.objects.filter(
            person=person,
            instrument__in=list(instruments),
            taken_on__gte=due_on - OUTCOME_EARLY,
            taken_on__lte=today,
        ).values_list("instrument", flat=True)
    )
    return [name for name in instruments if name not in taken]


def next_outcomes_day(*, person: User, today: date) -> date | None:
    start = journey_start_day(person=person)
    if start is None:
        return None
    return start + ((today - start) // OUTCOME_EVERY + 1) * OUTCOME_EVERY


# --- the diary ---------------------------------------------------------------------------------


def diary_entry_get(*, person: User, day: date) -> DiaryEntry | None:
    return DiaryEntry.objects.filter(person=person, day=day).first()


def diary_recent(*, person: User, today: date, days: int = DIARY_EDIT_DAYS) -> list[DiaryEntry]:
    first = today - timedelta(days=days - 1)
    found = DiaryEntry.objects.filter(person=person, day__gte=first, day__lte=today)
    return list(found.order_by("-day"))


def diary_editable(day: date, *, today: date) -> bool:
    return today - timedelta(days=DIARY_EDIT_DAYS - 1) <= day <= today


def weight_due(*, person: User, today: date) -> bool:
    last = (
        DiaryEntry.objects.filter(person=person, weight_kg__isnull=False, day__lte=today)
        .order_by("-day")
        .values_list("day", flat=True)
        .first()
    )
    return last is None or today - last >= WEIGHT_EVERY


def knee_sides(assessment: Assessment | None) -> tuple[str, ...]:
    """The knee(s) the diary asks about: those that hurt at the latest check, else both."""
    side = (assessment.answers or {}).get("knee_side") if assessment else None
    return (side,) if side in ("left", "right") else ("left", "right")


# --- plan changes --------------------------------------------------------------


@dataclass(frozen=True)
class PlanChangeView:
    exercise_id: str | None  # None: walking
    started_on: date
    reason: Text


def _text(value: Any) -> Text | None:
    if isinstance(value, dict) and isinstance(value.get("ja"), str):
        return Text(ja=value["ja"], en=str(value.get("en", "")))
    return None


def plan_changes_since(*, person: User, since: date) -> list[PlanChangeView]:
    """Amounts changed by the weekly review from `since` on, with their reasons.

    A change is a row that took over from a row of the same exercise ended that day; new plans
    from a self-check start rows without a predecessor, so they are not listed here.
    """
    found: list[PlanChangeView] = []
    items = PlanItem.objects.filter(person=person, started_on__gte=since, reason__isnull=False)
    ended = {
        (row.exercise_id, row.ended_on)
        for row in PlanItem.objects.filter(person=person, active=False, ended_on__gte=since)
    }
    for item in items.order_by("-started_on", "position"):
        reason = _text(item.reason)
        if reason and (item.exercise_id, item.started_on) in ended:
            found.append(PlanChangeView(item.exercise_id, item.started_on, reason))
    # A new plan from a self-check also ends the walking target and starts one (no predecessor
    # test works there), but it starts exercise rows without a reason on the same day.
    new_plans = set(
        PlanItem.objects.filter(
            person=person, started_on__gte=since, reason__isnull=True
        ).values_list("started_on", flat=True)
    )
    ended_walks = set(
        WalkingTarget.objects.filter(person=person, active=False, ended_on__gte=since).values_list(
            "ended_on", flat=True
        )
    )
    walks = WalkingTarget.objects.filter(person=person, started_on__gte=since)
    for walk in walks.order_by("-started_on", "-pk"):
        reason = _text(walk.reason)
        if reason and walk.started_on in ended_walks and walk.started_on not in new_plans:
            found.append(PlanChangeView(None, walk.started_on, reason))
    return found
