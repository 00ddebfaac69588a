"""What the diary answers at once about today's numbers: pain above the pain-monitoring limit,
and an unintended weight loss in the person's own weight record.

Both read journey.yaml (`pain_model.max_pain_during`, `diary.pain_answer`,
`diary.weight_loss`); time is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from hizakoshi.care.journey.content import fill, journey
from hizakoshi.care.journey.escalation import add_months
from hizakoshi.care.model import Frozen, Text, Urgency

PAIN_SITES: dict[str, Text] = {
    "knee_pain_left": Text(ja="左膝", en="left knee"),
    "knee_pain_right": Text(ja="右膝", en="right knee"),
    "back_pain": Text(ja="腰", en="low back"),
}


class PainAnswer(Frozen):
    """Ease off today: pain above the limit in one or more sites."""

    worst: int
    sites: tuple[Text, ...]  # the sites above the limit, in the diary's order
    headline: Text
    ease_off: Text
    plan: Text
    seek_help: Text
    source: str


def pain_answer(
    *,
    knee_pain_left: int | None = None,
    knee_pain_right: int | None = None,
    back_pain: int | None = None,
) -> PainAnswer | None:
    """The answer for today's pains: None while every pain is within the limit (5 or below)."""
    limit = journey().pain_model.max_pain_during
    pains = {
        "knee_pain_left": knee_pain_left,
        "knee_pain_right": knee_pain_right,
        "back_pain": back_pain,
    }
    high = {site: p for site, p in pains.items() if p is not None and p > limit}
    if not high:
        return None
    words = journey().diary.pain_answer
    worst = max(high.values())
    return PainAnswer(
        worst=worst,
        sites=tuple(PAIN_SITES[site] for site in high),
        headline=words.headline.format(pain=worst),
        ease_off=words.ease_off,
        plan=words.plan,
        seek_help=words.seek_help,
        source=f"{words.source}; limit: {journey().pain_model.source}",
    )


class Weight(NamedTuple):
    day: date
    kg: Decimal


class WeightLossNotice(Frozen):
    urgency: Urgency  # within days: see a doctor, if the loss was not intended
    since: date  # the day of the weight it is compared with
    from_kg: Decimal
    to_kg: Decimal
    lost_kg: Decimal
    percent: Decimal  # one decimal
    headline: Text
    text: Text
    source: str


def weight_loss_window_start(today: date) -> date:
    """The first day whose weight the check compares (journey.yaml `diary.weight_loss.months`)."""
    return add_months(today, -journey().diary.weight_loss.months)


def weight_loss_check(weights: Iterable[Weight], *, today: date) -> WeightLossNotice | None:
    """The latest weight against the earliest in the last `months` months (up to `today`).

    Fires at a loss of `percent` or more of that weight, or more than `kg` kilograms.
    """
    rule = journey().diary.weight_loss
    first_day = weight_loss_window_start(today)
    inside = sorted((w for w in weights if first_day <= w.day <= today), key=lambda w: w.day)
    if len(inside) < 2:
        return None
    earliest, latest = inside[0], inside[-1]
    start, now = Decimal(earliest.kg), Decimal(latest.kg)
    lost = start - now
    if start <= 0 or lost <= 0:
        return None
    percent = lost * 100 / start
    if percent < Decimal(str(rule.percent)) and lost <= Decimal(str(rule.kg)):
        return None
    shown = percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return WeightLossNotice(
        urgency=Urgency.WITHIN_DAYS,
        since=earliest.day,
        from_kg=start,
        to_kg=now,
        lost_kg=lost,
        percent=shown,
        headline=fill(rule.headline, lost=lost, percent=shown, months=rule.months),
        text=rule.text,
        source=rule.source,
    )
