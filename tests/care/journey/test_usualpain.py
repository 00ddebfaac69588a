"""The person's usual pain and the next morning's pain, as the weekly review compares them."""

from __future__ import annotations

from datetime import date, timedelta

from hizakoshi.care.journey.content import journey
from hizakoshi.care.journey.usualpain import DayPains, next_morning_pain, usual_pain

WEEK_STARTS = date(2025, 6, 16)


def before(days: int, *pains: int) -> DayPains:
    return DayPains(day=WEEK_STARTS - timedelta(days=days), pains=pains)


def test_usual_pain_is_the_mean_of_each_day_s_worst_pain_in_the_two_weeks_before() -> None:
    assert journey().pain_model.usual_days == 14
    days = [before(1, 2, 5), before(2, 3), before(14, 4)]  # worst: 5, 3, 4
    assert usual_pain(days, before=WEEK_STARTS, self_check_pain=8) == 4


def test_days_in_the_reviewed_week_or_more_than_two_weeks_before_do_not_count() -> None:
    days = [before(1, 2), before(15, 9), DayPains(day=WEEK_STARTS, pains=(9,))]
    assert usual_pain(days, before=WEEK_STARTS, self_check_pain=None) == 2


def test_without_diary_pain_the_self_check_s_pain_is_usual_and_nothing_is_zero() -> None:
    assert usual_pain([before(1)], before=WEEK_STARTS, self_check_pain=6) == 6
    assert usual_pain([], before=WEEK_STARTS, self_check_pain=None) == 0


def test_usual_pain_is_at_most_nine_so_a_worse_morning_can_be_told_apart() -> None:
    assert usual_pain([before(1, 10)], before=WEEK_STARTS, self_check_pain=None) == 9


def test_back_to_usual_is_the_usual_level_and_not_back_is_above_it() -> None:
    morning = DayPains(day=WEEK_STARTS, pains=(2,), back_to_usual=True)
    assert next_morning_pain(morning, usual=4) == 4
    assert next_morning_pain(morning.model_copy(update={"back_to_usual": False}), usual=4) == 5
    worse = DayPains(day=WEEK_STARTS, pains=(0, 7), back_to_usual=False)
    assert next_morning_pain(worse, usual=4) == 7
    assert next_morning_pain(worse, usual=9) == 10


def test_no_answer_about_the_morning_is_no_next_morning_pain() -> None:
    assert next_morning_pain(None, usual=3) is None
    assert next_morning_pain(DayPains(day=WEEK_STARTS, pains=(8,)), usual=3) is None
