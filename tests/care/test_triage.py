"""Red flags: every warning sign raises the right urgency, and red flags override everything."""

from __future__ import annotations

from typing import Any

import pytest

from hizakoshi.care.content import red_flags
from hizakoshi.care.model import Urgency
from hizakoshi.care.triage import PAUSING

from .factory import INJURY_OK, TRIED, assessed


def flag_ids(**overrides: Any) -> list[str]:
    return [hit.id for hit in assessed(**overrides).triage.hits]


# --- the baseline ---------------------------------------------------------------------------


def test_a_person_without_warning_signs_needs_no_urgent_care() -> None:
    result = assessed()
    assert result.triage.urgency == Urgency.NONE
    assert result.triage.hits == ()
    assert not result.triage.self_care_paused
    assert result.plan is not None


# --- emergency --------------------------------------------------------------------------------


def test_trouble_passing_urine_sends_the_person_to_hospital_now() -> None:
    result = assessed(urgent_signs=["bladder_bowel"])
    assert result.triage.urgency == Urgency.EMERGENCY
    assert "bladder_bowel" in [h.id for h in result.triage.hits]
    steps = " ".join(t.ja for t in result.triage.what_to_do)
    assert "119" in steps
    assert "119" in " ".join(t.en for t in result.triage.what_to_do)
    assert "病院" in steps


def test_numbness_in_the_saddle_area_is_an_emergency() -> None:
    assert assessed(urgent_signs=["saddle_numbness"]).triage.urgency == Urgency.EMERGENCY


def test_weakness_in_both_legs_is_an_emergency() -> None:
    assert assessed(urgent_signs=["leg_weakness"]).triage.urgency == Urgency.EMERGENCY


def test_sciatica_in_both_legs_is_an_emergency() -> None:
    assert assessed(urgent_signs=["sciatica_both"]).triage.urgency == Urgency.EMERGENCY


def test_a_hot_red_swollen_knee_with_fever_is_an_emergency() -> None:
    assert assessed(urgent_signs=["hot_knee_fever"]).triage.urgency == Urgency.EMERGENCY


def test_a_swollen_warm_knee_with_fever_ticked_elsewhere_is_still_an_emergency() -> None:
    result = assessed(
        other_signs=["fever_back"],
        knee_swelling="yes",
        knee_swelling_onset="days",
        knee_warmth="yes",
    )
    assert result.triage.urgency == Urgency.EMERGENCY
    assert result.triage.hits[0].id == "hot_swollen_knee_with_fever"


def test_being_unable_to_take_four_steps_after_an_injury_is_an_emergency() -> None:
    result = assessed(**{**INJURY_OK, "knee_injury_four_steps": "no"})
    assert result.triage.urgency == Urgency.EMERGENCY
    assert "Ottawa" in result.triage.hits[0].source


def test_being_unable_to_bend_the_knee_to_a_right_angle_after_an_injury_is_an_emergency() -> None:
    result = assessed(**{**INJURY_OK, "knee_injury_bend": "no"})
    assert result.triage.urgency == Urgency.EMERGENCY


def test_a_knee_clearly_out_of_shape_after_an_injury_is_an_emergency() -> None:
    result = assessed(**{**INJURY_OK, "knee_injury_deformity": "yes"})
    assert result.triage.urgency == Urgency.EMERGENCY


def test_an_emergency_gives_no_exercises_no_heat_or_cold_and_no_priority() -> None:
    result = assessed(urgent_signs=["saddle_numbness"])
    assert result.triage.self_care_paused
    assert result.plan is None
    assert result.priority is None
    assert result.thermal == ()
    assert result.tips == ()
    assert result.referral.options == ()


# --- within days ------------------------------------------------------------------------------


def test_an_injured_knee_that_walks_and_bends_raises_no_flag() -> None:
    assert flag_ids(**INJURY_OK) == []


def test_not_knowing_whether_you_can_walk_after_an_injury_means_a_doctor_within_days() -> None:
    result = assessed(**{**INJURY_OK, "knee_injury_four_steps": "unknown"})
    assert result.triage.urgency == Urgency.WITHIN_DAYS
    assert [h.id for h in result.triage.hits] == ["injury_unclear"]


def test_a_knee_that_locks_means_a_doctor_within_days_and_pauses_self_care() -> None:
    result = assessed(knee_locking="yes")
    assert result.triage.urgency == Urgency.WITHIN_DAYS
    assert result.triage.self_care_paused
    assert result.plan is None
    assert result.thermal == ()


def test_a_knee_giving_way_after_an_injury_means_a_doctor_within_days() -> None:
    result = assessed(**{**INJURY_OK, "knee_giving_way": "yes"})
    assert result.triage.urgency == Urgency.WITHIN_DAYS
    assert "giving_way_after_injury" in [h.id for h in result.triage.hits]


def test_a_knee_giving_way_without_an_injury_is_not_a_red_flag() -> None:
    assert flag_ids(knee_giving_way="yes") == []


def test_swelling_after_an_injury_means_a_doctor_within_days() -> None:
    result = assessed(**{**INJURY_OK, "knee_swelling": "yes", "knee_swelling_onset": "days"})
    assert result.triage.urgency == Urgency.WITHIN_DAYS
    assert "swelling_after_injury" in [h.id for h in result.triage.hits]


def test_a_knee_swollen_and_warm_for_weeks_without_injury_or_fever_is_not_a_red_flag() -> None:
    assert flag_ids(knee_swelling="yes", knee_swelling_onset="longer", knee_warmth="yes") == []


@pytest.mark.parametrize(
    "sign",
    ["cancer_history", "weight_loss", "night_pain", "immunosuppression"],
)
def test_these_health_signs_mean_a_doctor_within_days(sign: str) -> None:
    result = assessed(other_signs=[sign])
    assert result.triage.urgency == Urgency.WITHIN_DAYS
    assert [h.id for h in result.triage.hits] == [sign]
    assert result.triage.self_care_paused


# --- soon -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sign", "rule"),
    [
        ("constant_pain", "constant_pain"),
        ("chest_pain", "chest_pain"),
        ("deformity", "spine_deformity"),
    ],
)
def test_these_signs_mean_booking_a_routine_visit(sign: str, rule: str) -> None:
    result = assessed(other_signs=[sign])
    assert result.triage.urgency == Urgency.SOON
    assert [h.id for h in result.triage.hits] == [rule]


def test_booking_a_visit_soon_still_allows_gentle_self_care() -> None:
    result = assessed(other_signs=["constant_pain"])
    assert not result.triage.self_care_paused
    assert result.plan is not None
    assert result.priority is not None
    assert result.thermal != ()


def test_back_pain_that_began_after_55_is_worth_a_routine_visit() -> None:
    assert flag_ids(age=60, back_duration="3m_6m") == ["back_began_old"]


def test_back_pain_for_over_a_year_at_60_is_not_flagged_by_age_alone() -> None:
    # It may have begun at any age before 59: no guess.
    assert flag_ids(age=60, back_duration="over_1y") == []


def test_back_pain_of_six_months_to_a_year_at_56_may_have_begun_at_55_and_is_not_flagged() -> None:
    assert flag_ids(age=56, back_duration="6m_1y") == []


def test_back_pain_that_began_before_20_is_worth_a_routine_visit() -> None:
    assert flag_ids(age=19, back_duration="over_1y") == ["back_began_young"]


def test_no_back_pain_means_no_flag_about_when_back_pain_began() -> None:
    assert flag_ids(age=70, back_duration="under_6w", back_pain=0) == []


def test_numbness_spreading_below_the_knee_is_worth_a_routine_visit() -> None:
    result = assessed(back_leg_symptoms="below_knee")
    assert result.triage.urgency == Urgency.SOON
    assert [h.id for h in result.triage.hits] == ["numbness_below_knee"]


def test_no_improvement_after_a_month_of_self_care_is_worth_a_routine_visit() -> None:
    result = assessed(**{**TRIED, "selfcare_months": 2, "selfcare_helped": "no"})
    assert [h.id for h in result.triage.hits] == ["no_better_after_weeks"]
    assert result.triage.urgency == Urgency.SOON
    assert not result.referral.six_month_rule


def test_self_care_that_helps_a_little_raises_no_flag() -> None:
    assert flag_ids(**{**TRIED, "selfcare_months": 8}) == []


def test_six_months_of_self_care_without_improvement_calls_for_a_specialist() -> None:
    result = assessed(**{**TRIED, "selfcare_months": 6, "selfcare_helped": "no"})
    assert [h.id for h in result.triage.hits] == ["six_months_no_better"]
    assert result.triage.urgency == Urgency.SOON
    assert result.referral.six_month_rule
    assert "専門" in result.referral.headline.ja


def test_five_months_without_improvement_is_not_yet_the_six_month_rule() -> None:
    result = assessed(**{**TRIED, "selfcare_months": 5, "selfcare_helped": "no"})
    assert not result.referral.six_month_rule
    assert [h.id for h in result.triage.hits] == ["no_better_after_weeks"]


def test_daily_life_badly_affected_calls_for_a_specialist() -> None:
    result = assessed(daily_life="severe")
    assert result.triage.urgency == Urgency.SOON
    assert [h.id for h in result.triage.hits] == ["daily_life_badly_affected"]
    assert result.referral.six_month_rule


# --- overriding ---------------------------------------------------------------------------------


def test_the_most_urgent_sign_wins_and_comes_first() -> None:
    result = assessed(
        urgent_signs=["bladder_bowel"],
        other_signs=["cancer_history", "chest_pain"],
        knee_locking="yes",
    )
    assert result.triage.urgency == Urgency.EMERGENCY
    assert [h.urgency for h in result.triage.hits] == [
        Urgency.EMERGENCY,
        Urgency.WITHIN_DAYS,
        Urgency.WITHIN_DAYS,
        Urgency.SOON,
    ]


def test_a_red_flag_overrides_a_clear_pattern() -> None:
    result = assessed(first="knee", gap_months=5, knee_crepitus="yes", knee_locking="yes")
    assert result.plan is None and result.priority is None


def test_every_red_flag_hit_says_what_was_seen_why_it_matters_and_its_source() -> None:
    result = assessed(urgent_signs=["leg_weakness", "sciatica_both"], other_signs=["night_pain"])
    for hit in result.triage.hits:
        assert hit.sign.ja and hit.sign.en and hit.why.ja and hit.why.en
        assert len(hit.source) > 5


# Each rule in redflags.yaml and an answer set that raises it; a test below checks the table
# covers the whole file, so a new rule cannot slip in untested.
RAISED_BY: dict[str, dict[str, Any]] = {
    "bladder_bowel": {"urgent_signs": ["bladder_bowel"]},
    "saddle_numbness": {"urgent_signs": ["saddle_numbness"]},
    "leg_weakness": {"urgent_signs": ["leg_weakness"]},
    "sciatica_both": {"urgent_signs": ["sciatica_both"]},
    "both_legs_longstanding": {"urgent_signs": ["both_legs_longstanding"]},
    "hot_knee_fever": {"urgent_signs": ["hot_knee_fever"]},
    "hot_knee_at_risk": {
        "other_signs": ["immunosuppression"],
        "knee_swelling": "yes",
        "knee_swelling_onset": "longer",
        "knee_warmth": "yes",
    },
    "calf_with_breathlessness": {"urgent_signs": ["calf_swollen"], "calf_breathless": "yes"},
    "calf_swollen": {"urgent_signs": ["calf_swollen"], "calf_breathless": "no"},
    "sudden_back_pain_older": {"age": 60, "urgent_signs": ["back_sudden_belly"]},
    "sudden_back_pain_younger": {"age": 59, "urgent_signs": ["back_sudden_belly"]},
    "hot_knee_recent": {
        "knee_swelling": "yes",
        "knee_swelling_onset": "days",
        "knee_warmth": "yes",
    },
    "back_after_fall": {"other_signs": ["back_after_fall"]},
    "injury_age_ottawa": {**INJURY_OK, "age": 55},
    "injury_with_replacement": {**INJURY_OK, "other_signs": ["knee_replacement"]},
    "numb_widespread": {"other_signs": ["numb_widespread"]},
    "hot_swollen_knee_with_fever": {
        "other_signs": ["fever_back"],
        "knee_swelling": "yes",
        "knee_swelling_onset": "longer",
        "knee_warmth": "yes",
    },
    "injury_cannot_walk": {**INJURY_OK, "knee_injury_four_steps": "no"},
    "injury_cannot_bend": {**INJURY_OK, "knee_injury_bend": "no"},
    "injury_deformity": {**INJURY_OK, "knee_injury_deformity": "yes"},
    "knee_locking": {"knee_locking": "yes"},
    "giving_way_after_injury": {**INJURY_OK, "knee_giving_way": "yes"},
    "swelling_after_injury": {**INJURY_OK, "knee_swelling": "yes", "knee_swelling_onset": "days"},
    "injury_unclear": {**INJURY_OK, "knee_injury_bend": "unknown"},
    "fever_back": {"other_signs": ["fever_back"]},
    "cancer_history": {"other_signs": ["cancer_history"]},
    "weight_loss": {"other_signs": ["weight_loss"]},
    "night_pain": {"other_signs": ["night_pain"]},
    "steroids_fall": {"other_signs": ["osteoporosis"], "osteoporosis_fall": "yes"},
    "immunosuppression": {"other_signs": ["immunosuppression"]},
    "back_began_young": {"age": 18},
    "back_began_old": {"age": 70, "back_duration": "under_6w"},
    "constant_pain": {"other_signs": ["constant_pain"]},
    "chest_pain": {"other_signs": ["chest_pain"]},
    "spine_deformity": {"other_signs": ["deformity"]},
    "numbness_below_knee": {"back_leg_symptoms": "below_knee"},
    "no_better_after_weeks": {**TRIED, "selfcare_helped": "no", "selfcare_months": 1},
    "six_months_no_better": {**TRIED, "selfcare_helped": "no", "selfcare_months": 12},
    "daily_life_badly_affected": {"daily_life": "severe"},
}


def test_the_table_below_covers_every_rule_in_the_red_flag_file() -> None:
    assert set(RAISED_BY) == {rule.id for rule in red_flags().rules}


@pytest.mark.parametrize("rule_id", sorted(RAISED_BY))
def test_each_red_flag_is_raised_by_its_answers_with_the_urgency_the_file_gives(
    rule_id: str,
) -> None:
    rule = next(r for r in red_flags().rules if r.id == rule_id)
    result = assessed(**RAISED_BY[rule_id])
    hit = next(h for h in result.triage.hits if h.id == rule_id)
    assert hit.urgency == rule.urgency
    assert result.triage.self_care_paused == (rule.urgency in PAUSING)
