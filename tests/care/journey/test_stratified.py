"""Stratified care: the STarT Back risk group sets the care around the plan (NICE NG59)."""

from __future__ import annotations

from typing import get_args

from hizakoshi.care.journey.content import RiskGroup, journey
from hizakoshi.care.journey.stratified import support_for


def test_low_risk_is_self_care_alone_without_sending_anyone_to_the_clinic() -> None:
    support = support_for("low")
    assert support.intensity.en == "Self-care"
    assert support.ask_clinic is False


def test_medium_and_high_risk_ask_the_clinic_for_matched_support() -> None:
    assert support_for("medium").ask_clinic and support_for("high").ask_clinic
    assert "physiotherapist" in support_for("medium").intensity.en
    assert "worry and mood" in support_for("high").intensity.en


def test_each_group_gets_the_shared_points_and_the_higher_groups_more() -> None:
    shared = journey().stratified.shared_education
    sizes = {}
    for risk in get_args(RiskGroup):
        education = support_for(risk).education
        assert education[: len(shared)] == shared
        sizes[risk] = len(education)
    assert sizes["low"] < sizes["medium"] < sizes["high"]
    assert any("low mood" in t.en for t in support_for("high").education)
    assert not any("low mood" in t.en for t in support_for("low").education)


def test_the_support_names_its_sources() -> None:
    source = support_for("high").source
    assert "NICE NG59" in source and "Hill et al. 2011" in source
