"""The demo patients' journey records, made from their stories (stories.py) as unsaved rows, so
that services.py stores each kind with one bulk insert. Scores come from the core's scoring
(care.scoring), exactly as the check-in pages would store them.

Each active day: a diary entry (most days) and a guided session (as often as the story says);
each check-in day (the start, then every 4 weeks, content/schedule.yaml): knee and/or back NRS
and the PSFS; at the start and at 12 and 24 weeks the longer questionnaire of the story (KOOS,
KOOS-PS, RMDQ or ODI); STarT Back at the start for back pain. Session items only for the last
two weeks (what a clinician opens; the older ones add rows without adding anything to see).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from hizakoshi.care.journey.schedule import schedule
from hizakoshi.care.scoring import ENGINES, score
from hizakoshi.clinic.demo.stories import Story
from hizakoshi.journey.models import (
    DailyLife,
    DiaryEntry,
    ExerciseSession,
    Feeling,
    OutcomeResponse,
    PsfsActivity,
    SessionItem,
)

ACTIVITIES = ("階段を上り下りする", "30分続けて歩く", "床から立ち上がる")


ITEMS_FOR_DAYS = 14  # session items are kept for the last two weeks only (see the docstring)


EXTRA_ROUNDS = (0, 3, 6)  # check-in rounds with the longer questionnaire: start, 12 and 24 weeks


SIGNS = ("leg_weakness", "sciatica_both", "saddle_numbness", "bladder_bowel")  # journey.yaml


# STarT Back answers (Keele's scoring: total 0-9, distress items 5-9): high = distress 4 or
# more; medium = total 4 or more with distress 3 or less; low = total 3 or less.
START_BACK = {
    "high": {"1": 1, "2": 0, "3": 1, "4": 1, "5": 1, "6": 1, "7": 1, "8": 1, "9": 3},
    "medium": {"1": 1, "2": 0, "3": 1, "4": 1, "5": 0, "6": 1, "7": 0, "8": 0, "9": 2},
    "low": {"1": 0, "2": 0, "3": 1, "4": 0, "5": 0, "6": 0, "7": 0, "8": 0, "9": 1},
}


# The plan's exercises in order, each with its amount (reps, sets, hold_seconds).
Plan = list[tuple[str, dict[str, int | None]]]


@dataclass
class Rows:
    """One patient's unsaved rows (their person is set; sessions get their items once saved)."""

    outcomes: list[OutcomeResponse] = field(default_factory=list)
    diary: list[DiaryEntry] = field(default_factory=list)
    sessions: list[ExerciseSession] = field(default_factory=list)
    session_items: list[list[SessionItem]] = field(default_factory=list)
    activities: list[PsfsActivity] = field(default_factory=list)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def _clip(x: float, low: int, high: int) -> int:
    return max(low, min(high, round(x)))


def _outcome(
    person_id: int, instrument: str, answers: dict[str, int], day: date, **extra: object
) -> OutcomeResponse:
    return OutcomeResponse(
        person_id=person_id,
        instrument=instrument,
        answers=answers,
        scores=score(instrument, answers).as_dict() | extra,
        taken_on=day,
    )


def _longer(instrument: str, pain: int, rng: random.Random) -> dict[str, int]:
    """Answers that follow the pain: a worse pain, more problems on every item."""
    items = ENGINES[instrument].item_ids
    if instrument == "rmdq":  # yes to about 1.8 statements a point of pain
        yes = set(rng.sample(items, _clip(pain * 1.8 + rng.gauss(0, 1), 0, len(items))))
        return {i: int(i in yes) for i in items}
    top = 5 if instrument == "odi" else 4
    return {i: _clip(pain / 2.5 + rng.gauss(0, 0.5), 0, top) for i in items}


def _checkin_days(story: Story, today: date, rng: random.Random) -> list[tuple[int, date]]:
    """(round, day answered): on the start day, then near each check-in day (up to 3 days early,
    5 late), while the patient is active; some rounds are missed."""
    every = schedule().checkins.every_days
    found = [(0, story.start)]
    last = min(story.last_active, today)
    round_ = 1
    while story.checkins_answered and story.start + timedelta(days=round_ * every) <= last:
        due = story.start + timedelta(days=round_ * every)
        day = min(due + timedelta(days=rng.randint(-3, 5)), last)
        if rng.random() < 0.9:
            found.append((round_, day))
        round_ += 1
    return found


def checkins(story: Story, person_id: int, today: date, rng: random.Random) -> Rows:
    rows = Rows()
    rows.activities = [
        PsfsActivity(person_id=person_id, name=name, created_on=story.start) for name in ACTIVITIES
    ]
    names = {str(i): name for i, name in enumerate(ACTIVITIES, start=1)}
    for round_, day in _checkin_days(story, today, rng):
        knee = story.pain(day, "knee", rng.gauss(0, 0.3))
        back = story.pain(day, "back", rng.gauss(0, 0.3))
        if story.region != "back":
            rows.outcomes.append(_outcome(person_id, "nrs", {"pain": knee}, day, region="knee"))
        if story.region != "knee":
            rows.outcomes.append(_outcome(person_id, "nrs", {"pain": back}, day, region="back"))
        worst = max(knee if story.region != "back" else 0, back if story.region != "knee" else 0)
        ability = 10 - worst
        ratings = {
            str(i): _clip(ability + offset + rng.gauss(0, 0.5), 0, 10)
            for i, offset in enumerate((-1.5, -0.5, 0.0), start=1)
        }
        rows.outcomes.append(_outcome(person_id, "psfs", ratings, day, names=names))
        if story.extra is not None and round_ in EXTRA_ROUNDS:
            pain = knee if story.extra.startswith("koos") else back
            rows.outcomes.append(
                _outcome(person_id, story.extra, _longer(story.extra, pain, rng), day)
            )
        if round_ == 0 and story.region != "knee":
            risk = "high" if story.high_risk else rng.choice(("low", "medium"))
            rows.outcomes.append(_outcome(person_id, "start-back", START_BACK[risk], day))
    return rows


def _diary(story: Story, person_id: int, day: date, rng: random.Random) -> DiaryEntry:
    knee = story.pain(day, "knee", rng.gauss(0, 0.6))
    back = story.pain(day, "back", rng.gauss(0, 0.6))
    worst = max(knee if story.region != "back" else 0, back if story.region != "knee" else 0)
    return DiaryEntry(
        person_id=person_id,
        day=day,
        knee_pain_right=knee if story.region != "back" else None,
        back_pain=back if story.region != "knee" else None,
        morning_stiffness_min=_clip(worst * 2.5 + rng.gauss(0, 2), 0, 600),
        walking_minutes=_clip(30 - worst * 2 + rng.gauss(0, 5), 0, 600),
        walking_pain=_clip(worst - 1 + rng.gauss(0, 0.5), 0, 10),
        next_morning_back_to_usual=rng.random() < 0.8,
        good_control=worst <= 5 if rng.random() < 0.7 else None,
        daily_life=DailyLife.MODERATE if worst >= 6 else DailyLife.LITTLE,
        red_flag_signs=[],
    )


def _session(
    story: Story, person_id: int, day: date, plan: Plan, rng: random.Random, today: date
) -> tuple[ExerciseSession, list[SessionItem]]:
    pain = _clip(max(story.pain(day, "knee", 0), story.pain(day, "back", 0)) - 1.5, 0, 10)
    started = _at(day, rng.randint(8, 19), rng.randrange(60))
    finished = None if rng.random() < 0.03 else started + timedelta(minutes=rng.randint(7, 11))
    session = ExerciseSession(
        person_id=person_id,
        client_id=uuid.UUID(int=rng.getrandbits(128), version=4),
        started_at=started,
        finished_at=finished,
        pain_during=pain,
        feeling=Feeling.WORSE if pain >= 6 else rng.choice((Feeling.SAME, Feeling.BETTER)),
    )
    if (today - day).days >= ITEMS_FOR_DAYS or finished is None:
        return session, []
    items = [
        SessionItem(
            person_id=person_id,
            position=position,
            exercise_id=exercise_id,
            level=1,
            reps_done=dose["reps"],
            sets_done=dose["sets"],
            hold_seconds=dose["hold_seconds"],
        )
        for position, (exercise_id, dose) in enumerate(plan)
    ]
    return session, items


def days(story: Story, person_id: int, plan: Plan, today: date, rng: random.Random) -> Rows:
    """The diary and the sessions of every active day; a warning sign for the red-flag kind."""
    rows = Rows()
    sign_day = today - timedelta(days=rng.randint(0, 3)) if story.kind == "red_flag" else None
    day = story.start
    last = min(story.last_active, today)
    while day <= last:
        if rng.random() < story.diary_chance or day in (story.start, last, sign_day):
            entry = _diary(story, person_id, day, rng)
            if day == sign_day:
                entry.red_flag_signs = [rng.choice(SIGNS)]
            rows.diary.append(entry)
        if rng.random() < story.session_chance:
            session, items = _session(story, person_id, day, plan, rng, today)
            rows.sessions.append(session)
            rows.session_items.append(items)
        day += timedelta(days=1)
    return rows
