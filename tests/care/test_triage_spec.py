"""The cases the corrected red-flag table (clinical-spec.md §1) exists for, each with the level the
spec gives, including the boundaries of the age and onset rules."""

from __future__ import annotations

from typing import Any

import pytest

from hizakoshi.care.assess import assess
from hizakoshi.care.model import Urgency
from hizakoshi.care.questions import InvalidAnswers, parse_answers

from .factory import INJURY_OK, assessed

HOT_KNEE: dict[str, Any] = {"knee_swelling": "yes", "knee_warmth": "yes"}


def urgency(**overrides: Any) -> Urgency:
    return assessed(**overrides).triage.urgency


def test_a_knee_that_turned_hot_and_swollen_two_days_ago_without_fever_means_a_doctor_today() -> (
    None
):
    result = assessed(**HOT_KNEE, knee_swelling_onset="days")
    assert result.triage.urgency == Urgency.SAME_DAY
    assert result.triage.hits[0].id == "hot_knee_recent"
    assert result.triage.headline.ja == "今日中に受診してください"
    assert result.plan is None and result.thermal == ()


def test_not_knowing_when_a_hot_swollen_knee_began_counts_as_recent() -> None:
    assert urgency(**HOT_KNEE, knee_swelling_onset="unknown") == Urgency.SAME_DAY


def test_a_hot_swollen_knee_for_more_than_a_week_is_outside_the_same_day_window() -> None:
    assert urgency(**HOT_KNEE, knee_swelling_onset="longer") == Urgency.NONE


def test_a_swollen_knee_that_is_not_warm_is_not_the_hot_knee_sign() -> None:
    assert urgency(knee_swelling="yes", knee_swelling_onset="days", knee_warmth="no") == (
        Urgency.NONE
    )


@pytest.mark.parametrize("risk", ["immunosuppression", "knee_replacement"])
def test_the_same_hot_knee_on_immunosuppressants_or_in_a_replaced_knee_is_an_emergency(
    risk: str,
) -> None:
    result = assessed(**HOT_KNEE, knee_swelling_onset="days", other_signs=[risk])
    assert result.triage.urgency == Urgency.EMERGENCY
    assert result.triage.hits[0].id == "hot_knee_at_risk"


def test_fever_with_back_pain_means_a_doctor_today() -> None:
    assert urgency(other_signs=["fever_back"]) == Urgency.SAME_DAY


def test_a_swollen_tender_calf_means_a_doctor_today() -> None:
    assert urgency(urgent_signs=["calf_swollen"], calf_breathless="no") == Urgency.SAME_DAY


def test_a_swollen_calf_with_sudden_breathlessness_or_chest_pain_is_an_emergency() -> None:
    assert urgency(urgent_signs=["calf_swollen"], calf_breathless="yes") == Urgency.EMERGENCY


def test_the_breathlessness_question_is_asked_only_about_a_swollen_calf() -> None:
    with pytest.raises(InvalidAnswers) as problem:
        assessed(calf_breathless="yes")
    assert problem.value.errors["calf_breathless"][0].code == "not_applicable"


@pytest.mark.parametrize(("age", "level"), [(59, Urgency.SAME_DAY), (60, Urgency.EMERGENCY)])
def test_sudden_severe_back_pain_into_the_belly_is_an_emergency_from_sixty(
    age: int, level: Urgency
) -> None:
    assert urgency(age=age, urgent_signs=["back_sudden_belly"]) == level


def test_back_pain_after_a_fall_down_the_stairs_means_a_doctor_today() -> None:
    assert urgency(other_signs=["back_after_fall"]) == Urgency.SAME_DAY


@pytest.mark.parametrize(("age", "level"), [(54, Urgency.NONE), (55, Urgency.WITHIN_DAYS)])
def test_a_knee_injury_this_week_needs_an_x_ray_check_from_fifty_five(
    age: int, level: Urgency
) -> None:
    assert urgency(**INJURY_OK, age=age) == level


def test_the_ottawa_age_rule_covers_an_injury_whose_day_is_not_known() -> None:
    assert urgency(**{**INJURY_OK, "knee_injury_when": "unknown"}, age=69) == Urgency.WITHIN_DAYS


def test_the_ottawa_age_rule_is_for_recent_injuries_only() -> None:
    assert urgency(**{**INJURY_OK, "knee_injury_when": "earlier"}, age=69) == Urgency.NONE


def test_a_69_year_old_who_twisted_her_knee_and_can_walk_is_told_to_see_a_doctor() -> None:
    result = assessed(**INJURY_OK, age=69, sex="female")
    assert [h.id for h in result.triage.hits] == ["injury_age_ottawa"]
    assert result.triage.self_care_paused


def test_an_injured_knee_replacement_is_referred_anyway() -> None:
    result = assessed(**INJURY_OK, other_signs=["knee_replacement"])
    assert "injury_with_replacement" in [h.id for h in result.triage.hits]


def test_a_knee_replacement_alone_is_not_a_warning_sign() -> None:
    assert urgency(other_signs=["knee_replacement"]) == Urgency.NONE


def test_long_standing_stenosis_type_numbness_in_both_legs_is_a_routine_visit_not_119() -> None:
    result = assessed(age=72, urgent_signs=["both_legs_longstanding"])
    assert result.triage.urgency == Urgency.SOON
    assert not result.triage.self_care_paused
    assert result.plan is not None


def test_new_or_worsening_pain_in_both_legs_is_still_an_emergency() -> None:
    assert urgency(urgent_signs=["sciatica_both"]) == Urgency.EMERGENCY


def test_osteoporosis_alone_is_not_a_warning_sign_but_with_a_recent_fall_it_is() -> None:
    assert urgency(other_signs=["osteoporosis"], osteoporosis_fall="no") == Urgency.NONE
    assert urgency(other_signs=["osteoporosis"], osteoporosis_fall="yes") == Urgency.WITHIN_DAYS


def test_widespread_numbness_asks_for_a_routine_visit() -> None:
    assert urgency(other_signs=["numb_widespread"]) == Urgency.SOON


def test_the_same_day_level_sits_between_emergency_and_within_days() -> None:
    result = assessed(other_signs=["fever_back", "night_pain"], urgent_signs=["none"])
    assert [h.urgency for h in result.triage.hits] == [Urgency.SAME_DAY, Urgency.WITHIN_DAYS]
    assert result.triage.urgency == Urgency.SAME_DAY


# --- stopping early -------------------------------------------------------------------------------

FIRST_SCREEN: dict[str, Any] = {"age": 72, "sex": "female", "desk_work": "no", "activity": "some"}


def test_saddle_numbness_on_screen_two_gives_a_result_without_the_other_screens() -> None:
    answers = parse_answers(FIRST_SCREEN | {"urgent_signs": ["saddle_numbness"]})
    assert not answers.complete
    result = assess(answers)
    assert result.triage.urgency == Urgency.EMERGENCY
    assert not result.answers_complete
    assert result.pattern is None and result.plan is None and result.weight is None


def test_a_same_day_sign_also_lets_the_person_stop_early() -> None:
    answers = parse_answers(
        FIRST_SCREEN | {"urgent_signs": ["none"], "other_signs": ["fever_back"]}
    )
    assert assess(answers).triage.urgency == Urgency.SAME_DAY


def test_a_within_days_sign_does_not_skip_the_remaining_questions() -> None:
    with pytest.raises(InvalidAnswers) as problem:
        parse_answers(FIRST_SCREEN | {"urgent_signs": ["none"], "other_signs": ["night_pain"]})
    assert problem.value.errors["knee_pain"][0].code == "required"


def test_stopping_early_still_needs_the_first_screen() -> None:
    with pytest.raises(InvalidAnswers) as problem:
        parse_answers({"urgent_signs": ["saddle_numbness"], "sex": "female"})
    assert problem.value.errors["age"][0].code == "required"


def test_a_wrong_answer_is_refused_even_when_stopping_early() -> None:
    with pytest.raises(InvalidAnswers) as problem:
        parse_answers(FIRST_SCREEN | {"urgent_signs": ["saddle_numbness"], "knee_pain": 11})
    assert problem.value.errors["knee_pain"][0].code == "out_of_range"


# --- what to tell the doctor ----------------------------------------------------------------------


def test_a_paused_result_lists_the_signs_in_the_persons_words_and_since_when() -> None:
    result = assessed(**HOT_KNEE, knee_swelling_onset="days", knee_pain=6, knee_duration="6w_3m")
    lines = [t.ja for t in result.triage.for_doctor]
    assert lines[0] == result.triage.hits[0].sign.ja
    assert "膝の腫れ: この数日のうち(1週間以内)" in lines
    assert "膝の痛み(6/10): 6週間〜3か月" in lines
    assert "年齢: 50歳" in lines


def test_an_unpaused_result_has_nothing_to_tell_the_doctor_urgently() -> None:
    assert assessed().triage.for_doctor == ()


def test_a_stopped_early_result_tells_the_doctor_only_what_was_answered() -> None:
    answers = parse_answers(
        FIRST_SCREEN | {"urgent_signs": ["calf_swollen"], "calf_breathless": "no"}
    )
    lines = [t.en for t in assess(answers).triage.for_doctor]
    assert lines == ["One calf is swollen and painful, or red or warm", "Age: 72"]
