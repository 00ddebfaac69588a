"""The reasons match the verdict: "why" lists only the answers that point to the chosen pattern,
the others are shown apart, and a pattern is never chosen against the person's own timing."""

from __future__ import annotations

from typing import Any

import pytest

from hizakoshi.care.model import Pattern, PatternResult

from .factory import assessed

# Signs of an arthritic knee that also hurts the back after walking (all point to knee-origin).
KNEE_SIGNS: dict[str, Any] = {
    "age": 70,
    "knee_activities": ["walking", "standing_up"],
    "knee_crepitus": "yes",
    "back_after_walking": "yes",
    "morning_both_ease": "yes",
    "knee_stiffness_min": 10,
}
# Signs the seed article gives for pains that began together (point to concurrent).
CONCURRENT_SIGNS: dict[str, Any] = {
    "unsteady": "yes",
    "weight_change": "gained",
    "legs_feel_weak": "yes",
}
CONCURRENT_IDS = {"same_time", "unsteady", "weight_gained", "low_activity", "legs_weak"}

# Answer sets that give each kind of verdict, for the checks that hold for every verdict.
PEOPLE: dict[str, dict[str, Any]] = {
    "knee first": {"first": "knee", "gap_months": 5, **KNEE_SIGNS, "unsteady": "yes"},
    "back first": {
        "first": "back",
        "gap_months": 4,
        "back_leg_symptoms": "thigh",
        "knee_crepitus": "yes",
        "unsteady": "yes",
    },
    "together": {"first": "same_time", **CONCURRENT_SIGNS, "knee_crepitus": "yes"},
    "timing unknown": {**KNEE_SIGNS, "back_leg_symptoms": "thigh"},
    "together with a knee that grinds": {"first": "same_time", **KNEE_SIGNS, **CONCURRENT_SIGNS},
}


def pattern_of(**overrides: Any) -> PatternResult:
    result = assessed(**overrides).pattern
    assert result is not None
    return result


@pytest.mark.parametrize("person", list(PEOPLE))
def test_a_decided_pattern_gives_as_why_only_the_answers_that_point_to_it(person: str) -> None:
    result = pattern_of(**PEOPLE[person])
    if result.likelihood == "undetermined":
        assert result.other_reasons == ()
        return
    assert result.reasons
    assert all(r.points_to == result.pattern for r in result.reasons)
    assert all(r.points_to != result.pattern for r in result.other_reasons)


@pytest.mark.parametrize("person", list(PEOPLE))
def test_every_answer_weighed_is_shown_once(person: str) -> None:
    result = pattern_of(**PEOPLE[person])
    ids = [r.id for r in (*result.reasons, *result.other_reasons)]
    assert len(ids) == len(set(ids))
    for pattern, score in result.scores.items():
        weighed = (*result.reasons, *result.other_reasons)
        assert sum(r.weight for r in weighed if r.points_to == pattern) == score


def test_the_verdicts_above_include_each_decided_pattern() -> None:
    # Without this, the checks above could pass on undetermined results alone.
    found = {pattern_of(**p).pattern for p in PEOPLE.values()}
    assert {
        Pattern.KNEE_ORIGIN,
        Pattern.BACK_ORIGIN,
        Pattern.CONCURRENT,
        Pattern.UNDETERMINED,
    } <= found


def test_answers_pointing_elsewhere_are_kept_apart_strongest_first() -> None:
    result = pattern_of(**PEOPLE["knee first"])
    assert result.pattern == Pattern.KNEE_ORIGIN
    assert [r.id for r in result.other_reasons] == ["unsteady"]
    weights = [r.weight for r in result.reasons]
    assert weights == sorted(weights, reverse=True)


def test_an_undetermined_result_shows_every_answer_as_weighed_and_nothing_apart() -> None:
    balanced = {"knee_crepitus": "yes", "back_after_walking": "yes", "back_leg_symptoms": "thigh"}
    result = pattern_of(**balanced)
    assert result.likelihood == "undetermined"
    assert {r.points_to for r in result.reasons} == {Pattern.KNEE_ORIGIN, Pattern.BACK_ORIGIN}
    assert result.other_reasons == ()


def test_a_woman_whose_pains_began_together_is_never_told_her_knee_drives_her_back() -> None:
    # The case: pains that began together, unsteady, heavier, with an arthritic knee.
    # The knee's signs outweigh the others by a "likely" lead, yet her own timing rules it out.
    result = pattern_of(
        sex="female", first="same_time", **KNEE_SIGNS, unsteady="yes", weight_change="gained"
    )
    assert result.scores == {"knee_origin": 8.0, "back_origin": 0.0, "concurrent": 5.5}
    assert result.pattern in (Pattern.CONCURRENT, Pattern.UNDETERMINED)
    assert result.pattern not in (Pattern.KNEE_ORIGIN, Pattern.BACK_ORIGIN)


def test_pains_that_began_together_with_few_knee_signs_fit_both_at_once() -> None:
    result = pattern_of(sex="female", first="same_time", **CONCURRENT_SIGNS, knee_crepitus="yes")
    assert result.pattern == Pattern.CONCURRENT
    assert {r.id for r in result.reasons} <= CONCURRENT_IDS
    assert "same_time" in {r.id for r in result.reasons}
    assert [r.id for r in result.other_reasons] == ["knee_crepitus"]


def test_no_sign_of_pains_beginning_together_is_ever_a_reason_for_one_driving_the_other() -> None:
    for person in PEOPLE.values():
        result = pattern_of(**person)
        if result.pattern in (Pattern.KNEE_ORIGIN, Pattern.BACK_ORIGIN):
            assert not CONCURRENT_IDS & {r.id for r in result.reasons}


def test_a_knee_that_hurt_months_first_is_never_said_to_be_driven_by_the_back() -> None:
    strong_back = {"back_leg_symptoms": "thigh", "back_eases_sitting_forward": "yes"}
    result = pattern_of(first="knee", gap_months=6, **strong_back)
    assert result.scores["back_origin"] > result.scores["knee_origin"]
    assert result.pattern != Pattern.BACK_ORIGIN


def test_a_back_that_hurt_months_first_is_never_said_to_be_driven_by_the_knee() -> None:
    result = pattern_of(first="back", gap_months=6, **KNEE_SIGNS)
    assert result.scores["knee_origin"] > result.scores["back_origin"]
    assert result.pattern != Pattern.KNEE_ORIGIN


def test_pains_months_apart_are_not_called_pains_that_began_together() -> None:
    result = pattern_of(first="knee", gap_months=8, **CONCURRENT_SIGNS, activity="low")
    assert result.scores["concurrent"] > result.scores["knee_origin"]
    assert result.pattern != Pattern.CONCURRENT


def test_without_a_known_order_of_onset_every_pattern_stays_open() -> None:
    result = pattern_of(**KNEE_SIGNS)
    assert result.pattern == Pattern.KNEE_ORIGIN
