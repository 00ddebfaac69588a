"""The demo person's year, simulated day by day (see journey/demo/services.py for the why).

The person: the knee-origin example (68, right knee first, back later). Knee pain starts near
6/10 and eases towards 3, back pain from 4 towards 2, each with day-to-day noise; weeks 7-9 are a
flare (knee about 3 points worse, mornings not settling, walks cut short). Sessions, diary and
walking follow from the pain; each week the core reviews every exercise and the walking target,
and the journey's services store any change with its reason. Outcomes every 4 weeks and function
tests every 3 months are scored by the core through the measures services. Sessions, their items
and the diary are returned unsaved, for bulk_create.
"""

from __future__ import annotations

import math
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import (
    Dose,
    ExerciseState,
    SessionRecord,
    WalkDay,
    review_exercise,
    review_walking,
    walking_start,
)
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.care.journey.schedule import schedule
from hizakoshi.care.model import Text
from hizakoshi.journey.checkins.services import psfs_activities_set
from hizakoshi.journey.demo.measures import (
    ACTIVITIES,
    AGE,
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
from hizakoshi.journey.plan.selectors import walking_target_active
from hizakoshi.journey.plan.services import plan_item_change, walking_target_change

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
    person: User
    items: list[PlanItem]
    doses: dict[str, Dose]
    walking: WalkingAmount


def simulate(
    *, person: User, start: date, today: date, items: list[PlanItem], rng: random.Random
) -> History:
    history = History(start=start)
    days = _days(start, today, rng)
    plan = _Plan(
        person=person,
        items=items,
        doses={i.exercise_id: _dose(i) for i in items},
        walking=_walking_now(person),
    )
    records: dict[str, list[SessionRecord]] = defaultdict(list)
    walks: list[WalkDay] = []
    psfs = psfs_activities_set(person=person, names=ACTIVITIES, today=start)
    for n, d in enumerate(days):
        walked = _walk(d, plan.walking, rng)
        walks.append(walked)
        _session(history, person, d, plan, records, rng)
        # A few days the diary is forgotten, never on a weigh-in day, the first or the last.
        if rng.random() > 0.04 or n % 7 == 0 or n == len(days) - 1:
            history.diary.append(_diary(person, n, d, walked, rng))
        if n % schedule().checkins.every_days == 0:  # the demo answers on each check-in day
            outcomes_on(
                person, n, d.day, knee=d.knee, back=d.back, flare=d.flare, psfs=psfs, rng=rng
            )
        if n % TESTS_EVERY == 0:
            function_tests_on(person, n, d.day)
        if n % 7 == 6 and d.day < today:
            _review_week(plan, d, records, walks, start)
    return history


def _walking_now(person: User) -> WalkingAmount:
    target = walking_target_active(person=person)
    if target is None:  # the example's plan always has walking; this is only a fallback
        return WalkingAmount(unit="minutes", per_day=10, days_per_week=5)
    unit = "steps" if target.unit == "steps" else "minutes"
    return WalkingAmount(unit=unit, per_day=target.per_day, days_per_week=target.days_per_week)


def _dose(item: PlanItem) -> Dose:
    return Dose(
        level=item.level,
        sets=item.sets,
        reps=item.reps,
        hold_seconds=item.hold_seconds,
        times_per_day=item.times_per_day,
        per_side=item.per_side,
    )


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


def _session(
    history: History,
    person: User,
    d: Day,
    plan: _Plan,
    records: dict[str, list[SessionRecord]],
    rng: random.Random,
) -> None:
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
    morning = _morning(d)
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
        records[item.exercise_id].append(
            SessionRecord(
                day=d.day,
                done=not skip,
                pain_during=None if skip else pain,
                next_morning_pain=None if skip else morning,
                skip_reason=skip or None,
                good_control=d.control,
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


def _review_week(
    plan: _Plan,
    d: Day,
    records: dict[str, list[SessionRecord]],
    walks: list[WalkDay],
    start: date,
) -> None:
    since = d.day - timedelta(days=13)
    on = d.day + timedelta(days=1)
    for position, item in enumerate(plan.items):
        current = plan.doses[item.exercise_id]
        review = review_exercise(
            ExerciseState(
                exercise_id=item.exercise_id,
                start=Dose.model_validate(item.start_dose),
                current=current,
            ),
            [r for r in records[item.exercise_id] if r.day >= since],
            usual_pain=d.usual,
            today=d.day,
        )
        if review.action != "hold":
            plan.items[position] = plan_item_change(
                item=item, dose=review.after, reason=review.reason, on=on
            )
            plan.doses[item.exercise_id] = review.after
    _review_walking(plan, d, [w for w in walks if w.day >= since], walks, start)


def _review_walking(
    plan: _Plan, d: Day, recent: list[WalkDay], walks: list[WalkDay], start: date
) -> None:
    changed: tuple[WalkingAmount, Text, bool] | None = None
    if d.day == start + timedelta(days=6):
        first = walking_start(
            walks, start=start, today=d.day, fallback_minutes=plan.walking.per_day, age=AGE
        )
        changed = (first.target, first.reason, first.from_baseline)
    else:
        review = review_walking(plan.walking, recent, usual_pain=d.usual, today=d.day, age=AGE)
        if review.action != "hold":
            changed = (review.after, review.reason, False)
    if changed is not None and changed[0] != plan.walking:
        target, reason, baseline = changed
        walking_target_change(
            person=plan.person,
            target=target,
            reason=reason,
            on=d.day + timedelta(days=1),
            from_baseline=baseline,
        )
        plan.walking = target
