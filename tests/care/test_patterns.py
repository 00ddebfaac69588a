"""Which pain drives which: reasons from the person's own answers, and honest uncertainty."""

from __future__ import annotations

import string

from hizakoshi.care.model import Pattern
from hizakoshi.care.patterns import FEATURES, assess_pattern
from hizakoshi.care.plan_texts import ARTICLE
from hizakoshi.care.rules import pattern_content

from .factory import answers, assessed

KNEE_FIRST = {"first": "knee", "gap_months": 5}
# Long sitting makes the back worse; the follow-up about the knee on standing up is then asked.
SITTING = {"back_worse_sitting": "yes", "knee_pain_after_sitting": "no"}


def test_knee_pain_months_before_the_back_with_grinding_points_to_the_knee() -> None:
    result = assessed(
        **KNEE_FIRST, knee_crepitus="yes", back_after_walking="yes", morning_both_ease="yes"
    ).pattern
    assert result.pattern == Pattern.KNEE_ORIGIN
    assert result.likelihood == "likely"


def test_the_reason_quotes_the_gap_the_person_gave_in_both_languages() -> None:
    result = assessed(**KNEE_FIRST, knee_crepitus="yes").pattern
    reason = next(r for r in result.reasons if r.id == "knee_first_gap")
    assert "about 5 months before your back pain" in reason.text.en
    assert "5か月" in reason.text.ja


def test_numbness_into_the_thigh_points_to_the_back() -> None:
    result = assessed(back_leg_symptoms="thigh", **SITTING, first="back", gap_months=3).pattern
    assert result.pattern == Pattern.BACK_ORIGIN
    assert result.likelihood == "likely"
    assert result.reasons[0].points_to == Pattern.BACK_ORIGIN


def test_legs_that_ease_on_sitting_with_a_quiet_knee_point_to_the_back() -> None:
    result = assessed(
        back_eases_sitting_forward="yes",
        **SITTING,
        knee_swelling="no",
        knee_crepitus="no",
    ).pattern
    assert result.pattern == Pattern.BACK_ORIGIN
    assert {r.id for r in result.reasons} >= {"eases_sitting_forward", "no_knee_signs"}


def test_pain_starting_together_with_unsteadiness_and_weight_gain_points_to_both_at_once() -> None:
    result = assessed(
        first="same_time", unsteady="yes", weight_change="gained", legs_feel_weak="yes"
    ).pattern
    assert result.pattern == Pattern.CONCURRENT
    assert result.likelihood == "likely"


def test_one_strong_sign_alone_gives_possible_not_likely() -> None:
    result = assessed(first="same_time").pattern
    assert result.pattern == Pattern.CONCURRENT
    assert result.likelihood == "possible"


def test_weak_evidence_is_shown_as_undetermined() -> None:
    result = assessed(**SITTING).pattern
    assert result.pattern == Pattern.UNDETERMINED
    assert result.likelihood == "undetermined"
    assert result.scores["back_origin"] == 1.5


def test_balanced_evidence_is_shown_as_undetermined() -> None:
    result = assessed(
        **KNEE_FIRST, knee_crepitus="yes", back_leg_symptoms="thigh", **SITTING
    ).pattern
    assert result.scores["knee_origin"] == 4.5
    assert result.scores["back_origin"] == 4.5
    assert result.pattern == Pattern.UNDETERMINED


def test_a_clinician_should_always_confirm_the_pattern() -> None:
    for overrides in ({}, KNEE_FIRST, {"back_leg_symptoms": "thigh"}):
        confirm = assessed(**overrides).pattern.confirm
        assert "診断ではありません" in confirm.ja
        assert "confirm" in confirm.en


def test_the_age_reason_quotes_the_persons_age_and_activities() -> None:
    result = assessed(age=67, knee_activities=["walking", "stairs"]).pattern
    reason = next(r for r in result.reasons if r.id == "age_with_activity_pain")
    assert reason.text.en == "You are 67 and your knee hurts when walking or using stairs."
    assert reason.text.ja == "67歳で、歩くときや階段の上り下りのときに膝が痛みます。"


def test_under_45_the_age_reason_does_not_apply() -> None:
    result = assessed(age=44, knee_activities=["walking"]).pattern
    assert "age_with_activity_pain" not in {r.id for r in result.reasons}


def test_stiffness_of_over_30_minutes_is_not_counted_as_knee_arthritis_stiffness() -> None:
    assert "short_stiffness" in {r.id for r in assessed(knee_stiffness_min=20).pattern.reasons}
    assert "short_stiffness" not in {r.id for r in assessed(knee_stiffness_min=45).pattern.reasons}


def test_knee_pain_on_walking_without_knee_signs_mentions_the_hip() -> None:
    result = assessed(
        age=66, knee_activities=["walking"], knee_swelling="no", knee_crepitus="no"
    ).pattern
    assert result.hip_note is not None
    assert "股関節" in result.hip_note.ja


def test_a_knee_with_clear_joint_signs_does_not_mention_the_hip() -> None:
    result = assessed(
        age=66, knee_activities=["walking"], knee_swelling="no", knee_crepitus="yes"
    ).pattern
    assert result.hip_note is None


def test_scores_are_the_sums_of_the_reason_weights() -> None:
    result = assessed(**KNEE_FIRST, unsteady="yes", back_leg_symptoms="thigh").pattern
    weighed = (*result.reasons, *result.other_reasons)
    for pattern in ("knee_origin", "back_origin", "concurrent"):
        total = sum(r.weight for r in weighed if r.points_to == pattern)
        assert result.scores[pattern] == total


def test_every_reason_in_the_file_has_a_feature_that_fills_its_placeholders() -> None:
    # Answers chosen so that every feature fires once; each must fill its own template.
    people = [
        answers(
            **KNEE_FIRST,
            age=70,
            knee_activities=["walking", "standing_up"],
            knee_stiffness_min=10,
            knee_swelling="yes",
            knee_swelling_onset="longer",
            knee_crepitus="yes",
            back_after_walking="yes",
            morning_both_ease="yes",
            back_leg_symptoms="thigh",
            back_worse_sitting="yes",
            knee_pain_after_sitting="yes",
            back_eases_sitting_forward="yes",
            unsteady="yes",
            weight_change="gained",
            activity="low",
            legs_feel_weak="yes",
        ),
        answers(first="back", knee_swelling="no", knee_crepitus="no"),
        answers(first="back", gap_months=2),
        answers(first="knee"),
        answers(first="same_time"),
    ]
    fired: set[str] = set()
    for person in people:
        result = assess_pattern(person)
        for reason in (*result.reasons, *result.other_reasons):
            fired.add(reason.id)
            assert "{" not in reason.text.ja + reason.text.en
    ids = {r.id for r in pattern_content().reasons}
    assert ids == set(FEATURES)
    assert fired == ids


def test_reason_templates_use_the_same_placeholders_in_both_languages() -> None:
    def names(template: str) -> set[str]:
        return {n for _, n, _, _ in string.Formatter().parse(template) if n}

    for rule in pattern_content().reasons:
        assert names(rule.text.ja) == names(rule.text.en), rule.id


def test_priority_follows_the_pattern() -> None:
    knee = assessed(**KNEE_FIRST, knee_crepitus="yes", back_after_walking="yes")
    back = assessed(back_leg_symptoms="thigh", back_eases_sitting_forward="yes")
    both = assessed(first="same_time", unsteady="yes", legs_feel_weak="yes")
    unclear = assessed()
    assert knee.priority is not None and knee.priority.focus == "knee"
    assert back.priority is not None and back.priority.focus == "back"
    assert both.priority is not None and both.priority.focus == "both"
    assert unclear.priority is not None and unclear.priority.focus == "both"


def test_knee_pain_on_standing_after_long_sitting_points_to_the_back() -> None:
    result = assessed(back_worse_sitting="yes", knee_pain_after_sitting="yes").pattern
    weighed = {r.id: r for r in (*result.reasons, *result.other_reasons)}
    reason = weighed["knee_pain_after_sitting"]
    assert reason.points_to == Pattern.BACK_ORIGIN
    assert 1.5 <= reason.weight <= 2
    assert "stand up" in reason.text.en and "立ち上がる" in reason.text.ja
    assert f"{ARTICLE} §2" in reason.source
    assert result.scores["back_origin"] == 1.5 + reason.weight


def test_the_standing_up_sign_counts_only_when_the_person_said_yes() -> None:
    result = assessed(**SITTING).pattern
    assert "knee_pain_after_sitting" not in {r.id for r in result.reasons}
    assert result.scores["back_origin"] == 1.5
