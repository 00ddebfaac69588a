"""The self-care plan: a few suitable exercises, a walking start and the pain rules."""

from __future__ import annotations

from typing import Any

import pytest

from hizakoshi.care.content import exercises
from hizakoshi.care.model import Plan
from hizakoshi.care.plan_texts import dosage_text

from .factory import assessed

KNEE_ORIGIN: dict[str, Any] = {
    "first": "knee",
    "gap_months": 4,
    "knee_crepitus": "yes",
    "back_after_walking": "yes",
}
BACK_ORIGIN: dict[str, Any] = {
    "back_leg_symptoms": "thigh",
    "back_worse_sitting": "yes",
    "knee_pain_after_sitting": "no",
    "first": "back",
}
OSTEOPOROSIS: dict[str, Any] = {"other_signs": ["osteoporosis"], "osteoporosis_fall": "no"}
KNEE_REPLACEMENT: dict[str, Any] = {"other_signs": ["knee_replacement"]}
# Exercises that bend the spine forward (flexion), mild or to the end of the range.
END_RANGE_FLEXION = {"knee_to_chest"}
MILD_FLEXION = {"pelvic_tilt", "hamstring_stretch_seated", "butterfly_stretch"}


def plan_for(**overrides: Any) -> Plan:
    plan = assessed(**overrides).plan
    assert plan is not None
    return plan


def ids(plan: Plan) -> list[str]:
    return [e.id for e in plan.exercises]


@pytest.mark.parametrize("pain", [0, 3, 4, 6, 7, 10])
def test_every_plan_has_three_to_five_exercises(pain: int) -> None:
    for pattern in ({}, KNEE_ORIGIN, BACK_ORIGIN, {"first": "same_time", "unsteady": "yes"}):
        plan = plan_for(**pattern, knee_pain=pain, back_pain=pain)
        assert 3 <= len(plan.exercises) <= 5
        assert len(set(ids(plan))) == len(plan.exercises)


def test_strong_pain_gives_three_of_the_gentlest_exercises() -> None:
    plan = plan_for(knee_pain=8, back_pain=3)
    assert len(plan.exercises) == 3
    assert all(exercises()[i].level == 1 for i in ids(plan))


def test_mild_pain_allows_five_exercises() -> None:
    assert len(plan_for(knee_pain=2, back_pain=3).exercises) == 5


def test_a_knee_origin_plan_starts_with_the_knee() -> None:
    plan = plan_for(**KNEE_ORIGIN)
    assert plan.exercises[0].id == "quad_setting"
    assert plan.exercises[0].targets == "knee"


def test_a_back_origin_plan_starts_with_the_back() -> None:
    plan = plan_for(**BACK_ORIGIN)
    assert plan.exercises[0].targets == "back"
    assert "pelvic_tilt" in ids(plan)


def test_a_knee_that_gives_way_leaves_out_the_squat() -> None:
    steady = plan_for(**KNEE_ORIGIN, knee_pain=2, back_pain=2)
    assert "chair_squat" in ids(steady)
    shaky = plan_for(**KNEE_ORIGIN, knee_pain=2, back_pain=2, knee_giving_way="yes")
    assert "chair_squat" not in ids(shaky)
    assert len(shaky.exercises) == 5


def test_a_modification_is_carried_as_a_caution() -> None:
    plan = plan_for(**BACK_ORIGIN)
    stretch = next(e for e in plan.exercises if e.id == "hamstring_stretch_seated")
    assert stretch.caution is not None
    modify = next(
        c for c in exercises()["hamstring_stretch_seated"].contraindications if c.action == "modify"
    )
    assert stretch.caution.en == modify.text.en


def test_no_caution_when_no_modification_applies() -> None:
    plan = plan_for()
    assert all(e.caution is None for e in plan.exercises if e.id == "quad_setting")


def test_an_unsteady_person_gets_a_balance_exercise() -> None:
    plan = plan_for(unsteady="yes")
    assert any(e.targets == "balance" for e in plan.exercises)


def test_a_steady_person_with_an_undetermined_pattern_gets_no_balance_exercise() -> None:
    assert not any(e.targets == "balance" for e in plan_for().exercises)


def test_a_dose_reads_the_hold_the_count_and_the_side() -> None:
    text = dosage_text(30, 2, 1, 2, True)
    assert text.ja == "30秒キープ×2回×1セット(左右それぞれ)、1日2回"
    assert text.en == "hold 30 seconds, 2 times, 1 set, each side; 2 times a day"


def test_strong_pain_halves_the_repetitions_to_start() -> None:
    calm = next(e for e in plan_for().exercises if e.id == "quad_setting")
    sore = next(e for e in plan_for(knee_pain=8).exercises if e.id == "quad_setting")
    assert calm.dosage.reps is not None and sore.dosage.reps is not None
    assert sore.dosage.reps == max(1, calm.dosage.reps // 2)


def test_walking_starts_at_15_minutes_with_mild_pain() -> None:
    walk = plan_for(knee_pain=2, back_pain=3).walking
    assert walk.minutes_per_day == 15
    assert "15" in walk.text.ja and "15 minutes" in walk.text.en


def test_walking_starts_shorter_when_pain_is_strong() -> None:
    assert plan_for(knee_pain=5).walking.minutes_per_day == 10
    assert plan_for(back_pain=9).walking.minutes_per_day == 5


def test_the_plan_suggests_water_walking() -> None:
    assert "水中ウォーキング" in plan_for().walking.water_walking.ja


def test_the_stop_rule_uses_the_pain_monitoring_bands() -> None:
    rule = plan_for().stop_rule
    for band in ("0-2", "3-5", "above 5", "next morning", "week to week"):
        assert band in rule.en
    assert "翌朝" in rule.ja


def test_the_plan_warns_that_pain_may_rise_a_little_at_first() -> None:
    assert "rise a little" in plan_for().note.en
    assert "OARSI" in plan_for().source


def test_every_planned_exercise_says_why_and_where_it_comes_from() -> None:
    for e in plan_for(**KNEE_ORIGIN).exercises:
        assert e.why.ja and e.why.en and e.source
        assert e.name == exercises()[e.id].name


def test_osteoporosis_leaves_out_the_stretch_that_curls_the_spine_right_up() -> None:
    for pain in (2, 5, 8):
        assert "knee_to_chest" in ids(plan_for(**BACK_ORIGIN, knee_pain=pain, back_pain=pain))
        for pattern in ({}, BACK_ORIGIN, {"knee_pain": 0}):
            plan = plan_for(**{"knee_pain": pain, "back_pain": pain, **pattern, **OSTEOPOROSIS})
            assert not END_RANGE_FLEXION & set(ids(plan))
            assert 3 <= len(plan.exercises) <= 5


def test_osteoporosis_cautions_every_milder_forward_bend_in_the_plan() -> None:
    seen: set[str] = set()
    for pattern in ({}, BACK_ORIGIN, {"knee_pain": 0, "back_pain": 3}):
        for e in plan_for(**pattern, **OSTEOPOROSIS).exercises:
            if e.id in MILD_FLEXION:
                seen.add(e.id)
                assert e.caution is not None
                assert "osteoporosis" in e.caution.en and "骨粗しょう症" in e.caution.ja
    assert seen == MILD_FLEXION


def test_without_osteoporosis_forward_bends_carry_no_osteoporosis_caution() -> None:
    for e in plan_for(knee_pain=0, back_pain=3).exercises:
        assert e.caution is None or "osteoporosis" not in e.caution.en


def test_the_osteoporosis_rules_name_their_sources() -> None:
    for exercise_id in END_RANGE_FLEXION | MILD_FLEXION:
        exercise = exercises()[exercise_id]
        rules = [c for c in exercise.contraindications if c.condition == "osteoporosis"]
        assert [c.action for c in rules] == (
            ["skip"] if exercise_id in END_RANGE_FLEXION else ["modify"]
        )
        assert "Sinaki 1984" in exercise.source and "Too Fit To Fracture" in exercise.source


def test_a_knee_replacement_keeps_the_squat_shallow_and_the_thigh_stretch_unforced() -> None:
    plan = plan_for(**KNEE_ORIGIN, **KNEE_REPLACEMENT, knee_pain=2, back_pain=2)
    squat = next(e for e in plan.exercises if e.id == "chair_squat")
    assert squat.caution is not None and "knee replacement" in squat.caution.en
    assert "deep squat" in squat.caution.en and "人工膝関節" in squat.caution.ja
    stretch = exercises()["quad_stretch_standing"]
    assert any(c.condition == "knee_replacement" for c in stretch.contraindications)
    assert "Wylde 2019" in stretch.source and "Wylde 2019" in exercises()["chair_squat"].source


def test_without_a_knee_replacement_the_squat_has_no_replacement_caution() -> None:
    plan = plan_for(**KNEE_ORIGIN, knee_pain=2, back_pain=2)
    squat = next(e for e in plan.exercises if e.id == "chair_squat")
    assert squat.caution is None
