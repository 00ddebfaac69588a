"""The self-check answer sets of every test, and the one way to build a variant of them.

`answer_set(base, **changes)` is the builder: a named set below with some answers changed (None
removes an answer: not asked, or left blank). `as_form` turns a set into what the page's form
posts (numbers as text). The API, the CLI and the core take the sets as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# A valid answer set: knee pain first, back pain months later, no warning signs.
ANSWERS: dict[str, Any] = {
    "age": 68,
    "sex": "female",
    "height_cm": 152,
    "weight_kg": 62,
    "desk_work": "no",
    "activity": "some",
    "urgent_signs": ["none"],
    "other_signs": ["none"],
    "knee_side": "right",
    "knee_pain": 6,
    "knee_duration": "over_1y",
    "knee_activities": ["walking", "standing_up", "stairs"],
    "knee_stiffness_min": 15,
    "knee_swelling": "no",
    "knee_warmth": "no",
    "knee_locking": "no",
    "knee_giving_way": "no",
    "knee_crepitus": "yes",
    "knee_recent_injury": "no",
    "back_pain": 4,
    "back_duration": "6m_1y",
    "back_leg_symptoms": "none",
    "back_worse_sitting": "no",
    "back_eases_sitting_forward": "no",
    "back_after_walking": "yes",
    "morning_both_ease": "yes",
    "first": "knee",
    "gap_months": 4,
    "worse_in_cold": "no",
    "unsteady": "no",
    "falls_past_year": "no",
    "legs_feel_weak": "yes",
    "weight_change": "stable",
    "tried": ["exercise"],
    "selfcare_months": 3,
    "selfcare_helped": "a_little",
    "daily_life": "moderate",
}


def answer_set(base: Mapping[str, Any] | None = None, /, **changes: Any) -> dict[str, Any]:
    """`base` (ANSWERS if not given) with `changes`; a change to None removes that answer."""
    merged = {**(ANSWERS if base is None else base), **changes}
    return {question: value for question, value in merged.items() if value is not None}


def as_form(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as the form posts them: numbers as text, ticked choices as a list."""
    return {k: v if isinstance(v, list) else str(v) for k, v in answers.items()}


# Hanako, 70, the self-check's walker and the journey's patient: the knee hurt first, both knees,
# the back half a year later; weight gained, nothing tried yet.
HANAKO: dict[str, Any] = answer_set(
    age=70,
    weight_kg=60,
    knee_side="both",
    knee_stiffness_min=10,
    gap_months=6,
    weight_change="gained",
    tried=["nothing"],
    selfcare_months=None,
    selfcare_helped=None,
)

# Mrs Sato, 68, the browser tests' person: both knees for over a year, the back half a year
# later, no red flag; walking and heat tried for two months.
MRS_SATO: dict[str, Any] = answer_set(
    height_cm=155,
    knee_side="both",
    knee_pain=5,
    knee_stiffness_min=10,
    back_after_walking="no",
    morning_both_ease="no",
    gap_months=6,
    legs_feel_weak="no",
    tried=["walking", "heat"],
    selfcare_months=2,
    daily_life="little",
)

# A 50-year-old with moderate knee and back pain for over a year, no warning signs, and answers
# that point nowhere in particular (pattern undetermined): the core's tests change it answer by
# answer (tests/care/factory.py).
UNREMARKABLE: dict[str, Any] = {
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

# The answers that raise each red-flag rule, as changes to ANSWERS (every rule in
# care/content/redflags.yaml has a line; a test checks that the rule does fire).
_INJURED: dict[str, Any] = {
    "knee_recent_injury": "yes",
    "knee_injury_when": "earlier",
    "knee_injury_four_steps": "yes",
    "knee_injury_bend": "yes",
    "knee_injury_deformity": "no",
}
_HOT_KNEE: dict[str, Any] = {
    "knee_swelling": "yes",
    "knee_swelling_onset": "days",
    "knee_warmth": "yes",
}
RULE_TRIGGERS: dict[str, dict[str, Any]] = {
    "bladder_bowel": {"urgent_signs": ["bladder_bowel"]},
    "saddle_numbness": {"urgent_signs": ["saddle_numbness"]},
    "leg_weakness": {"urgent_signs": ["leg_weakness"]},
    "sciatica_both": {"urgent_signs": ["sciatica_both"]},
    "hot_knee_fever": {"urgent_signs": ["hot_knee_fever"]},
    "hot_swollen_knee_with_fever": {"other_signs": ["fever_back"]} | _HOT_KNEE,
    "hot_knee_at_risk": {"other_signs": ["immunosuppression"]} | _HOT_KNEE,
    "calf_with_breathlessness": {"urgent_signs": ["calf_swollen"], "calf_breathless": "yes"},
    "sudden_back_pain_older": {"urgent_signs": ["back_sudden_belly"]},
    "injury_cannot_walk": _INJURED | {"knee_injury_four_steps": "no"},
    "injury_cannot_bend": _INJURED | {"knee_injury_bend": "no"},
    "injury_deformity": _INJURED | {"knee_injury_deformity": "yes"},
    "hot_knee_recent": _HOT_KNEE,
    "fever_back": {"other_signs": ["fever_back"]},
    "calf_swollen": {"urgent_signs": ["calf_swollen"], "calf_breathless": "no"},
    "back_after_fall": {"other_signs": ["back_after_fall"]},
    "sudden_back_pain_younger": {"age": 45, "urgent_signs": ["back_sudden_belly"]},
    "knee_locking": {"knee_locking": "yes"},
    "giving_way_after_injury": _INJURED | {"knee_giving_way": "yes"},
    "swelling_after_injury": _INJURED | {"knee_swelling": "yes", "knee_swelling_onset": "longer"},
    "injury_unclear": _INJURED | {"knee_injury_bend": "unknown"},
    "injury_age_ottawa": _INJURED | {"knee_injury_when": "this_week"},
    "injury_with_replacement": _INJURED | {"other_signs": ["knee_replacement"]},
    "cancer_history": {"other_signs": ["cancer_history"]},
    "weight_loss": {"other_signs": ["weight_loss"]},
    "night_pain": {"other_signs": ["night_pain"]},
    "steroids_fall": {"other_signs": ["osteoporosis"], "osteoporosis_fall": "yes"},
    "immunosuppression": {"other_signs": ["immunosuppression"]},
    "back_began_young": {"age": 19, "back_duration": "under_6w"},
    "back_began_old": {"back_duration": "under_6w"},
    "constant_pain": {"other_signs": ["constant_pain"]},
    "chest_pain": {"other_signs": ["chest_pain"]},
    "spine_deformity": {"other_signs": ["deformity"]},
    "both_legs_longstanding": {"urgent_signs": ["both_legs_longstanding"]},
    "numb_widespread": {"other_signs": ["numb_widespread"]},
    "numbness_below_knee": {"back_leg_symptoms": "below_knee"},
    "no_better_after_weeks": {"selfcare_helped": "no", "selfcare_months": 2},
    "six_months_no_better": {"selfcare_helped": "no", "selfcare_months": 7},
    "daily_life_badly_affected": {"daily_life": "severe"},
}


def triggering(rule_id: str) -> dict[str, Any]:
    """A whole answer set that raises the red-flag rule `rule_id`."""
    return ANSWERS | RULE_TRIGGERS[rule_id]


# Stopped early: the first two screens only, with numbness in the saddle area (call 119).
STOPPED_EARLY: dict[str, Any] = {
    k: ANSWERS[k] for k in ("age", "sex", "height_cm", "weight_kg", "desk_work", "activity")
} | {"urgent_signs": ["saddle_numbness"]}
