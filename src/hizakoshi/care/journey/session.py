"""Which exercises make today's guided session: the ones that fit in the time limit.

Takes the plan's doses as values (care.journey.Dose), in the plan's order, and returns the
positions picked; the shell maps them back to its rows. Timing and limit: content/schedule.yaml
(session), with their source.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hizakoshi.care.journey.ladder import Dose
from hizakoshi.care.journey.schedule import schedule
from hizakoshi.care.model import Frozen


def limit_seconds() -> int:
    return schedule().session.limit_minutes * 60


def dose_seconds(dose: Dose) -> int:
    """One round of the exercise (times_per_day is spread over the day, not done at once)."""
    t = schedule().session
    per_rep = (
        dose.hold_seconds + t.seconds_between_holds if dose.hold_seconds else t.seconds_per_rep
    )
    rounds = dose.sets * (2 if dose.per_side else 1)
    return per_rep * (dose.reps or 1) * rounds + t.rest_seconds * (rounds - 1) + t.setup_seconds


def dose_minutes(dose: Dose) -> int:
    """Shown to the person: whole minutes, rounded up."""
    return -(-dose_seconds(dose) // 60)


class SessionPick(Frozen):
    picked: tuple[int, ...]  # positions in the plan, in the plan's order
    left_out: tuple[int, ...]
    seconds: int

    @property
    def minutes(self) -> int:
        return -(-self.seconds // 60)


def pick_session(doses: Sequence[Dose], *, day: date) -> SessionPick:
    """The exercises that fit in the limit on `day`.

    When the whole plan does not fit, the starting point moves on by one exercise each day, so
    an exercise left out today comes first another day and each one still gets done in a week.
    A single exercise longer than the limit: the shortest is offered rather than nothing.
    """
    if not doses:
        return SessionPick(picked=(), left_out=(), seconds=0)
    limit = limit_seconds()
    costs = [dose_seconds(d) for d in doses]
    offset = day.toordinal() % len(doses)
    chosen: list[int] = []
    total = 0
    for n in [*range(offset, len(doses)), *range(offset)]:
        if total + costs[n] <= limit:
            chosen.append(n)
            total += costs[n]
    if not chosen:
        shortest = min(range(len(doses)), key=costs.__getitem__)
        chosen, total = [shortest], costs[shortest]
    picked = tuple(sorted(chosen))
    left = tuple(n for n in range(len(doses)) if n not in picked)
    return SessionPick(picked=picked, left_out=left, seconds=total)
