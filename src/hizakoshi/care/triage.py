"""Red-flag screening: which warning signs the answers show, and how urgently to get care.

Red flags override everything else (clinical-spec.md §1): the highest urgency among the hits
decides, and emergency or within-days pauses self-care.
"""

from __future__ import annotations

from hizakoshi.care.content import RedFlagRule, red_flags
from hizakoshi.care.derived_flags import DERIVED_FLAGS
from hizakoshi.care.model import URGENCY_ORDER, Answers, RedFlagHit, Triage, Urgency

PAUSING: frozenset[Urgency] = frozenset({Urgency.EMERGENCY, Urgency.WITHIN_DAYS})


def rule_fires(rule: RedFlagRule, answers: Answers) -> bool:
    if rule.derived is not None:
        return DERIVED_FLAGS[rule.derived](answers)
    assert rule.question is not None
    given = getattr(answers, rule.question)
    if isinstance(given, tuple):
        return rule.value in given
    return bool(given == rule.value)


def triage(answers: Answers) -> Triage:
    flags = red_flags()
    hits = tuple(
        sorted(
            (
                RedFlagHit(
                    id=rule.id,
                    urgency=rule.urgency,
                    sign=rule.sign,
                    why=rule.why,
                    source=rule.source,
                )
                for rule in flags.rules
                if rule_fires(rule, answers)
            ),
            # Most urgent first; file order within one urgency (sorted() is stable).
            key=lambda hit: URGENCY_ORDER.index(hit.urgency),
        )
    )
    urgency = hits[0].urgency if hits else Urgency.NONE
    return Triage(
        urgency=urgency,
        hits=hits,
        headline=flags.headline[urgency],
        what_to_do=flags.what_to_do[urgency],
        self_care_paused=urgency in PAUSING,
    )
