"""KOOS, KOOS-12 and KOOS-PS against the published examples and the missing-answer rules.

Expected numbers for KOOS and KOOS-PS are awell-score's test suites (awell-health/awell-score:
src/scores/koos/koos.test.ts with __testdata__/koos_form_responses.ts; src/scores/koos_ps/
koos_ps.test.ts). Their KOOS ids map to ours: P1_PAIN_FREQUENCY -> P1, SY1_... -> S1, etc.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hizakoshi.care.scoring import ENGINES, ScoreInputError, score
from hizakoshi.care.scoring.koos import (
    KOOS_MIN_ANSWERED,
    KOOS_SUBSCALES,
    _score_by_item,
    score_koos,
)
from hizakoshi.care.scoring.koos_ps import KOOS_PS_CONVERSION, score_koos_ps

KOOS_IDS = ENGINES["koos"].item_ids

# awell-score random_response, in KOOS order P1-P9, S1-S7, A1-A17, SP1-SP5, Q1-Q4.
AWELL_RANDOM = dict(
    zip(
        [*KOOS_SUBSCALES["pain"], *KOOS_SUBSCALES["symptoms"], *KOOS_SUBSCALES["adl"],
         *KOOS_SUBSCALES["sport_rec"], *KOOS_SUBSCALES["qol"]],
        [3, 2, 1, 2, 3, 4, 1, 2, 3,
         2, 3, 1, 4, 2, 1, 3,
         2, 3, 1, 2, 4, 1, 3, 2, 3, 1, 2, 3, 4, 1, 2, 3, 2,
         3, 4, 3, 2, 4,
         3, 2, 3, 2],
        strict=True,
    )
)  # fmt: skip


def all_items(value: int) -> dict[str, Any]:
    return dict.fromkeys(KOOS_IDS, value)


def close(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) <= 0.1


def test_koos_items_are_listed_in_the_printed_form_order_starting_with_symptoms() -> None:
    assert KOOS_IDS[:2] == ("S1", "S2")
    assert KOOS_IDS[7] == "P1"
    assert KOOS_IDS[-1] == "Q4"
    assert len(KOOS_IDS) == 42


@pytest.mark.parametrize(("value", "expected"), [(0, 100.0), (2, 50.0), (4, 0.0)])
def test_best_median_and_worst_answers_match_awell_score(value: int, expected: float) -> None:
    result = score_koos(all_items(value))
    assert result.as_dict() == dict.fromkeys(KOOS_SUBSCALES, expected)


def test_awell_scores_random_response_gives_the_same_subscales_to_a_tenth() -> None:
    result = score_koos(AWELL_RANDOM)
    assert close(result.pain, 41.7)
    assert close(result.symptoms, 42.9)
    assert close(result.adl, 42.6)
    assert close(result.sport_rec, 20.0)
    assert close(result.qol, 37.5)


def test_five_pain_items_missing_leave_pain_unscored_but_the_others_scored() -> None:
    # awell: best_response with P1-P5 undefined -> PAIN null, the rest not null.
    answers = all_items(0) | dict.fromkeys(["P1", "P2", "P3", "P4", "P5"], None)
    result = score_koos(answers)
    assert result.pain is None
    assert result.symptoms == result.adl == result.sport_rec == result.qol == 100.0


@pytest.mark.parametrize("subscale", list(KOOS_SUBSCALES))
def test_a_subscale_is_scored_with_half_its_items_and_not_with_fewer(subscale: str) -> None:
    items = KOOS_SUBSCALES[subscale]
    need = KOOS_MIN_ANSWERED[subscale]
    enough = {i: 2 for i in items[:need]}
    too_few = {i: 2 for i in items[: need - 1]}
    assert getattr(score_koos(enough), subscale) == 50.0
    assert getattr(score_koos(too_few), subscale) is None


def test_the_minimum_answers_per_subscale_are_the_koos_2012_numbers() -> None:
    assert KOOS_MIN_ANSWERED == {"pain": 5, "symptoms": 4, "adl": 9, "sport_rec": 3, "qol": 2}


def test_an_empty_form_scores_no_subscale() -> None:
    assert set(score_koos({}).as_dict().values()) == {None}


def test_unanswered_items_are_left_out_of_the_mean() -> None:
    answers = all_items(0) | {"P1": 4, "P2": None}
    assert score_koos(answers).pain == round(100 - 4 / 8 * 25, 1)


@pytest.mark.parametrize("bad", [5, -1, 2.5, "2", True])
def test_an_impossible_answer_is_an_error_naming_the_item(bad: object) -> None:
    with pytest.raises(ScoreInputError) as caught:
        score_koos(all_items(1) | {"A7": bad})
    assert caught.value.item == "A7"
    assert "A7" in caught.value.message("en")
    assert "A7" in caught.value.message("ja")


def test_an_unknown_item_id_is_an_error_not_a_skipped_item() -> None:
    with pytest.raises(ScoreInputError) as caught:
        score_koos({"P10": 1})
    assert caught.value.code == "unknown_item"
    assert caught.value.item == "P10"


def test_answers_that_are_not_an_object_are_refused() -> None:
    with pytest.raises(ScoreInputError) as caught:
        score_koos([1, 2, 3])
    assert caught.value.code == "not_an_object"


@given(st.lists(st.integers(0, 4), min_size=42, max_size=42), st.sets(st.sampled_from(KOOS_IDS)))
def test_the_fast_path_for_complete_forms_agrees_with_the_item_by_item_path(
    values: list[int], unanswered: set[str]
) -> None:
    complete = dict(zip(KOOS_IDS, values, strict=True))
    assert score_koos(complete) == _score_by_item(complete)
    partial = complete | dict.fromkeys(unanswered, None)
    assert score_koos(partial) == _score_by_item(partial)


# --- KOOS-12 ---------------------------------------------------------------------------------


def test_koos12_uses_the_gandek_2019_items() -> None:
    assert ENGINES["koos-12"].item_ids == (
        "P1", "P5", "P6", "P8", "A3", "A4", "A7", "SP4", "Q1", "Q2", "Q3", "Q4",
    )  # fmt: skip


def test_koos12_scales_are_100_minus_mean_times_25_and_the_summary_is_their_mean() -> None:
    answers = (
        dict.fromkeys(["P1", "P5", "P6", "P8"], 1)
        | dict.fromkeys(["A3", "A4", "A7", "SP4"], 2)
        | dict.fromkeys(["Q1", "Q2", "Q3", "Q4"], 4)
    )
    result = score("koos-12", answers).as_dict()
    assert result == {"pain": 75.0, "function": 50.0, "qol": 0.0, "summary": 41.7}


def test_koos12_fills_a_missing_item_with_its_own_scale_mean() -> None:
    answers = {"P1": 1, "P5": 3, "A3": 0, "A4": 0, "A7": 0, "SP4": 0, "Q1": 0, "Q2": 0, "Q3": 0}
    result = score("koos-12", answers).as_dict()
    assert result["pain"] == 50.0  # P6 and P8 take the mean of P1 and P5
    assert result["qol"] == 100.0


def test_koos12_scale_with_one_of_four_items_has_no_score_and_no_summary() -> None:
    answers = {"P1": 1, "A3": 0, "A4": 0, "Q1": 0, "Q2": 0}
    result = score("koos-12", answers).as_dict()
    assert result["pain"] is None
    assert result["function"] == 100.0
    assert result["summary"] is None


# --- KOOS-PS ---------------------------------------------------------------------------------

PS_IDS = ENGINES["koos-ps"].item_ids


def test_koos_ps_items_are_the_seven_in_the_published_order() -> None:
    assert PS_IDS == ("A10", "A9", "A3", "A5", "SP4", "SP5", "SP1")


@pytest.mark.parametrize(("value", "expected"), [(0, 100.0), (2, 59.7), (4, 0.0)])
def test_koos_ps_min_median_and_max_match_awell_score(value: int, expected: float) -> None:
    assert score_koos_ps(dict.fromkeys(PS_IDS, value)).score == expected


def test_koos_ps_raw_sum_of_11_gives_awell_scores_random_response_of_64_7() -> None:
    answers = dict(zip(PS_IDS, [2, 1, 2, 1, 2, 1, 2], strict=True))
    result = score_koos_ps(answers)
    assert result.raw == 11
    assert result.score == 64.7


def test_koos_ps_is_converted_by_the_table_not_linearly() -> None:
    result = score_koos_ps(dict.fromkeys(PS_IDS, 2))
    assert result.raw == 14
    assert result.score != 100 - 14 / 28 * 100  # a linear rescaling would say 50


def test_the_conversion_table_covers_0_to_28_and_falls_all_the_way() -> None:
    assert len(KOOS_PS_CONVERSION) == 29
    assert all(a > b for a, b in pairwise(KOOS_PS_CONVERSION))


def test_koos_ps_states_its_direction_and_offers_the_perruccio_direction() -> None:
    result = score_koos_ps(dict.fromkeys(PS_IDS, 2))
    assert result.as_dict()["direction"] == "100_is_no_difficulty"
    assert result.difficulty_score == 40.3


def test_koos_ps_with_any_item_missing_has_no_score() -> None:
    result = score_koos_ps(dict.fromkeys(PS_IDS[:-1], 0))
    assert result.score is None
    assert result.missing == ("SP1",)


def test_koos_ps_refuses_an_item_outside_the_short_form() -> None:
    with pytest.raises(ScoreInputError) as caught:
        score_koos_ps(dict.fromkeys(PS_IDS, 0) | {"A1": 0})
    assert caught.value.item == "A1"
