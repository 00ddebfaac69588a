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
    "older_with_knee_pain": lambda a: a.age >= 65 and a.knee_hurts,
    # both pains this week: only then is anything said about one pain loading the other
    "both_pains": lambda a: a.knee_hurts and a.back_hurts,
    # known osteoporosis or long-term steroid tablets (asked as one answer): no loaded or
    # end-range spinal flexion (clinical-spec.md §1; Sinaki 1984; Too Fit To Fracture 2014)
    "osteoporosis": lambda a: "osteoporosis" in a.other_signs,
    "knee_replacement": lambda a: "knee_replacement" in a.other_signs,
}

# Conditions that hold when any one of their parts holds. Advice names them like any other
# condition; the "because you said ..." line then names only the parts that hold.
ANY_OF: dict[str, tuple[str, ...]] = {
    # home safety for everyone 65 or over, and for anyone unsteady (seed §6; CDC STEADI)
    "older_or_unsteady": ("older_adult", "unsteady"),
    # the stairs rule for knee pain on stairs, and for every knee at 65 or over (seed §3)
    "stairs_or_older_knee": ("stairs_pain", "older_with_knee_pain"),
}


def _any_of(parts: tuple[str, ...]) -> Condition:
    return lambda a: any(CONDITIONS[p](a) for p in parts)


for _name, _parts in ANY_OF.items():
    CONDITIONS[_name] = _any_of(_parts)


def holds(name: str, answers: Answers) -> bool:
    return CONDITIONS[name](answers)


def parts_that_hold(name: str, answers: Answers) -> tuple[str, ...]:
    """For an any-of condition, its parts that hold; otherwise the condition itself."""
    parts = ANY_OF.get(name)
    if parts is None:
        return (name,)
    return tuple(p for p in parts if holds(p, answers)) or (name,)
