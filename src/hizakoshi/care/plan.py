"""The self-care plan: 3-5 exercises, a walking start and the pain rules.

Exercises are chosen by their attributes in content/exercises.yaml (what they target, how hard
they are, contraindications named after care.conditions), in the order of a short preference
list per pattern. Dosage and progression follow the pain-monitoring model (Thomeé 1997).
With one pain only (knee only / back only) the plan holds that site's exercises and the general
ones (for both, or balance), never the other site's (clinical-spec.md §1).
"""

from __future__ import annotations

from collections.abc import Mapping

from hizakoshi.care.conditions import holds
from hizakoshi.care.content import Exercise, exercises
from hizakoshi.care.model import (
    Answers,
    Dosage,
    Pattern,
    Plan,
    PlannedExercise,
    Text,
    WalkingPlan,
)
from hizakoshi.care.plan_texts import (
    NOTE,
    PLAN_SOURCE,
    STOP_RULE,
    WALKING_SOURCE,
    WALKING_TEXT,
    WATER_WALKING,
    WHY_TARGET,
    dosage_text,
)

# Preferred exercises per pattern, best first. Ids missing from the content are passed over;
# any other suitable exercise fills the rest, so the plan never depends on one file's ids.
PREFERENCE: dict[Pattern, tuple[str, ...]] = {
    Pattern.KNEE_ORIGIN: (
        "quad_setting",
        "straight_leg_raise",
        "hamstring_stretch_seated",
        "bridge",
        "chair_squat",
        "seated_knee_extension",
        "quad_stretch_standing",
    ),
    Pattern.BACK_ORIGIN: (
        "pelvic_tilt",
        "knee_to_chest",
        "bridge",
        "hamstring_stretch_seated",
        "quad_setting",
        "butterfly_stretch",
    ),
    Pattern.CONCURRENT: (
        "quad_setting",
        "bridge",
        "sit_to_stand",
        "tandem_stance",
        "calf_raise",
        "side_lying_hip_abduction",
    ),
    Pattern.UNDETERMINED: (
        "quad_setting",
        "bridge",
        "pelvic_tilt",
        "hamstring_stretch_seated",
        "chair_squat",
    ),
    Pattern.KNEE_ONLY: (
        "quad_setting",
        "straight_leg_raise",
        "seated_knee_extension",
        "hamstring_stretch_seated",
        "chair_squat",
        "quad_stretch_standing",
    ),
    Pattern.BACK_ONLY: (
        "pelvic_tilt",
        "knee_to_chest",
        "bridge",
        "hamstring_stretch_seated",
        "butterfly_stretch",
    ),
}

# Targets that fit each pattern, used to order exercises that are not on the preference list.
FITTING_TARGETS: dict[Pattern, tuple[str, ...]] = {
    Pattern.KNEE_ORIGIN: ("knee", "both"),
    Pattern.BACK_ORIGIN: ("back", "both"),
    Pattern.CONCURRENT: ("both", "balance", "knee", "back"),
    Pattern.UNDETERMINED: ("both", "knee", "back"),
    Pattern.KNEE_ONLY: ("knee", "both", "balance"),
    Pattern.BACK_ONLY: ("back", "both", "balance"),
}

# One pain only: the other site's exercises are left out (the general ones stay).
LEFT_OUT_TARGETS: dict[Pattern, tuple[str, ...]] = {
    Pattern.KNEE_ONLY: ("back",),
    Pattern.BACK_ONLY: ("knee",),
}

# Pain 7-10 (NRS): only the gentlest level, fewer exercises and a shorter walk; 4-6: up to
# level 2. Keeps the start inside the "acceptable" band of the pain-monitoring model.
HIGH_PAIN = 7
MODERATE_PAIN = 4


def max_level(pain: int) -> int:
    if pain >= HIGH_PAIN:
        return 1
    if pain >= MODERATE_PAIN:
        return 2
    return 3


def how_many(pain: int) -> int:
    if pain >= HIGH_PAIN:
        return 3
    if pain >= MODERATE_PAIN:
        return 4
    return 5


def _suitable(exercise: Exercise, answers: Answers, level: int) -> bool:
    if exercise.level > level:
        return False
    return not any(
        c.action == "skip" and holds(c.condition, answers) for c in exercise.contraindications
    )


def _caution(exercise: Exercise, answers: Answers) -> Text | None:
    notes = [
        c.text
        for c in exercise.contraindications
        if c.action == "modify" and holds(c.condition, answers)
    ]
    if not notes:
        return None
    return Text(ja="".join(n.ja for n in notes), en=" ".join(n.en for n in notes))


def choose(
    answers: Answers, pattern: Pattern, catalogue: Mapping[str, Exercise]
) -> tuple[Exercise, ...]:
    pain = max(answers.knee_pain, answers.back_pain)
    level = max_level(pain)
    wanted = how_many(pain)
    left_out = LEFT_OUT_TARGETS.get(pattern, ())
    usable = {i: e for i, e in catalogue.items() if e.targets not in left_out}
    preferred = [usable[i] for i in PREFERENCE[pattern] if i in usable]
    fitting = FITTING_TARGETS[pattern]
    others = sorted(
        (e for e in usable.values() if e.id not in PREFERENCE[pattern]),
        key=lambda e: (
            fitting.index(e.targets) if e.targets in fitting else len(fitting),
            e.level,
            e.id,
        ),
    )
    candidates = [e for e in (*preferred, *others) if _suitable(e, answers, level)]
    chosen = candidates[:wanted]
    # Unsteady or has fallen: a balance exercise belongs in the plan (CDC STEADI).
    if holds("unsteady", answers) and not any(e.targets == "balance" for e in chosen):
        balance = next((e for e in candidates if e.targets == "balance"), None)
        if balance is not None:
            # It takes the last place, so the plan stays within its size.
            chosen = [*chosen[: wanted - 1], balance]
    return tuple(chosen)


def _dosage(exercise: Exercise, pain: int) -> Dosage:
    d = exercise.dosage
    # With high pain, start with fewer repetitions; progression comes from the stop rule.
    reps = max(1, d.reps // 2) if d.reps is not None and pain >= HIGH_PAIN else d.reps
    return Dosage(
        hold_seconds=d.hold_seconds,
        reps=reps,
        sets=d.sets,
        times_per_day=d.times_per_day,
        per_side=d.per_side,
        text=dosage_text(d.hold_seconds, reps, d.sets, d.times_per_day, d.per_side),
    )


def _planned(exercise: Exercise, answers: Answers) -> PlannedExercise:
    pain = max(answers.knee_pain, answers.back_pain)
    return PlannedExercise(
        id=exercise.id,
        name=exercise.name,
        targets=exercise.targets,
        dosage=_dosage(exercise, pain),
        why=Text(
            ja=f"{exercise.summary.ja}{WHY_TARGET[exercise.targets].ja}",
            en=f"{exercise.summary.en} {WHY_TARGET[exercise.targets].en}",
        ),
        caution=_caution(exercise, answers),
        source=exercise.source,
    )


def walking(answers: Answers) -> WalkingPlan:
    pain = max(answers.knee_pain, answers.back_pain)
    # Seed: start with 10-15 minutes on flat ground; less when pain is high.
    minutes = 5 if pain >= HIGH_PAIN else 10 if pain >= MODERATE_PAIN else 15
    return WalkingPlan(
        minutes_per_day=minutes,
        days_per_week=5,
        text=WALKING_TEXT.format(minutes=minutes),
        water_walking=WATER_WALKING,
        source=WALKING_SOURCE,
    )


def build_plan(answers: Answers, pattern: Pattern) -> Plan:
    chosen = choose(answers, pattern, exercises())
    return Plan(
        exercises=tuple(_planned(e, answers) for e in chosen),
        walking=walking(answers),
        stop_rule=STOP_RULE,
        note=NOTE,
        source=PLAN_SOURCE,
    )
