"""BMI and knee load: exact arithmetic, the Japanese cut-off, and no weight talk for the lean."""

from __future__ import annotations

import pytest

from hizakoshi.care.weight import bmi

from .factory import assessed


def test_bmi_is_weight_over_height_squared_to_one_decimal() -> None:
    assert bmi(160, 55) == 21.5
    assert bmi(155, 62) == 25.8
    assert bmi(170, 72.3) == 25.0


def test_bmi_is_unknown_without_height_or_weight() -> None:
    assert bmi(None, 60) is None
    assert bmi(160, None) is None


def test_a_bmi_of_25_is_over_the_japanese_cutoff() -> None:
    result = assessed(height_cm=170, weight_kg=72.3).weight
    assert result.bmi == 25.0
    assert result.over_cutoff is True


def test_a_bmi_of_24_9_is_below_the_japanese_cutoff() -> None:
    result = assessed(height_cm=170, weight_kg=72).weight
    assert result.bmi == 24.9
    assert result.over_cutoff is False
    assert result.target_5pct_kg is None and result.target_10pct_kg is None


def test_five_and_ten_percent_targets_are_given_in_kilograms() -> None:
    result = assessed(height_cm=160, weight_kg=80).weight
    assert result.bmi == 31.3  # 31.25 rounds up
    assert result.target_5pct_kg == 4.0
    assert result.target_10pct_kg == 8.0
    assert "4 kg" in result.text.en and "8 kg" in result.text.en
    assert "約4kg" in result.text.ja and "約8kg" in result.text.ja


def test_targets_are_rounded_to_one_decimal() -> None:
    result = assessed(height_cm=150, weight_kg=63).weight
    assert result.target_5pct_kg == 3.2  # 3.15 rounds half up, as by hand
    assert result.target_10pct_kg == 6.3


def test_each_kilogram_lost_takes_about_four_kilograms_off_the_knee_per_step() -> None:
    result = assessed().weight
    assert result.knee_load_per_kg == 4
    assert result.examples == ((1, 4), (3, 12), (5, 20))
    assert "3 kg lost, about 12 kg less" in result.text.en
    assert "5kg減で約20kg" in result.text.ja
    assert "Messier 2005" in result.source


def test_unknown_height_still_explains_the_four_times_rule() -> None:
    result = assessed(height_cm=None).weight
    assert result.bmi is None
    assert result.over_cutoff is None
    assert result.target_5pct_kg is None
    assert "about 4 kg of load" in result.text.en
    assert "BMI" in result.text.en


@pytest.mark.parametrize("weight", [None, 40])
def test_a_lean_or_unknown_weight_is_never_told_to_lose_weight_by_a_target(
    weight: float | None,
) -> None:
    result = assessed(height_cm=160, weight_kg=weight).weight
    assert result.target_5pct_kg is None and result.target_10pct_kg is None
    assert "5%" not in result.text.en


def test_a_lean_person_is_told_there_is_no_need_to_lose_weight() -> None:
    result = assessed(height_cm=160, weight_kg=45).weight
    assert result.bmi == 17.6
    assert "no need to lose weight" in result.text.en


def test_the_pace_is_one_to_two_kilograms_a_month() -> None:
    pace = assessed().weight.pace
    assert "1-2 kg a month" in pace.en
    assert "1〜2kg" in pace.ja


def test_no_weight_targets_are_given_while_self_care_is_paused() -> None:
    # Spec §1: emergency, same-day and within-days results carry no weight targets at all.
    for signs in ({"urgent_signs": ["bladder_bowel"]}, {"other_signs": ["night_pain"]}):
        result = assessed(**signs, height_cm=160, weight_kg=80)
        assert result.triage.self_care_paused
        assert result.weight is None
