"""Named conditions over the answers, used by content files (exercise contraindications,
advice selection) so that the files say *when* in words a clinician can audit."""

from __future__ import annotations

from collections.abc import Callable

from hizakoshi.care.model import Answers

Condition = Callable[[Answers], bool]

CONDITIONS: dict[str, Condition] = {
    # a swollen or warm knee: no deep loading, no heat
    "knee_swollen": lambda a: a.knee_swelling == "yes" or a.knee_warmth == "yes",
    "knee_pain_high": lambda a: a.knee_pain >= 7,
    "back_pain_high": lambda a: a.back_pain >= 7,
    # numbness or heaviness into the thigh or below the knee (sciatica-like)
    "leg_symptoms": lambda a: a.back_leg_symptoms in ("thigh", "below_knee"),
    # symptoms on standing/walking that ease on sitting or bending forward (stenosis-like)
    "stenosis_like": lambda a: a.back_eases_sitting_forward == "yes",
    "knee_unstable": lambda a: a.knee_locking == "yes" or a.knee_giving_way == "yes",
    "unsteady": lambda a: a.unsteady == "yes" or a.falls_past_year == "yes",
    "desk_work": lambda a: a.desk_work == "yes",
    "stairs_pain": lambda a: "stairs" in a.knee_activities,
    "rising_pain": lambda a: "standing_up" in a.knee_activities,
    "weight_gained": lambda a: a.weight_change == "gained",
    "low_activity": lambda a: a.activity == "low",
    "older_adult": lambda a: a.age >= 65,
}


def holds(name: str, answers: Answers) -> bool:
    return CONDITIONS[name](answers)
