"""Pain NRS and activity goals by the PSFS method."""

from __future__ import annotations

import pytest

from hizakoshi.care.scoring import ScoreInputError, score


def test_nrs_score_is_the_number_given() -> None:
    assert score("nrs", {"pain": 7}).as_dict() == {"score": 7}


def test_nrs_unanswered_has_no_score() -> None:
    assert score("nrs", {}).as_dict() == {"score": None}


@pytest.mark.parametrize("bad", [11, -1, 6.5])
def test_nrs_outside_0_to_10_is_an_error_naming_the_item(bad: object) -> None:
    with pytest.raises(ScoreInputError) as caught:
        score("nrs", {"pain": bad})
    assert caught.value.item == "pain"


def test_psfs_is_the_mean_of_the_rated_activities() -> None:
    assert score("psfs", {"1": 3, "2": 5, "3": 8}).as_dict() == {"score": 5.3, "activities": 3}


def test_psfs_takes_up_to_five_activities() -> None:
    result = score("psfs", {"1": 10, "2": 10, "3": 0, "4": 0, "5": 5}).as_dict()
    assert result == {"score": 5.0, "activities": 5}


def test_psfs_with_fewer_than_three_activities_has_no_score() -> None:
    assert score("psfs", {"1": 4, "2": 6}).as_dict() == {"score": None, "activities": 2}


def test_psfs_has_no_sixth_activity() -> None:
    with pytest.raises(ScoreInputError) as caught:
        score("psfs", {"6": 4})
    assert caught.value.item == "6"
