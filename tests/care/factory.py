"""Answers for tests: a valid, unremarkable baseline that a test overrides field by field.

Everything goes through `parse_answers`, the one validator, so a test can never build an answer
set the real form would reject (for example a follow-up question that is not shown).
"""

from __future__ import annotations

from typing import Any

from answers import UNREMARKABLE, answer_set
from hizakoshi.care.assess import assess
from hizakoshi.care.model import Answers, Assessment
from hizakoshi.care.questions import parse_answers

# An injury that passes the Ottawa knee rule: the follow-up questions must then be answered.
INJURY_OK: dict[str, Any] = {
    "knee_recent_injury": "yes",
    "knee_injury_when": "this_week",
    "knee_injury_four_steps": "yes",
    "knee_injury_bend": "yes",
    "knee_injury_deformity": "no",
}

# Self-care tried; the follow-up questions become required.
TRIED: dict[str, Any] = {"tried": ["exercise", "walking"], "selfcare_helped": "a_little"}


def raw_answers(**overrides: Any) -> dict[str, Any]:
    """The unremarkable answers (tests/answers.py) with overrides; None removes an answer."""
    return answer_set(UNREMARKABLE, **overrides)


def answers(**overrides: Any) -> Answers:
    return parse_answers(raw_answers(**overrides))


def assessed(**overrides: Any) -> Assessment:
    return assess(answers(**overrides))
