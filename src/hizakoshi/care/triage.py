"""Red-flag screening: which warning signs the answers show, and how urgently to get care.

Red flags override everything else (clinical-spec.md §1): the highest urgency among the hits
decides, and emergency, same-day or within-days pauses self-care completely.
"""

from __future__ import annotations

from collections.abc import Iterable

from hizakoshi.care.content import RedFlagRule, red_flags
from hizakoshi.care.derived_flags import DERIVED_FLAGS
from hizakoshi.care.handover import for_doctor
from hizakoshi.care.model import URGENCY_ORDER, Answers, RedFlagHit, Triage, Urgency

PAUSING: frozenset[Urgency] = frozenset({Urgency.EMERGENCY, Urgency.SAME_DAY, Urgency.WITHIN_DAYS})
# Signs so urgent that the rest of the questionnaire may be skipped to get care now.
STOP_EARLY: frozenset[Urgency] = frozenset({Urgency.EMERGENCY, Urgency.SAME_DAY})


def rule_fires(rule: RedFlagRule, answers: Answers) -> bool:
    if rule.derived is not None:
        return DERIVED_FLAGS[rule.derived](answers)
    assert rule.question is not None
    given = getattr(answers, rule.question)
    if isinstance(given, tuple):
        return rule.value in given
    return bool(given == rule.value)


def hits_of(rules: Iterable[RedFlagRule]) -> tuple[RedFlagHit, ...]:
    """The hits for the rules that fired, most urgent first; file order within one urgency
    (sorted() is stable). Shared by the self-check and the diary, so they never disagree."""
    hits = (
        RedFlagHit(id=r.id, urgency=r.urgency, sign=r.sign, why=r.why, source=r.source)
        for r in rules
    )
    return tuple(sorted(hits, key=lambda hit: URGENCY_ORDER.index(hit.urgency)))


def triage(answers: Answers) -> Triage:
    flags = red_flags()
    hits = hits_of(rule for rule in flags.rules if rule_fires(rule, answers))
    urgency = hits[0].urgency if hits else Urgency.NONE
    paused = urgency in PAUSING
    return Triage(
        urgency=urgency,
        hits=hits,
        headline=flags.headline[urgency],
        what_to_do=flags.what_to_do[urgency],
        self_care_paused=paused,
        for_doctor=for_doctor(answers, hits) if paused else (),
    )
