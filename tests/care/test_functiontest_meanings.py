"""What a function-test result means for the person: stages and bands worded in
content/functiontests.yaml (ja and en, with sources), read through care/functiontests.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from hizakoshi.care.functiontests import (
    FunctionTestError,
    chair_name,
    chair_stand,
    chair_stand_meaning,
    locomo_overall,
    meaning_source,
    one_leg_meaning,
    stage_meaning,
    steadi_meaning,
)
from hizakoshi.care.functiontests_content import load_function_tests
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError


def test_every_locomo_stage_has_a_meaning_in_both_languages() -> None:
    assert [stage_meaning(s).ja[:5] for s in (1, 2, 3)] == ["ロコモ度1", "ロコモ度2", "ロコモ度3"]
    assert stage_meaning(0).en == "This test shows no sign of reduced mobility."
    with pytest.raises(FunctionTestError):
        stage_meaning(4)


def test_the_overall_stage_is_the_worse_of_the_latest_two_step_and_stand_up() -> None:
    found = locomo_overall(two_step=((200.0,), 160.0), stand_up=(None, 30))  # 1.25: 1; 30 cm: 2
    assert found is not None and found.stage == 2
    assert locomo_overall(two_step=None, stand_up=None) is None
    assert locomo_overall(two_step=((200.0,), 20.0), stand_up=None) is None  # unreadable record


def test_a_chair_stand_band_is_worded_with_the_line_or_range_it_was_compared_with() -> None:
    result = chair_stand(chair="steadi_43cm", count=9, age=72, sex="female")
    text = chair_stand_meaning(
        chair=result.chair, band=result.band, reference=result.reference or ()
    )
    assert "(under 10)" in text.en and "10回未満" in text.ja
    cs30 = chair_stand_meaning(chair="cs30_40cm", band="average", reference=(15, 19))
    assert cs30.en == "Within the usual range for your age and sex (15 to 19)."
    assert chair_name("cs30_40cm").ja == "高さ40cmのいす、CS-30の基準"


def test_a_band_without_its_reference_or_from_the_other_table_is_not_compared() -> None:
    no_reference = chair_stand_meaning(chair="steadi_43cm", band="no_reference", reference=())
    assert no_reference.en.startswith("This table has no values")
    assert chair_stand_meaning(chair="steadi_43cm", band="average", reference=(12,)) == no_reference
    assert chair_stand_meaning(chair="cs30_40cm", band="average", reference=(12,)) == no_reference


def test_one_leg_standing_is_worded_around_the_15_second_line() -> None:
    assert one_leg_meaning(14.9).en.startswith("Under 15 seconds")
    assert one_leg_meaning(15).ja.startswith("15秒以上")


def test_the_three_fall_questions_are_worded_for_yes_none_and_unanswered() -> None:
    assert steadi_meaning(True).en.startswith("You answered yes")
    assert steadi_meaning(False).en.startswith("No yes answers")
    assert steadi_meaning(None).en == "Not every question was answered."


def test_each_test_s_meanings_name_their_source() -> None:
    assert "JOA" in meaning_source("locomo") and "STEADI" in meaning_source("chair_stand")
    assert "JCOA" in meaning_source("one_leg") and "STEADI" in meaning_source("steadi")


def test_a_meaning_with_a_placeholder_the_code_does_not_fill_is_refused(tmp_path: Path) -> None:
    text = (CONTENT_DIR / "functiontests.yaml").read_text(encoding="utf-8")
    (tmp_path / "functiontests.yaml").write_text(
        text.replace("({low} to {high})", "({lowest} to {high})", 1), encoding="utf-8"
    )
    with pytest.raises(ContentError, match=r"cs30\.below_average"):
        load_function_tests(tmp_path)
