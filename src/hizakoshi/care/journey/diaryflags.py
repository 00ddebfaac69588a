"""Warning signs reported in the daily diary, judged the same way as in the self-check.

The diary asks about the signs listed in journey.yaml (`diary.signs`, ticked directly) and
after new events (`diary.events`: a fall or knee injury, a swollen calf, a fever), whose
answers raise the rules in `diary.event_signs`. Each one is a rule of redflags.yaml: the same
words, the same urgency, the same source, and the same advice for each urgency. So the diary
and the self-check can never disagree about what a sign means.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from pydantic import model_validator

from hizakoshi.care.content import RedFlagRule, red_flags
from hizakoshi.care.derived_flags import OTTAWA_AGE
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
    """The signs the diary lists to tick, in the diary's order (for the form's choices)."""
    rules = {r.id: r for r in red_flags().rules}
    return tuple(rules[sign] for sign in journey().diary.signs)


def diary_known_signs() -> tuple[RedFlagRule, ...]:
    """Every sign a diary entry may hold: the ticked ones, then those the events raise."""
    rules = {r.id: r for r in red_flags().rules}
    diary = journey().diary
    return tuple(rules[sign] for sign in dict.fromkeys((*diary.signs, *diary.event_signs)))


YesNoUnknown = Literal["yes", "no", "unknown"]


class DiaryEvents(Frozen):
    """New events since the last entry, with their follow-up answers (None: not asked)."""

    fall: bool = False
    fall_four_steps: YesNoUnknown | None = None
    fall_bend: YesNoUnknown | None = None
    fall_deformity: YesNoUnknown | None = None
    calf: bool = False
    calf_breathless: bool | None = None
    fever: bool = False
    fever_back_pain: bool | None = None
    fever_hot_knee: bool | None = None


def event_signs(
    events: DiaryEvents, *, age: int | None, back_pain: int | None = None
) -> tuple[str, ...]:
    """The redflags.yaml rules the diary's new events raise, with the self-check's meaning.

    A fall or knee injury: the Ottawa knee rule (cannot take four steps or bend to 90 degrees,
    or out of shape: emergency; not sure: within days, as injury_unclear in the self-check), and
    from OTTAWA_AGE on an X-ray within days even when all is well. An unknown age counts as old
    enough: the rule is then not ruled out. The event is new since the last entry, so it is
    recent. A swollen calf: the same day; with sudden breathlessness or chest pain, emergency.
    A fever: with back pain (asked, or scored above 0 in the same entry) the same day; with a
    swollen warm knee, emergency. A fever alone raises nothing here.
    """
    found: list[str] = []
    if events.fall:
        if events.fall_four_steps == "no":
            found.append("injury_cannot_walk")
        if events.fall_bend == "no":
            found.append("injury_cannot_bend")
        if events.fall_deformity == "yes":
            found.append("injury_deformity")
        if "unknown" in (events.fall_four_steps, events.fall_bend) or None in (
            events.fall_four_steps,
            events.fall_bend,
        ):
            found.append("injury_unclear")
        if age is None or age >= OTTAWA_AGE:
            found.append("injury_age_ottawa")
    if events.calf:
        found.append("calf_swollen")
        if events.calf_breathless:
            found.append("calf_with_breathlessness")
    if events.fever:
        if events.fever_hot_knee:
            found.append("hot_knee_fever")
        if events.fever_back_pain or (back_pain or 0) > 0:
            found.append("fever_back")
    return tuple(found)


class DiaryReport(Frozen):
    """The warning signs ticked in one day's diary entry (usually none)."""

    day: date
    signs: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _known_signs(self) -> DiaryReport:
        allowed = {rule.id for rule in diary_known_signs()}
        for sign in self.signs:
            if sign not in allowed:
                raise UnknownDiarySign(sign)
        return self


def diary_triage(signs: Iterable[str]) -> Triage:
    """The urgency and the advice for signs ticked in the diary; the most urgent sign decides."""
    chosen = set(signs)
    known = {rule.id for rule in diary_known_signs()}
    for sign in sorted(chosen - known):
        raise UnknownDiarySign(sign)
    flags = red_flags()
    hits = hits_of(rule for rule in diary_known_signs() if rule.id in chosen)
    urgency = hits[0].urgency if hits else Urgency.NONE
    return Triage(
        urgency=urgency,
        hits=hits,
        headline=flags.headline[urgency] if hits else journey().diary.none,
        what_to_do=flags.what_to_do[urgency] if hits else (),
        self_care_paused=urgency in PAUSING,
    )
