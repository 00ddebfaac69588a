"""Reads for the guided session: each exercise's dose, and the exercises that fit today's
session."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import Dose
from hizakoshi.journey.models import (
    PlanItem,
)

# --- how long a session takes ----------------------------------------------------------------
# Our own estimates (no published source): about 3 s for one movement, a 2 s release after each
# hold, 20 s of rest between sets and sides, and 20 s to read and get into position.
SECONDS_PER_REP = 3


SECONDS_BETWEEN_HOLDS = 2


REST_SECONDS = 20


SETUP_SECONDS = 20


SESSION_LIMIT_SECONDS = 10 * 60  # short sessions keep people going (issue 3, "Why")


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
