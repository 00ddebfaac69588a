"""The person's "usual" pain and the next-morning pain the weekly review compares with it.

The pain-monitoring model asks that pain settles to the usual level by the next morning
(clinical-spec.md §5, §6). The diary asks "back to usual this morning?" (yes / no) beside the
day's pain scores; the rules (care.journey.painrules) want numbers. Both derivations live here,
the window in content/journey.yaml (pain_model.usual_days, usual_source).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from hizakoshi.care.journey.content import journey
from hizakoshi.care.model import Frozen

PAIN_MAX = 10  # the 0-10 scale
USUAL_MAX = PAIN_MAX - 1  # so "worse than usual" can always be told apart


class DayPains(Frozen):
    """One diary day: the pain scores given (knee left/right, back; any may be missing) and the
    answer to "back to your usual pain this morning?" (None: not answered)."""

    day: date
    pains: tuple[int, ...] = ()
    back_to_usual: bool | None = None


def usual_pain(days: Iterable[DayPains], *, before: date, self_check_pain: int | None) -> int:
    """The mean of each day's worst pain in the `usual_days` before `before`, rounded; without
    such days the worst pain given at the self-check (None: 0). Always 0-9."""
    first = before - timedelta(days=journey().pain_model.usual_days)  # = review_week().usual_from
    worst = [max(d.pains) for d in days if first <= d.day < before and d.pains]
    usual = round(sum(worst) / len(worst)) if worst else (self_check_pain or 0)
    return max(0, min(USUAL_MAX, usual))


def next_morning_pain(morning: DayPains | None, *, usual: int) -> int | None:
    """The next morning's pain as a number: the usual level when the person said it was back to
    usual, else the highest score that morning and at least one above usual (None: no answer)."""
    if morning is None or morning.back_to_usual is None:
        return None
    if morning.back_to_usual:
        return usual
    return min(PAIN_MAX, max([usual + 1, *morning.pains]))
