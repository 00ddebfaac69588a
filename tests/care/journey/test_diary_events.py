"""New events asked in the diary raise the self-check's red-flag rules at the same urgency;
pain above 5 gets an answer at once; a 5% weight loss asks for a check; a diary sign pauses
self-care until the person records that a doctor has seen them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hizakoshi.care.dates import long_date_en
from hizakoshi.care.journey import (
    Clearance,
    DiaryEvents,
    DiaryReport,
    Weight,
    diary_pause,
    diary_triage,
    event_signs,
    journey,
    pain_answer,
    weight_loss_check,
)
from hizakoshi.care.model import Urgency

from .helpers import TODAY, ago

WELL_AFTER_FALL = {"fall_four_steps": "yes", "fall_bend": "yes", "fall_deformity": "no"}


def urgency_of(events: DiaryEvents, age: int | None = 50, back_pain: int | None = None) -> Urgency:
    return diary_triage(event_signs(events, age=age, back_pain=back_pain)).urgency


# --- pain above 5 ------------------------------------------------------------------------------


def test_back_pain_8_gets_an_answer_to_ease_off_with_what_changes_and_when_to_seek_help() -> None:
    answer = pain_answer(back_pain=8)
    assert answer is not None
    assert answer.worst == 8
    assert "8/10" in answer.headline.en and "8/10" in answer.headline.ja
    assert "rest" in answer.ease_off.en
    assert "back one step" in answer.plan.en
    assert "doctor" in answer.seek_help.en
    assert "Thomeé" in answer.source


def test_pain_of_5_is_within_the_limit_and_gets_no_answer() -> None:
    assert journey().pain_model.max_pain_during == 5
    assert pain_answer(knee_pain_left=5, knee_pain_right=5, back_pain=5) is None


def test_a_knee_at_6_is_named_as_the_site_above_the_limit() -> None:
    answer = pain_answer(knee_pain_left=2, knee_pain_right=6, back_pain=None)
    assert answer is not None
    assert [s.en for s in answer.sites] == ["right knee"]


# --- new events ---------------------------------------------------------------------------------


def test_a_fall_after_which_the_person_cannot_take_four_steps_is_an_emergency() -> None:
    events = DiaryEvents(fall=True, **(WELL_AFTER_FALL | {"fall_four_steps": "no"}))
    assert urgency_of(events) == Urgency.EMERGENCY


def test_a_knee_that_cannot_bend_to_90_degrees_after_a_fall_is_an_emergency() -> None:
    events = DiaryEvents(fall=True, **(WELL_AFTER_FALL | {"fall_bend": "no"}))
    assert urgency_of(events) == Urgency.EMERGENCY


def test_a_knee_out_of_shape_after_a_fall_is_an_emergency() -> None:
    events = DiaryEvents(fall=True, **(WELL_AFTER_FALL | {"fall_deformity": "yes"}))
    assert urgency_of(events) == Urgency.EMERGENCY


@pytest.mark.parametrize(("age", "urgency"), [(54, Urgency.NONE), (55, Urgency.WITHIN_DAYS)])
def test_after_a_fall_from_55_the_knee_is_checked_within_days_even_when_all_is_well(
    age: int, urgency: Urgency
) -> None:
    assert urgency_of(DiaryEvents(fall=True, **WELL_AFTER_FALL), age=age) == urgency


def test_an_unknown_age_does_not_rule_out_the_ottawa_check() -> None:
    signs = event_signs(DiaryEvents(fall=True, **WELL_AFTER_FALL), age=None)
    assert signs == ("injury_age_ottawa",)


def test_not_knowing_whether_one_can_walk_after_a_fall_means_a_doctor_within_days() -> None:
    events = DiaryEvents(fall=True, **(WELL_AFTER_FALL | {"fall_four_steps": "unknown"}))
    assert urgency_of(events, age=40) == Urgency.WITHIN_DAYS


def test_a_swollen_painful_calf_means_a_doctor_today() -> None:
    assert urgency_of(DiaryEvents(calf=True, calf_breathless=False)) == Urgency.SAME_DAY


def test_a_swollen_calf_with_breathlessness_or_chest_pain_is_an_emergency() -> None:
    assert urgency_of(DiaryEvents(calf=True, calf_breathless=True)) == Urgency.EMERGENCY


def test_a_fever_with_back_pain_means_a_doctor_today() -> None:
    assert urgency_of(DiaryEvents(fever=True, fever_back_pain=True)) == Urgency.SAME_DAY


def test_a_fever_on_a_day_with_back_pain_scored_counts_as_fever_with_back_pain() -> None:
    events = DiaryEvents(fever=True, fever_back_pain=False, fever_hot_knee=False)
    assert urgency_of(events, back_pain=4) == Urgency.SAME_DAY


def test_a_fever_with_a_hot_swollen_knee_is_an_emergency() -> None:
    assert urgency_of(DiaryEvents(fever=True, fever_hot_knee=True)) == Urgency.EMERGENCY


def test_a_fever_alone_raises_no_warning_sign() -> None:
    events = DiaryEvents(fever=True, fever_back_pain=False, fever_hot_knee=False)
    assert urgency_of(events, back_pain=0) == Urgency.NONE


@pytest.mark.parametrize("sign", ["bladder_bowel", "saddle_numbness"])
def test_new_bladder_bowel_or_saddle_symptoms_in_the_diary_are_an_emergency(sign: str) -> None:
    assert diary_triage([sign]).urgency == Urgency.EMERGENCY


# --- weight loss -------------------------------------------------------------------------------


def weights(*pairs: tuple[int, str]) -> list[Weight]:
    return [Weight(ago(days), Decimal(kg)) for days, kg in pairs]


def test_a_loss_just_under_5_percent_asks_nothing() -> None:
    assert weight_loss_check(weights((150, "80.0"), (0, "76.1")), today=TODAY) is None  # 4.9%


def test_a_loss_of_5_percent_in_six_months_asks_for_a_check_within_days() -> None:
    notice = weight_loss_check(weights((150, "80.0"), (0, "76.0")), today=TODAY)
    assert notice is not None
    assert notice.urgency == Urgency.WITHIN_DAYS
    assert notice.percent == Decimal("5.0")
    assert notice.since == ago(150)
    assert "4.0 kg (5.0%)" in notice.headline.en
    assert "not trying" in notice.text.en


def test_more_than_4_5_kg_counts_even_under_5_percent() -> None:
    assert weight_loss_check(weights((100, "100.0"), (0, "95.4")), today=TODAY) is not None


def test_a_weight_older_than_six_months_is_not_compared() -> None:
    assert weight_loss_check(weights((200, "80.0"), (0, "70.0")), today=TODAY) is None


def test_a_weight_gain_asks_nothing() -> None:
    assert weight_loss_check(weights((30, "70.0"), (0, "75.0")), today=TODAY) is None


# --- pause and resume ---------------------------------------------------------------------------


def test_a_diary_sign_pauses_self_care_and_says_what_to_tell_the_doctor_with_the_day() -> None:
    pause = diary_pause([DiaryReport(day=ago(2), signs=("calf_swollen",))], [], today=TODAY)
    assert pause is not None
    assert pause.triage.urgency == Urgency.SAME_DAY
    assert pause.triage.self_care_paused
    assert pause.first_day == ago(2)
    assert long_date_en(ago(2)) in pause.for_doctor[0].en  # a date in words, never ISO
    assert "calf" in pause.for_doctor[0].en


def test_a_doctors_clearance_resumes_and_the_same_past_sign_no_longer_pauses() -> None:
    reports = [DiaryReport(day=ago(5), signs=("night_pain",))]
    cleared = [Clearance(seen_on=ago(3), signs=("night_pain",))]
    assert diary_pause(reports, cleared, today=TODAY) is None


def test_a_new_sign_after_resuming_pauses_again() -> None:
    reports = [
        DiaryReport(day=ago(5), signs=("night_pain",)),
        DiaryReport(day=ago(1), signs=("night_pain",)),
    ]
    cleared = [Clearance(seen_on=ago(3), signs=("night_pain",))]
    pause = diary_pause(reports, cleared, today=TODAY)
    assert pause is not None
    assert pause.first_day == ago(1)


def test_another_sign_on_the_cleared_day_still_pauses() -> None:
    reports = [DiaryReport(day=ago(3), signs=("night_pain", "calf_swollen"))]
    cleared = [Clearance(seen_on=ago(3), signs=("night_pain",))]
    pause = diary_pause(reports, cleared, today=TODAY)
    assert pause is not None
    assert pause.signs == ("calf_swollen",)


def test_a_sign_stays_until_a_doctor_has_seen_the_person_however_long_ago() -> None:
    reports = [DiaryReport(day=date(2024, 1, 5), signs=("knee_locking",))]
    assert diary_pause(reports, [], today=TODAY) is not None
