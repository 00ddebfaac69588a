"""What happens to each demo patient: a kind of history and its numbers, drawn from a seeded
random generator, so every run on the same day tells the same stories (records.py turns them
into rows). Made up; nobody real.

The kinds are the ones a clinic's dashboard must tell apart: new this week, improving, the
same, worsening (pain up beyond its minimal important change: the escalation rules pick it up),
inactive for three weeks, dropped out (no record for one to three months), a warning sign ticked
in the diary in the last days, check-ins overdue while the diary goes on. About a third of the
back-pain patients answered STarT Back in its high-risk group.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Kind = Literal[
    "new", "improving", "unchanged", "worsening", "inactive", "dropped", "red_flag", "overdue"
]
Region = Literal["knee", "back", "both"]
Extra = Literal["koos", "koos-ps", "rmdq", "odi"]

# How many of each kind, for 200 patients (scaled for another count): most improve, as in a
# clinic whose patients do their exercises; enough of every other kind to fill the dashboard.
KINDS: tuple[tuple[Kind, int], ...] = (
    ("improving", 70),
    ("unchanged", 30),
    ("worsening", 20),
    ("new", 18),
    ("overdue", 22),
    ("inactive", 16),
    ("dropped", 16),
    ("red_flag", 8),
)


INACTIVE_DAYS = 21  # "inactive for three weeks"


LONGEST = 240  # days: the oldest demo link


@dataclass(frozen=True)
class Story:
    n: int  # 1-based: the patient's number in the e-mail address
    kind: Kind
    region: Region
    start: date  # the journey's start (the first self-check)
    linked: date  # the day the patient linked with the clinic (on or after the start)
    last_active: date  # no record after this day
    knee0: int  # pains at the start (0-10)
    back0: int
    change: float  # NRS points by day 84 (negative: better)
    diary_chance: float  # of a diary entry on an active day
    session_chance: float  # of a session on an active day
    high_risk: bool  # STarT Back high-risk group
    extra: Extra | None  # the longer questionnaire answered at the start and at 12 weeks

    def pain(self, day: date, region: Literal["knee", "back"], noise: float) -> int:
        """The day's pain: the start level moving towards `change` over 12 weeks, then held."""
        base = self.knee0 if region == "knee" else self.back0
        t = min(max((day - self.start).days, 0), 84) / 84
        return max(0, min(10, round(base + self.change * t + noise)))

    @property
    def checkins_answered(self) -> bool:
        """Overdue patients answered the first check-in only."""
        return self.kind != "overdue"


def _spread(kind: Kind, rng: random.Random, today: date) -> tuple[date, date, date]:
    """(start, linked, last active) for one kind."""
    if kind == "new":
        start = today - timedelta(days=rng.randint(0, 6))
        return start, start, today
    earliest = {"inactive": 40, "dropped": 60, "overdue": 36}.get(kind, 21)
    start = today - timedelta(days=rng.randint(earliest, LONGEST))
    # One in eight started the journey on their own and linked with the clinic weeks later.
    linked = start + timedelta(days=rng.randint(7, 28)) if rng.random() < 0.125 else start
    linked = min(linked, today)
    if kind == "inactive":
        return start, linked, today - timedelta(days=INACTIVE_DAYS + rng.randint(0, 3))
    if kind == "dropped":
        gone = rng.randint(30, 90)
        return start, linked, max(start + timedelta(days=14), today - timedelta(days=gone))
    return start, linked, today


def _change(kind: Kind, rng: random.Random) -> float:
    if kind in ("improving", "new"):
        return -rng.uniform(1.5, 4.0)
    if kind == "worsening":
        return rng.uniform(2.0, 3.5)
    if kind in ("inactive", "dropped"):
        return rng.uniform(-2.0, 0.5)
    return rng.uniform(-0.6, 0.6)


def _region(rng: random.Random) -> Region:
    roll = rng.random()
    return "knee" if roll < 0.45 else "back" if roll < 0.8 else "both"


def _extra(region: Region, rng: random.Random) -> Extra | None:
    roll = rng.random()
    if region == "back":
        return "rmdq" if roll < 0.5 else "odi" if roll < 0.8 else None
    return "koos" if roll < 0.5 else "koos-ps" if roll < 0.75 else None


def stories(*, today: date, count: int, seed: int) -> list[Story]:
    """`count` patients' stories ending `today`."""
    rng = random.Random(seed)
    total = sum(n for _, n in KINDS)
    kinds: list[Kind] = [k for k, n in KINDS for _ in range(round(n * count / total))]
    kinds = (kinds + ["improving"] * count)[:count]
    rng.shuffle(kinds)
    found = []
    for n, kind in enumerate(kinds, start=1):
        region = _region(rng)
        start, linked, last = _spread(kind, rng, today)
        worse = kind == "worsening"
        found.append(
            Story(
                n=n,
                kind=kind,
                region=region,
                start=start,
                linked=linked,
                last_active=last,
                knee0=rng.randint(3, 6) if worse else rng.randint(4, 8),
                back0=rng.randint(3, 6) if worse else rng.randint(4, 8),
                change=_change(kind, rng),
                diary_chance=rng.uniform(0.55, 0.95),
                session_chance=rng.uniform(0.2, 0.5) if worse else rng.uniform(0.35, 0.9),
                high_risk=region != "knee" and rng.random() < 0.35,
                extra=_extra(region, rng),
            )
        )
    return found
