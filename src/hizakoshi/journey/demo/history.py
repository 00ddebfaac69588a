"""The demo person's year, simulated day by day (see journey/demo/services.py for the why).

The person: the knee-origin example (68, right knee first, back later). Knee pain starts near
6/10 and eases towards 3, back pain from 4 towards 2, each with day-to-day noise; weeks 7-9 are a
flare (knee about 3 points worse, mornings not settling, walks cut short). Sessions, diary and
walking follow from the pain. The morning after each week ends, the records so far are stored
and the real weekly review (journey/review/services.py, as the daily job runs it) changes the
plan with its reasons; the next days follow the plan it left. Outcomes every 4 weeks and function
tests every 3 months are scored by the core through the measures services.
"""

from __future__ import annotations

import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import Dose, WalkDay
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.care.journey.schedule import review_week_end, schedule
from hizakoshi.journey.checkins.services import psfs_activities_set
from hizakoshi.journey.demo.measures import (
    ACTIVITIES,
    TESTS_EVERY,
    function_tests_on,
    outcomes_on,
)
from hizakoshi.journey.models import (
    DailyLife,
    DiaryEntry,
    ExerciseSession,
    Feeling,
    PlanItem,
    SessionItem,
)
from hizakoshi.journey.plan.selectors import plan_items_active, walking_target_active
from hizakoshi.journey.review.services import plan_review_week
from hizakoshi.journey.session.selectors import dose_of

FLARE = range(45, 66)  # day numbers of the flare (weeks 7-9)


FLARE_RAMP = 3  # days to reach its full height and to settle again


SESSION_DAYS_A_WEEK = 4.2


WEIGHT_FROM, WEIGHT_TO = 63.0, 59.4


NOTES = (
    "孫と公園まで歩いた",
    "雨で散歩はお休み",
    "階段が少し楽になった気がする",
    "朝のこわばりが短い",
    "買い物のあと膝が重い",
    "体操を忘れずにできた",
)


def _clip(x: float, low: int = 0, high: int = 10) -> int:
    return max(low, min(high, round(x)))


@dataclass
class Day:
    day: date
    knee: int
    back: int
    trend: float  # knee pain without the day-to-day noise: what effort-related pain follows
    flare: bool
    usual: int  # the person's usual knee pain these weeks: what "settled by morning" means
    settled: bool  # next morning back to the usual level
    control: bool | None  # "I feel the pain is under good control" (None: not answered)


def _morning(d: Day) -> int:
    # Settled: mornings are a little easier than the day's usual, and "usual" drifts down over
    # the weeks, so a settled morning must not read as above the usual of the week's review.
    return max(0, d.usual - 1) if d.settled else _clip(d.usual + 2)


@dataclass
class History:
    """The records not stored yet (stored each week, before the review reads them)."""

    sessions: list[ExerciseSession] = field(default_factory=list)
    session_items: list[list[SessionItem]] = field(default_factory=list)
    diary: list[DiaryEntry] = field(default_factory=list)
    start: date = date.min

    def flare_days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in FLARE]


def _flare_height(n: int) -> float:
    if n not in FLARE:
        return 0.0
    into, left = n - FLARE.start, FLARE.stop - 1 - n
    return min(1.0, (into + 1) / FLARE_RAMP, (left + 1) / FLARE_RAMP)


def _days(start: date, today: date, rng: random.Random) -> list[Day]:
    days: list[Day] = []
    knees: list[int] = []
    for n in range((today - start).days + 1):
        flare = _flare_height(n)
        trend = 3 + 3 * math.exp(-n / 150) + 3.0 * flare
        knee = _clip(trend + rng.gauss(0, 0.5))
        back = _clip(1.5 + 2.5 * math.exp(-n / 18) + rng.gauss(0, 0.4))
        recent = knees[-28:] or [knee]
        usual = round(sum(recent) / len(recent))
        knees.append(knee)
        in_flare = flare > 0
        control = (
            (False if rng.random() < 0.7 else None)
            if in_flare
            else (True if rng.random() < 0.55 else None)
        )
        settled = not in_flare or rng.random() < 0.3
        days.append(
            Day(start + timedelta(days=n), knee, back, trend, in_flare, usual, settled, control)
        )
    return days


@dataclass
class _Plan:
    items: list[PlanItem]
    doses: dict[str, Dose]
    walking: WalkingAmount


def _plan_now(person: User) -> _Plan:
    """The plan as stored: what the person follows until the next weekly review changes it."""
    items = list(plan_items_active(person=person))
    return _Plan(items, {i.exercise_id: dose_of(i) for i in items}, _walking_now(person))


def simulate(*, person: User, start: date, today: date, rng: random.Random) -> History:
    """Simulate and store the year; returns the (empty) history with its start day."""
    history = History(start=start)
    days = _days(start, today, rng)
    plan = _plan_now(person)
    psfs = psfs_activities_set(person=person, names=ACTIVITIES, today=start)
    reviewed: date | None = None
    for n, d in enumerate(days):
        week_end = review_week_end(start=start, today=d.day)
        if week_end is not None and week_end != reviewed:
            # The morning after a week ends (when the daily job runs): the week's records are
            # stored and the real review reads them, exactly as it would for a real person.
            store(person, history)
            plan_review_week(person=person, week_end=week_end)
            reviewed = week_end
            plan = _plan_now(person)
        walked = _walk(d, plan.walking, rng)
        _session(history, person, d, plan, rng)
        # A few days the diary is forgotten, never on a weigh-in day, the first or the last.
        if rng.random() > 0.04 or n % 7 == 0 or n == len(days) - 1:
            history.diary.append(_diary(person, n, d, walked, rng))
        if n % schedule().checkins.every_days == 0:  # the demo answers on each check-in day
            outcomes_on(
                person, n, d.day, knee=d.knee, back=d.back, flare=d.flare, psfs=psfs, rng=rng
            )
        if n % TESTS_EVERY == 0:
            function_tests_on(person, n, d.day)
    store(person, history)
    return history


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def store(person: User, history: History) -> None:
    """Store the records simulated since the last call and forget them."""
    sessions = ExerciseSession.objects.bulk_create(history.sessions)
    items: list[SessionItem] = []
    for session, planned in zip(sessions, history.session_items, strict=True):
        for item in planned:
            item.session = session
            items.append(item)
    SessionItem.objects.bulk_create(items)
    DiaryEntry.objects.bulk_create(history.diary)
    # auto_now fields took the moment of loading; the demo's records were written back then.
    for entry in history.diary:
        entry.created_at = entry.updated_at = _at(entry.day, 21)
    DiaryEntry.objects.bulk_update(history.diary, ["created_at", "updated_at"], batch_size=500)
    history.sessions, history.session_items, history.diary = [], [], []


def _walking_now(person: User) -> WalkingAmount:
    target = walking_target_active(person=person)
    if target is None:  # the example's plan always has walking; this is only a fallback
        return WalkingAmount(unit="minutes", per_day=10, days_per_week=5)
    unit = "steps" if target.unit == "steps" else "minutes"
    return WalkingAmount(unit=unit, per_day=target.per_day, days_per_week=target.days_per_week)


def _walk(d: Day, target: WalkingAmount, rng: random.Random) -> WalkDay:
    skipped = d.flare and rng.random() < 0.4
    goes = not skipped and rng.random() < target.days_per_week / 7 + 0.1
    minutes = _clip(target.per_day * (0.6 if d.flare else 1.0) + rng.gauss(0, 3), 0, 600)
    return WalkDay(
        day=d.day,
        minutes=minutes if goes else 0,
        pain_during=_clip(d.trend - 1.5 + rng.gauss(0, 0.4)) if goes else None,
        next_morning_pain=_morning(d),
        skipped_for_pain=skipped,
        good_control=d.control,
    )


def _session(history: History, person: User, d: Day, plan: _Plan, rng: random.Random) -> None:
    chance = SESSION_DAYS_A_WEEK / 7 * (0.6 if d.flare else 1.0)
    if rng.random() >= chance:
        return
    pain = _clip(d.trend - 1.5 + rng.gauss(0, 0.4))
    started = datetime.combine(d.day, time(9, 0), tzinfo=timezone.get_current_timezone())
    started += timedelta(minutes=rng.randrange(0, 90))
    feeling = (
        Feeling.WORSE if pain >= 6 else Feeling.BETTER if rng.random() < 0.35 else Feeling.SAME
    )
    history.sessions.append(
        ExerciseSession(
            person=person,
            client_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            started_at=started,
            finished_at=started + timedelta(minutes=rng.randrange(7, 12)),
            pain_during=pain,
            feeling=feeling,
        )
    )
    items: list[SessionItem] = []
    for position, item in enumerate(plan.items):
        dose = plan.doses[item.exercise_id]
        # On a bad day the hardest exercise (the last) is the one left out, with the reason.
        skip = "pain" if pain >= 6 and position == len(plan.items) - 1 else ""
        if not skip and rng.random() < 0.03:
            skip = "no_time"
        items.append(
            SessionItem(
                person=person,
                position=position,
                exercise_id=item.exercise_id,
                level=dose.level,
                reps_done=None if skip else dose.reps,
                sets_done=None if skip else dose.sets,
                hold_seconds=None if skip else dose.hold_seconds,
                skipped=bool(skip),
                skip_reason=skip,
            )
        )
    history.session_items.append(items)


def _diary(person: User, n: int, d: Day, walked: WalkDay, rng: random.Random) -> DiaryEntry:
    bad = d.knee >= 6
    return DiaryEntry(
        person=person,
        day=d.day,
        knee_pain_left=None,  # the right knee is the one that hurts
        knee_pain_right=d.knee,
        back_pain=d.back,
        walking_pain=walked.pain_during,
        morning_stiffness_min=_clip(d.knee * 2.5 + rng.gauss(0, 2), 0, 600),
        walking_minutes=walked.minutes,
        skipped_walk_for_pain=walked.skipped_for_pain,
        sleep_disturbed=bad and rng.random() < 0.5,
        next_morning_back_to_usual=d.settled,
        good_control=d.control,
        daily_life=DailyLife.MODERATE if bad or d.flare else DailyLife.LITTLE,
        weight_kg=_weight(n, rng) if n % 7 == 0 else None,
        red_flag_signs=[],
        notes=NOTES[rng.randrange(len(NOTES))] if rng.random() < 0.07 else "",
    )


def _weight(n: int, rng: random.Random) -> Decimal:
    kg = WEIGHT_FROM + (WEIGHT_TO - WEIGHT_FROM) * min(1.0, n / 300) + rng.gauss(0, 0.3)
    return Decimal(f"{kg:.1f}")
