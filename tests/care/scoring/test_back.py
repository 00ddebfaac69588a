"""ODI and RMDQ. ODI expectations follow awell-score's suite (src/scores/oswestry/
oswestry.test.ts: min 0, median 50, max 100, random 60, one missing section 35.5 "rounded up"
to 36 because awell reports whole numbers; we report one decimal)."""

from __future__ import annotations

import pytest

from hizakoshi.care.scoring import ScoreInputError
from hizakoshi.care.scoring.back import score_odi, score_rmdq


def odi(*values: int | None) -> dict[str, int | None]:
    return {str(n): v for n, v in enumerate(values, start=1)}


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (odi(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0.0),
        (odi(2, 3, 2, 3, 2, 3, 2, 3, 2, 3), 50.0),
        (odi(5, 5, 5, 5, 5, 5, 5, 5, 5, 5), 100.0),
        (odi(3, 3, 3, 3, 3, 3, 3, 3, 3, 3), 60.0),
    ],
)
def test_odi_min_median_max_and_60_percent_match_awell_score(
    answers: dict[str, int], expected: float
) -> None:
    assert score_odi(answers).score == expected


def test_odi_with_one_skipped_section_divides_by_the_sections_answered() -> None:
    result = score_odi(odi(2, 2, 2, 2, 2, 2, 2, 1, 1, None))
    assert result.answered == 9
    assert result.score == 35.6  # 16 / 45; awell-score shows round(35.56) = 36
    assert round(result.score) == 36


def test_odi_with_two_skipped_sections_has_no_score() -> None:
    result = score_odi(odi(2, 2, 2, 2, 2, 2, 2, 2, None, None))
    assert result.score is None
    assert result.answered == 8


def test_odi_section_out_of_range_is_an_error_naming_the_section() -> None:
    with pytest.raises(ScoreInputError) as caught:
        score_odi(odi(6))
    assert caught.value.item == "1"
    assert "1" in caught.value.message("en")


def test_rmdq_counts_the_yes_answers() -> None:
    answers = {str(n): (1 if n <= 7 else 0) for n in range(1, 25)}
    assert score_rmdq(answers).score == 7


def test_rmdq_takes_yes_and_no_as_words_or_booleans() -> None:
    answers = {str(n): "no" for n in range(1, 25)} | {"3": "yes", "4": True, "5": False}
    assert score_rmdq(answers).score == 2


def test_rmdq_with_any_item_unanswered_is_invalid() -> None:
    answers = {str(n): 0 for n in range(1, 24)}
    result = score_rmdq(answers)
    assert result.score is None
    assert result.missing == ("24",)


def test_rmdq_refuses_a_value_other_than_yes_or_no() -> None:
    with pytest.raises(ScoreInputError) as caught:
        score_rmdq({str(n): 0 for n in range(1, 25)} | {"12": 2})
    assert caught.value.item == "12"


def test_rmdq_has_no_item_25() -> None:
    with pytest.raises(ScoreInputError) as caught:
        score_rmdq({"25": 1})
    assert caught.value.code == "unknown_item"
