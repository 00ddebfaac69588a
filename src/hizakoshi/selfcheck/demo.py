"""Example self-checks for demonstrations: invented people, never real data.

`load_demo` saves them so a newcomer sees complete result pages at once. Their link tokens are
derived from the secret key, so running the command again finds the same results (idempotent)
and prints the same links, while nobody without the key can guess them.
"""

from __future__ import annotations

import base64
from typing import Any

from django.utils.crypto import salted_hmac

_COMMON: dict[str, Any] = {
    "urgent_signs": ["none"],
    "other_signs": ["none"],
    "knee_swelling": "no",
    "knee_warmth": "no",
    "knee_locking": "no",
    "knee_giving_way": "no",
    "knee_recent_injury": "no",
    "worse_in_cold": "no",
    "unsteady": "no",
    "falls_past_year": "no",
}

# A 68-year-old whose knee hurt first; the back followed months later after long walks.
KNEE_ORIGIN: dict[str, Any] = _COMMON | {
    "age": "68",
    "sex": "female",
    "height_cm": "154",
    "weight_kg": "63",
    "desk_work": "no",
    "activity": "some",
    "knee_side": "right",
    "knee_pain": "6",
    "knee_duration": "over_1y",
    "knee_activities": ["walking", "standing_up", "stairs"],
    "knee_stiffness_min": "15",
    "knee_crepitus": "yes",
    "back_pain": "4",
    "back_duration": "6m_1y",
    "back_leg_symptoms": "none",
    "back_worse_sitting": "no",
    "back_eases_sitting_forward": "no",
    "back_after_walking": "yes",
    "morning_both_ease": "yes",
    "first": "knee",
    "gap_months": "6",
    "legs_feel_weak": "yes",
    "weight_change": "gained",
    "tried": ["heat", "medicine"],
    "selfcare_months": "3",
    "selfcare_helped": "a_little",
    "daily_life": "moderate",
}

# A 52-year-old desk worker whose back hurt first, with heaviness into the thigh.
BACK_ORIGIN: dict[str, Any] = _COMMON | {
    "age": "52",
    "sex": "male",
    "height_cm": "171",
    "weight_kg": "70",
    "desk_work": "yes",
    "activity": "low",
    "knee_side": "left",
    "knee_pain": "4",
    "knee_duration": "3m_6m",
    "knee_activities": ["standing_up"],
    "knee_stiffness_min": "0",
    "knee_crepitus": "no",
    "back_pain": "6",
    "back_duration": "over_1y",
    "back_leg_symptoms": "thigh",
    "back_worse_sitting": "yes",
    "knee_pain_after_sitting": "yes",
    "back_eases_sitting_forward": "no",
    "back_after_walking": "unknown",
    "morning_both_ease": "no",
    "first": "back",
    "gap_months": "8",
    "legs_feel_weak": "no",
    "weight_change": "stable",
    "tried": ["exercise"],
    "selfcare_months": "2",
    "selfcare_helped": "a_little",
    "daily_life": "moderate",
}

# Someone with new bladder trouble and numbness in the saddle area: an emergency.
EMERGENCY: dict[str, Any] = KNEE_ORIGIN | {
    "age": "61",
    "urgent_signs": ["bladder_bowel", "saddle_numbness"],
}

DEMOS: dict[str, dict[str, Any]] = {
    "knee_origin": KNEE_ORIGIN,
    "back_origin": BACK_ORIGIN,
    "emergency": EMERGENCY,
}


def demo_token(name: str) -> str:
    digest = salted_hmac("hizakoshi.selfcheck.demo", name, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
