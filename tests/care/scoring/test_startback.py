"""STarT Back against awell-score's suite (src/scores/start_back_screening_tool/
start_back_screening_tool.test.ts and __testdata__/start_back_test_responses.ts; awell ids
Q01..Q09 are items 1..9) and the Keele risk-group boundaries."""

from __future__ import annotations

import pytest

from hizakoshi.care.scoring import ScoreInputError
from hizakoshi.care.scoring.startback import score_start_back


def form(*values: int) -> dict[str, int]:
    return {str(n): v for n, v in enumerate(values, start=1)}


@pytest.mark.parametrize(
    ("answers", "total", "distress", "risk"),
    [
        (form(0, 0, 0, 0, 0, 0, 0, 0, 0), 0, 0, "low"),  # awell min_response
        (form(1, 1, 1, 1, 0, 0, 0, 0, 0), 4, 0, "medium"),  # awell median_response
        (form(1, 1, 1, 1, 1, 1, 1, 1, 4), 9, 5, "high"),  # awell max_response
        (form(1, 0, 1, 0, 0, 1, 0, 0, 4), 4, 2, "medium"),  # awell random_response
    ],
)
def test_awell_scores_examples_give_the_same_total_distress_and_risk(
    answers: dict[str, int], total: int, distress: int, risk: str
) -> None:
    result = score_start_back(answers)
    assert (result.total, result.distress, result.risk) == (total, distress, risk)


def test_a_total_of_3_is_low_risk_and_4_is_medium() -> None:
    assert score_start_back(form(1, 1, 1, 0, 0, 0, 0, 0, 0)).risk == "low"
    assert score_start_back(form(1, 1, 1, 1, 0, 0, 0, 0, 0)).risk == "medium"


def test_a_distress_score_of_3_stays_medium_and_4_is_high() -> None:
    three = score_start_back(form(1, 1, 1, 1, 1, 1, 1, 0, 0))
    four = score_start_back(form(1, 1, 1, 1, 1, 1, 1, 1, 0))
    assert (three.distress, three.risk) == (3, "medium")
    assert (four.distress, four.risk) == (4, "high")


def test_high_distress_with_few_other_items_is_still_high_risk() -> None:
    result = score_start_back(form(0, 0, 0, 0, 1, 1, 1, 1, 0))
    assert (result.total, result.distress, result.risk) == (4, 4, "high")


@pytest.mark.parametrize(("option", "points"), [(0, 0), (1, 0), (2, 0), (3, 1), (4, 1)])
def test_bothersomeness_counts_only_for_very_much_or_extremely(option: int, points: int) -> None:
    assert score_start_back(form(0, 0, 0, 0, 0, 0, 0, 0, option)).total == points


def test_agree_and_disagree_may_be_given_as_true_and_false() -> None:
    answers = form(0, 0, 0, 0, 0, 0, 0, 0, 0) | {"1": True, "2": "yes", "3": False}
    assert score_start_back(answers).total == 2


def test_an_incomplete_form_gets_no_risk_group_and_lists_what_is_missing() -> None:
    answers = form(1, 1, 1, 1, 1, 1, 1, 1)
    result = score_start_back(answers)
    assert result.risk is None
    assert result.missing == ("9",)
    assert result.as_dict()["missing"] == ["9"]


@pytest.mark.parametrize(("item", "bad"), [("1", 2), ("1", -1), ("9", 5), ("9", True)])
def test_an_answer_outside_the_items_options_is_an_error_naming_the_item(
    item: str, bad: object
) -> None:
    with pytest.raises(ScoreInputError) as caught:
        score_start_back(form(0, 0, 0, 0, 0, 0, 0, 0, 0) | {item: bad})
    assert caught.value.item == item
