"""Answers for tests: a valid, unremarkable baseline that a test overrides field by field.

Everything goes through `parse_answers`, the one validator, so a test can never build an answer
set the real form would reject (for example a follow-up question that is not shown).
"""

from __future__ import annotations

from typing import Any

from hizakoshi.care.assess import assess
from hizakoshi.care.model import Answers, Assessment
from hizakoshi.care.questions import parse_answers

# A 50-year-old with moderate knee and back pain for over a year, no warning signs, and
# answers that point nowhere in particular (pattern undetermined).
BASELINE: dict[str, Any] = {
    "age": 50,
    "sex": "female",
    "height_cm": 160,
    "weight_kg": 55,
    "desk_work": "no",
    "activity": "some",
    "urgent_signs": ["none"],
    "other_signs": ["none"],
    "knee_side": "right",
    "knee_pain": 4,
    "knee_duration": "over_1y",
    "knee_activities": ["none"],
    "knee_swelling": "unknown",
    "knee_warmth": "no",
    "knee_locking": "no",
    "knee_giving_way": "no",
    "knee_crepitus": "unknown",
    "knee_recent_injury": "no",
    "back_pain": 4,
    "back_duration": "over_1y",
    "back_leg_symptoms": "none",
    "back_worse_sitting": "unknown",
    "back_eases_sitting_forward": "no",
    "back_after_walking": "unknown",
    "morning_both_ease": "unknown",
    "first": "unknown",
    "worse_in_cold": "no",
    "unsteady": "no",
    "falls_past_year": "no",
    "legs_feel_weak": "no",
    "weight_change": "stable",
    "tried": ["nothing"],
    "daily_life": "moderate",
}

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
    """The baseline with overrides; an override of None removes the answer."""
    raw = {**BASELINE, **overrides}
    return {k: v for k, v in raw.items() if v is not None}


def answers(**overrides: Any) -> Answers:
    return parse_answers(raw_answers(**overrides))


def assessed(**overrides: Any) -> Assessment:
    return assess(answers(**overrides))
