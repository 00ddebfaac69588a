"""The pain-monitoring model over one week (clinical-spec §5-6), shared by exercises and walking.

A week is the seven days ending on `today`; "last week" the seven before. Each sign is checked
and worded with the person's own numbers; the verdict says whether the amount may step up, must
step back, or holds. Any failed sign steps back, even on a thin week: stepping back is the safe
direction, while stepping up needs enough sessions and every sign confirmed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal, NamedTuple

from hizakoshi.care.journey.content import CheckId, HoldReason, Status, Words, journey
from hizakoshi.care.journey.schedule import WEEK
from hizakoshi.care.model import Frozen, Text

Outcome = Literal["step_up", "hold", "step_back"]

# Signs whose failure means the load is too much. "sessions" is not one: too few sessions only
# means there is too little to judge.
FAILING: tuple[CheckId, ...] = (
    "pain_during",
    "pain_skips",
    "next_morning",
    "weekly_average",
    "control",
)


class Observation(NamedTuple):
    """One day's record of an exercise or a walk, reduced to what the pain rules read."""

    day: date
    done: bool
    pain_during: int | None
    next_morning_pain: int | None
    skipped_for_pain: bool
    good_control: bool | None


class RuleCheck(Frozen):
    id: CheckId
    status: Status
    text: Text


class Verdict(Frozen):
    outcome: Outcome
    hold_reason: HoldReason | None  # why it holds; "top"/"bottom" are decided by the caller
    checks: tuple[RuleCheck, ...]


def number(x: float) -> str:
    """A pain figure as people read it: 3, or 2.5 for an average."""
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def judge_week(
    observations: Iterable[Observation],
    *,
    usual_pain: int,
    today: date,
    sessions_words: Words | None = None,
) -> Verdict:
    model = journey().pain_model
    this_start, last_start = today - WEEK + timedelta(days=1), today - 2 * WEEK + timedelta(days=1)
    done = skips = 0
    seen_this_week = False
    pains: list[int] = []
    last_pains: list[int] = []
    worst_morning: int | None = None
    control: tuple[date, bool] | None = None
    for ob in observations:
        if this_start <= ob.day <= today:
            seen_this_week = True
            done += ob.done
            skips += ob.skipped_for_pain
            if ob.pain_during is not None:
                pains.append(ob.pain_during)
            if ob.next_morning_pain is not None:
                worst_morning = max(worst_morning or 0, ob.next_morning_pain)
            # The latest answer stands: people may feel differently by the end of the week.
            if ob.good_control is not None and (control is None or ob.day >= control[0]):
                control = (ob.day, ob.good_control)
        elif last_start <= ob.day < this_start and ob.pain_during is not None:
            last_pains.append(ob.pain_during)

    statuses: dict[CheckId, Status] = {}
    if not seen_this_week:
        statuses["sessions"] = "unknown"
    else:
        statuses["sessions"] = "met" if done >= model.min_sessions else "not_met"
    statuses["pain_during"] = (
        "unknown" if not pains else "met" if max(pains) <= model.max_pain_during else "not_met"
    )
    statuses["pain_skips"] = "unknown" if not seen_this_week else "not_met" if skips else "met"
    statuses["next_morning"] = (
        "unknown" if worst_morning is None else "met" if worst_morning <= usual_pain else "not_met"
    )
    this_mean, last_mean = _mean(pains), _mean(last_pains)
    if this_mean is None or last_mean is None:
        statuses["weekly_average"] = "unknown"
    else:
        rising = this_mean - last_mean >= model.rising_points
        statuses["weekly_average"] = "not_met" if rising else "met"
    statuses["control"] = "unknown" if control is None else "met" if control[1] else "not_met"

    params: dict[str, object] = {
        "count": done,
        "min": model.min_sessions,
        "max_pain": max(pains) if pains else "",
        "skipped": skips,
        "usual": usual_pain,
        "morning": "" if worst_morning is None else worst_morning,
        "this_week": "" if this_mean is None else number(this_mean),
        "last_week": "" if last_mean is None else number(last_mean),
        "rising": number(model.rising_points),
    }
    words = dict(model.checks)
    if sessions_words is not None:
        words["sessions"] = sessions_words
    checks = tuple(
        RuleCheck(id=cid, status=status, text=getattr(words[cid], status).format(**params))
        for cid, status in statuses.items()
    )

    if any(statuses[c] == "not_met" for c in FAILING):
        return Verdict(outcome="step_back", hold_reason=None, checks=checks)
    if statuses["sessions"] != "met":
        return Verdict(outcome="hold", hold_reason="too_few", checks=checks)
    if any(s == "unknown" for s in statuses.values()):
        return Verdict(outcome="hold", hold_reason="unknown", checks=checks)
    return Verdict(outcome="step_up", hold_reason=None, checks=checks)
