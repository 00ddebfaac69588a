"""How long a journey message counts, and when one raised before holds back a new one.

Windows from content/journey.yaml (escalation: red_flag_days, specialist_repeat_days,
shown_days, repeat_source). The shell reads the earlier messages and asks here; it never
counts the days itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from hizakoshi.care.journey.content import EscalationId, journey
from hizakoshi.care.journey.escalation import EscalationItem
from hizakoshi.care.model import Frozen


class Raised(Frozen):
    """A message of the same kind stored earlier: its day and the warning signs it named."""

    day: date
    hits: frozenset[str] = frozenset()


def red_flag_window_start(today: date) -> date:
    """The first day whose diary warning signs still count on `today` (red_flag_days)."""
    return today - timedelta(days=journey().escalation.red_flag_days - 1)


def repeat_days(kind: EscalationId) -> int:
    esc = journey().escalation
    return esc.red_flag_days if kind.startswith("red_flag") else esc.specialist_repeat_days


def repeat_lookback_start(today: date) -> date:
    """Messages raised after this day (exclusive) may hold a new one back: read those only."""
    esc = journey().escalation
    return today - timedelta(days=max(esc.red_flag_days, esc.specialist_repeat_days))


def held_back(item: EscalationItem, earlier: Iterable[Raised], today: date) -> bool:
    """Whether `item` repeats a message of its kind raised within its repeat window: a warning
    sign when every sign it names was already raised (a new sign raises it again); a
    specialist message whenever one was raised."""
    window = repeat_days(item.id)
    recent = [r for r in earlier if today - timedelta(days=window) < r.day <= today]
    if not item.id.startswith("red_flag"):
        return bool(recent)
    raised: set[str] = set().union(*(r.hits for r in recent))
    return {h.id for h in item.hits} <= raised if recent else False


def shown_since(today: date) -> date:
    """The first day of the messages the progress page lists (shown_days, today included)."""
    return today - timedelta(days=journey().escalation.shown_days - 1)
