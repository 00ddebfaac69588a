"""Where each row of the plan came from, and what the automatic rules may do with it.

Every row of the plan (one exercise's amount, the walking target) records its origin:
- "selfcheck": the plan a self-check made (the first one, or one retaken during the journey);
- "weekly": the weekly pain-monitoring review stepped it up or back (progression.py, walking.py);
- "clinician": a doctor or physiotherapist of a clinic the person linked with set it.

The rule: a clinician's decision stands until a clinician changes it again. The weekly rules do
not step a clinician's row up or back (`review_planned_exercise` / `review_planned_walking` give
None), and a retaken self-check's automatic plan neither replaces a clinician's row nor brings
back an exercise a clinician removed (`selfcheck_plan_merge`).

Safety first, without undoing: a warning sign in the diary still pauses the whole plan, the
clinician's rows included (care.journey.pause). Pausing changes no row, so the clinician's amount
is there again once a doctor has seen the person. The escalation rules read the diary and the
measures, not the plan, so they fire as before. What the weekly rules do not do is step a
clinician's amount back after a painful week: that would silently undo a decision taken with the
person in the room (a clinician may set a deliberately gentle, or deliberately harder, amount),
and the person can skip any exercise for pain in the session while their clinic sees the diary.

Source: our own rule for issue 11 (clinicians adjust the plan): the clinician who examined the
person outranks the automatic rules that only read the diary; red-flag pausing stays (clinical-
spec.md §1: warning signs pause self-care completely).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Literal, get_args

from hizakoshi.care.journey.ladder import Dose
from hizakoshi.care.journey.progression import (
    ExerciseReview,
    ExerciseState,
    SessionRecord,
    review_exercise,
)
from hizakoshi.care.journey.walking import (
    Unit,
    WalkDay,
    WalkingReview,
    WalkingTarget,
    review_walking,
)
from hizakoshi.care.model import Frozen, Text, field_bounds

Origin = Literal["selfcheck", "weekly", "clinician"]
ORIGINS: tuple[Origin, ...] = get_args(Origin)
RULE_SOURCE = "Our own rule (issue 11): a clinician's change stands until a clinician changes it"


def automatic_may_change(origin: Origin) -> bool:
    """Whether the automatic rules (the weekly review, a retaken self-check) may change a row."""
    return origin != "clinician"


# --- the weekly rules ----------------------------------------------------------------------------


def review_planned_exercise(
    state: ExerciseState,
    origin: Origin,
    records: Iterable[SessionRecord],
    *,
    usual_pain: int,
    today: date,
) -> ExerciseReview | None:
    """The week's decision for a row of the plan; None when the row is a clinician's, which the
    weekly rules leave as it is (neither up nor back)."""
    if not automatic_may_change(origin):
        return None
    return review_exercise(state, records, usual_pain=usual_pain, today=today)


def review_planned_walking(
    target: WalkingTarget,
    origin: Origin,
    days: Iterable[WalkDay],
    *,
    usual_pain: int,
    today: date,
    age: int,
) -> WalkingReview | None:
    """The week's decision for the walking target; None when a clinician set it."""
    if not automatic_may_change(origin):
        return None
    return review_walking(target, days, usual_pain=usual_pain, today=today, age=age)


# --- a retaken self-check ------------------------------------------------------------------------


class PlanRow(Frozen):
    """An active row of the plan, as far as the merge needs it."""

    exercise_id: str
    origin: Origin


class PlanMerge(Frozen):
    end: tuple[str, ...]  # active rows the new plan replaces
    keep: tuple[str, ...]  # a clinician's rows, which stay as they are
    start: tuple[str, ...]  # the new plan's exercises that start now, in the plan's order


def selfcheck_plan_merge(
    active: Iterable[PlanRow],
    proposed: Sequence[str],
    *,
    removed_by_clinician: Iterable[str] = (),
) -> PlanMerge:
    """A self-check's new plan (`proposed`, exercise ids in order) over the active rows.

    The automatic rows end and the new plan starts, except where a clinician decided: their rows
    stay (the new plan's amount of the same exercise is not started), and an exercise they took
    out of the plan (`removed_by_clinician`: no active row, the last one ended by a clinician)
    does not come back."""
    rows = list(active)
    keep = tuple(r.exercise_id for r in rows if not automatic_may_change(r.origin))
    end = tuple(r.exercise_id for r in rows if automatic_may_change(r.origin))
    blocked = set(keep) | set(removed_by_clinician)
    start = tuple(dict.fromkeys(e for e in proposed if e not in blocked))
    return PlanMerge(end=end, keep=keep, start=start)


def selfcheck_replaces_walking(origin: Origin | None) -> bool:
    """A new plan's walking target replaces the active one unless a clinician set it."""
    return origin is None or automatic_may_change(origin)


# --- what a clinician may enter ------------------------------------------------------------------
# The bounds are the core's own types' (Dose, WalkDay): an amount the ladder, the session or the
# diary could not hold is refused with a message, never stored.


def dose_limits(levels: int) -> dict[str, tuple[int, int]]:
    """The range of each field of a dose; the level stops at the exercise's own versions
    (care.content.Exercise.levels), as the progression ladder does."""
    found = {f: field_bounds(Dose, f) for f in ("level", "sets", "reps", "hold_seconds")}
    found["times_per_day"] = field_bounds(Dose, "times_per_day")
    low, high = found["level"]
    found["level"] = (low, max(low, min(high, levels)))
    return found


def walking_limits(unit: Unit) -> tuple[int, int]:
    """A daily target the diary can record (WalkDay), and at least the target type's floor."""
    low, high = field_bounds(WalkDay, unit)
    floor, ceiling = field_bounds(WalkingTarget, "per_day")
    return max(low, floor), min(high, ceiling)


def days_limits() -> tuple[int, int]:
    return field_bounds(WalkingTarget, "days_per_week")


def _outside(low: int, high: int) -> Text:
    return Text(
        ja=f"{low}から{high}までの数を入れてください。",
        en=f"Enter a number from {low} to {high}.",
    )


NEEDS_AMOUNT = Text(
    ja="回数か秒数(キープ)のどちらかを入れてください。",
    en="Enter the repetitions or the seconds to hold (or both).",
)


def dose_problems(
    *,
    level: int,
    sets: int,
    reps: int | None,
    hold_seconds: int | None,
    times_per_day: int,
    levels: int,
) -> dict[str, Text]:
    """What is wrong with a clinician's dose, by field (empty when it may be stored)."""
    given = {
        "level": level,
        "sets": sets,
        "reps": reps,
        "hold_seconds": hold_seconds,
        "times_per_day": times_per_day,
    }
    problems: dict[str, Text] = {}
    for field, (low, high) in dose_limits(levels).items():
        value = given[field]
        if value is not None and not low <= value <= high:
            problems[field] = _outside(low, high)
    if reps is None and hold_seconds is None:
        problems["reps"] = NEEDS_AMOUNT
    return problems


def walking_problems(*, unit: Unit, per_day: int, days_per_week: int) -> dict[str, Text]:
    problems: dict[str, Text] = {}
    low, high = walking_limits(unit)
    if not low <= per_day <= high:
        problems["per_day"] = _outside(low, high)
    low, high = days_limits()
    if not low <= days_per_week <= high:
        problems["days_per_week"] = _outside(low, high)
    return problems
