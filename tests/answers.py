"""Answer sets shared by the tests of the three doors (page, API, CLI)."""

from __future__ import annotations

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
