"""Warning signs ticked in the daily diary give the self-check's urgent advice straight away,
with the same words, urgency and source as the self-check."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from hizakoshi.care.content import red_flags
from hizakoshi.care.journey.diaryflags import (
    DiaryReport,
    UnknownDiarySign,
    diary_signs,
    diary_triage,
)
from hizakoshi.care.model import Urgency
from hizakoshi.care.triage import PAUSING

from .helpers import TODAY


def test_new_saddle_numbness_sends_the_person_to_hospital_now() -> None:
    result = diary_triage(["saddle_numbness"])
    assert result.urgency == Urgency.EMERGENCY
    assert result.self_care_paused
    assert "119" in " ".join(t.ja for t in result.what_to_do)
    assert "119" in result.headline.en


@pytest.mark.parametrize(
    ("sign", "urgency"),
    [
        ("bladder_bowel", Urgency.EMERGENCY),
        ("leg_weakness", Urgency.EMERGENCY),
        ("sciatica_both", Urgency.EMERGENCY),
        ("hot_knee_fever", Urgency.EMERGENCY),
        ("fever_back", Urgency.SAME_DAY),
        ("night_pain", Urgency.WITHIN_DAYS),
        ("knee_locking", Urgency.WITHIN_DAYS),
        ("steroids_fall", Urgency.WITHIN_DAYS),
    ],
)
def test_each_diary_sign_has_the_same_urgency_as_in_the_self_check(
    sign: str, urgency: Urgency
) -> None:
    result = diary_triage([sign])
    assert result.urgency == urgency
    assert result.self_care_paused
    rule = next(r for r in red_flags().rules if r.id == sign)
    (hit,) = result.hits
    assert (hit.sign, hit.why, hit.source, hit.urgency) == (
        rule.sign,
        rule.why,
        rule.source,
        rule.urgency,
    )


def test_the_most_urgent_sign_decides_and_comes_first() -> None:
    result = diary_triage(["night_pain", "bladder_bowel"])
    assert result.urgency == Urgency.EMERGENCY
    assert [h.id for h in result.hits] == ["bladder_bowel", "night_pain"]
    assert result.what_to_do == red_flags().what_to_do[Urgency.EMERGENCY]


def test_a_day_without_warning_signs_says_so_and_gives_no_urgent_advice() -> None:
    result = diary_triage([])
    assert result.urgency == Urgency.NONE
    assert result.hits == ()
    assert result.what_to_do == ()
    assert not result.self_care_paused
    assert "urgent" in result.headline.en


def test_ticking_the_same_sign_twice_counts_it_once() -> None:
    assert len(diary_triage(["fever_back", "fever_back"]).hits) == 1


def test_a_sign_the_diary_does_not_ask_about_is_refused_in_both_languages() -> None:
    with pytest.raises(UnknownDiarySign) as caught:
        diary_triage(["back_began_old"])  # a self-check rule, but not a diary question
    assert caught.value.sign == "back_began_old"
    assert "back_began_old" in caught.value.text.ja
    with pytest.raises(ValidationError):
        DiaryReport(day=TODAY, signs=("sore_toe",))


def test_the_diary_form_lists_its_signs_in_the_files_order_with_their_words() -> None:
    signs = diary_signs()
    assert signs[0].id == "bladder_bowel"
    assert all(s.sign.ja and s.sign.en for s in signs)
    assert all(s.urgency in PAUSING for s in signs)
