"""Reads for the guided session: each exercise's dose, and the exercises that fit today's
session. Which ones fit is the core's rule (care.journey.session); this maps rows to doses and
the core's pick back to rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import Dose, pick_session
from hizakoshi.journey.models import (
    PlanItem,
)


def dose_of(item: PlanItem) -> Dose:
    return Dose(
        level=item.level,
        sets=item.sets,
        reps=item.reps,
        hold_seconds=item.hold_seconds,
        times_per_day=item.times_per_day,
        per_side=item.per_side,
    )


@dataclass(frozen=True)
class SessionRows:
    items: tuple[PlanItem, ...]  # in the plan's order
    left_out: tuple[PlanItem, ...]
    seconds: int
    minutes: int


def session_for_day(*, person: User, day: date) -> SessionRows:
    items = list(PlanItem.objects.filter(person=person, active=True).order_by("position", "pk"))
    pick = pick_session([dose_of(i) for i in items], day=day)
    return SessionRows(
        items=tuple(items[n] for n in pick.picked),
        left_out=tuple(items[n] for n in pick.left_out),
        seconds=pick.seconds,
        minutes=pick.minutes,
    )
