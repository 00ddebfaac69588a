"""Warning signs reported in the daily diary, judged the same way as in the self-check.

The diary asks about the signs listed in journey.yaml (`diary.signs`), each one a rule of
redflags.yaml: the same words, the same urgency, the same source, and the same advice for each
urgency. So the diary and the self-check can never disagree about what a sign means.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import model_validator

from hizakoshi.care.content import RedFlagRule, red_flags
from hizakoshi.care.journey.content import journey
from hizakoshi.care.model import Frozen, Text, Triage, Urgency
from hizakoshi.care.triage import PAUSING, hits_of

MSG_UNKNOWN_SIGN = Text(
    ja="「{sign}」という項目は日記のチェックにありません。",
    en='There is no sign "{sign}" in the diary check.',
)


class UnknownDiarySign(ValueError):
    def __init__(self, sign: str) -> None:
        self.sign = sign
        self.text = MSG_UNKNOWN_SIGN.format(sign=sign)
        super().__init__(self.text.en)


def diary_signs() -> tuple[RedFlagRule, ...]:
    """The signs the diary asks about, in the diary's order (for the form's choices)."""
    rules = {r.id: r for r in red_flags().rules}
    return tuple(rules[sign] for sign in journey().diary.signs)


class DiaryReport(Frozen):
    """The warning signs ticked in one day's diary entry (usually none)."""

    day: date
    signs: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _known_signs(self) -> DiaryReport:
        allowed = set(journey().diary.signs)
        for sign in self.signs:
            if sign not in allowed:
                raise UnknownDiarySign(sign)
        return self


def diary_triage(signs: Iterable[str]) -> Triage:
    """The urgency and the advice for signs ticked in the diary; the most urgent sign decides."""
    chosen = set(signs)
    known = {rule.id for rule in diary_signs()}
    for sign in sorted(chosen - known):
        raise UnknownDiarySign(sign)
    flags = red_flags()
    hits = hits_of(rule for rule in diary_signs() if rule.id in chosen)
    urgency = hits[0].urgency if hits else Urgency.NONE
    return Triage(
        urgency=urgency,
        hits=hits,
        headline=flags.headline[urgency] if hits else journey().diary.none,
        what_to_do=flags.what_to_do[urgency] if hits else (),
        self_care_paused=urgency in PAUSING,
    )
