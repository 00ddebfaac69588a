"""An exercise's amounts as a ladder of rungs: repetitions, then sets, then level (NEMEX).

The ladder is built from the amount the plan started with, so stepping up and back are always
one rung: a dose that is not on the ladder (edited by hand) moves to the nearest rung above or
below it, never further.
"""

from __future__ import annotations

from pydantic import Field

from hizakoshi.care.content import ExerciseDosage
from hizakoshi.care.journey.content import LadderRule, Notch, journey
from hizakoshi.care.model import Dosage, Frozen, Text
from hizakoshi.care.plan_texts import dosage_text


class Dose(Frozen):
    level: int = Field(default=1, ge=1, le=5)
    sets: int = Field(ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=50)
    hold_seconds: int | None = Field(default=None, ge=1, le=120)
    times_per_day: int = Field(default=1, ge=1, le=5)
    per_side: bool = False

    @classmethod
    def from_dosage(cls, dosage: Dosage | ExerciseDosage, level: int = 1) -> Dose:
        return cls(
            level=level,
            sets=dosage.sets,
            reps=dosage.reps,
            hold_seconds=dosage.hold_seconds,
            times_per_day=dosage.times_per_day,
            per_side=dosage.per_side,
        )

    @property
    def rung(self) -> tuple[int, int, int]:
        """Order on the ladder: level first, then sets, then repetitions."""
        return (self.level, self.sets, self.reps or 0)

    def text(self) -> Text:
        level = journey().progression.level.format(level=self.level)
        amount = dosage_text(
            self.hold_seconds, self.reps, self.sets, self.times_per_day, self.per_side
        )
        return Text(ja=f"{level.ja}・{amount.ja}", en=f"{level.en}: {amount.en}")


def ladder_rule(start: Dose) -> LadderRule:
    rules = {r.id: r for r in journey().ladders}
    hold = rules["hold"]
    long_hold = (
        start.hold_seconds is not None
        and hold.min_hold_seconds is not None
        and start.hold_seconds >= hold.min_hold_seconds
    )
    return hold if long_hold else rules["strength"]


def _reps_for(sets: int, first_sets: int, start_reps: int, cap: int, step: int) -> list[int]:
    # One more set has a few fewer repetitions each, but always more in total than the rung
    # before it (one set fewer, at the cap).
    low = start_reps if sets == first_sets else max(start_reps, (sets - 1) * cap // sets + 1)
    reps = list(range(low, cap, step))
    return [*reps, cap] if not reps or reps[-1] != cap else reps


def build_ladder(
    start: Dose, rule: LadderRule | None = None, levels: int | None = None
) -> tuple[Dose, ...]:
    """Every rung from `start` up. `levels` caps the rule's levels: an exercise has only as many
    as it has versions (care.content.Exercise.levels)."""
    rule = rule or ladder_rule(start)
    top = rule.levels if levels is None else min(rule.levels, levels)
    rep_cap = None if start.reps is None else max(rule.rep_cap or start.reps, start.reps)
    set_cap = max(rule.set_cap or start.sets, start.sets)
    rungs: list[Dose] = []
    for level in range(start.level, max(start.level, top) + 1):
        for sets in range(start.sets, set_cap + 1):
            counts: list[int | None]
            if start.reps is None or rep_cap is None:
                counts = [None]
            else:
                counts = list(_reps_for(sets, start.sets, start.reps, rep_cap, rule.rep_step))
            rungs += [
                start.model_copy(update={"level": level, "sets": sets, "reps": reps})
                for reps in counts
            ]
    return tuple(rungs)


def step(current: Dose, ladder: tuple[Dose, ...], up: bool) -> Dose | None:
    """The next rung above (or below) the current amount; None at the top (or bottom)."""
    if up:
        return next((r for r in ladder if r.rung > current.rung), None)
    below = [r for r in ladder if r.rung < current.rung]
    return below[-1] if below else None


def notch(before: Dose, after: Dose) -> Notch:
    """What moved between two neighbouring rungs."""
    if before.level != after.level:
        return "level"
    if before.sets != after.sets:
        return "sets"
    return "reps"
