"""When to see a doctor and why, from the person's own answers; treatments shown neutrally."""

from __future__ import annotations

from hizakoshi.care.content import medical_options

from .factory import TRIED, assessed


def test_without_warning_signs_the_referral_says_when_to_see_a_doctor() -> None:
    referral = assessed(first="same_time", unsteady="yes", legs_feel_weak="yes").referral
    assert referral.headline.en == "When to see a doctor"
    assert len(referral.reasons) == 1
    assert "4-6 weeks" in referral.reasons[0].en
    assert not referral.six_month_rule


def test_the_referral_repeats_the_warning_signs_in_the_persons_words() -> None:
    result = assessed(other_signs=["chest_pain"])
    assert result.referral.reasons[0] == result.triage.hits[0].sign


def test_an_emergency_referral_lists_no_treatments() -> None:
    referral = assessed(urgent_signs=["sciatica_both"]).referral
    assert referral.options == ()
    assert referral.headline.en == "Get care now"


def test_an_undetermined_pattern_suggests_an_examination_to_tell() -> None:
    reasons = assessed().referral.reasons
    assert any("examination" in r.en for r in reasons)


def test_the_hip_is_named_when_it_may_matter() -> None:
    reasons = assessed(
        age=66, knee_activities=["walking"], knee_swelling="no", knee_crepitus="no"
    ).referral.reasons
    assert any("hip" in r.en for r in reasons)


def test_long_morning_stiffness_is_something_to_tell_the_doctor() -> None:
    reasons = assessed(knee_stiffness_min=60).referral.reasons
    assert any("60 minutes" in r.en for r in reasons)
    assert not any("minutes" in r.en for r in assessed(knee_stiffness_min=20).referral.reasons)


def test_six_months_without_improvement_gives_the_specialist_headline() -> None:
    referral = assessed(**{**TRIED, "selfcare_months": 7, "selfcare_helped": "no"}).referral
    assert referral.six_month_rule
    assert referral.headline.en == "It is time to plan treatment with a specialist"


def test_a_within_days_flag_keeps_its_own_headline_even_with_the_six_month_rule() -> None:
    referral = assessed(other_signs=["night_pain"], daily_life="severe").referral
    assert referral.six_month_rule
    assert referral.headline.en == "See a doctor within the next few days"


def test_medical_options_are_all_listed_with_insurance_shown_and_diagnosis_first() -> None:
    options = assessed().referral.options
    assert {o.id for o in options} == set(medical_options())
    kinds = [medical_options()[o.id].kind for o in options]
    assert kinds[0] == "diagnosis"
    for option in options:
        if option.insurance != "covered":
            assert option.disclosure is not None
