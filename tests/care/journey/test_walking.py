"""Walking: it starts from the person's own first week (or 10-15 minutes), goes up about 5
minutes (or 500 steps) in a week within the pain rules, towards 30 minutes on 5 days a week or
6,000 steps a day, and goes back a step in a week that is not."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hizakoshi.care.journey.walking import (
    WalkDay,
    WalkingTarget,
    next_target,
    review_walking,
    walking_start,
)

from .helpers import TODAY, ago, walks

START = date(2025, 4, 1)
MINUTES_10 = WalkingTarget(unit="minutes", per_day=10)


def first_week(minutes: list[int | None], steps: list[int | None] | None = None) -> list[WalkDay]:
    steps = steps or [None] * len(minutes)
    return [
        WalkDay(day=START + timedelta(days=i), minutes=m, steps=s)
        for i, (m, s) in enumerate(zip(minutes, steps, strict=True))
    ]


# --- the start ----------------------------------------------------------------------------


def test_the_start_is_the_first_weeks_average_rounded_to_five_minutes() -> None:
    days = first_week([12, 20, None, 15, 0, 14, None])  # 4 walking days, mean 15.25
    begun = walking_start(
        days, start=START, today=START + timedelta(days=6), fallback_minutes=10, age=70
    )
    assert begun.from_baseline
    assert begun.target == WalkingTarget(unit="minutes", per_day=15)
    assert "15" in begun.reason.en and "first week" in begun.reason.en


def test_steps_from_a_step_counter_give_a_start_in_steps() -> None:
    days = first_week([None] * 7, [3120, 2890, 3500, 0, 3010, None, 2700])
    begun = walking_start(
        days,
        start=START,
        today=START + timedelta(days=9),
        fallback_minutes=10,
        age=72,
        unit="steps",
    )
    assert begun.target == WalkingTarget(unit="steps", per_day=3000)
    assert "3,000" in begun.target.text().en
    assert "65" in begun.goal.en


def test_with_fewer_than_three_days_recorded_the_plans_minutes_are_the_start() -> None:
    days = first_week([20, 25, None, None, None, None, None])
    begun = walking_start(
        days, start=START, today=START + timedelta(days=8), fallback_minutes=15, age=60
    )
    assert not begun.from_baseline
    assert begun.target == WalkingTarget(unit="minutes", per_day=15)
    assert "flat ground" in begun.reason.en


def test_before_the_first_week_is_over_the_plans_minutes_are_the_start() -> None:
    days = first_week([20, 25, 20, 20, None, None, None])
    begun = walking_start(
        days, start=START, today=START + timedelta(days=5), fallback_minutes=10, age=60
    )
    assert not begun.from_baseline


def test_someone_who_already_walks_past_the_goal_is_not_asked_to_walk_less() -> None:
    days = first_week([45, 50, 40, 45, 50, 40, 45])
    begun = walking_start(
        days, start=START, today=START + timedelta(days=6), fallback_minutes=10, age=60
    )
    assert begun.target.per_day == 45
    review = review_walking(begun.target, walks(minutes=45), usual_pain=2, today=TODAY, age=60)
    assert (review.action, review.hold_reason) == ("hold", "top")


# --- weekly review --------------------------------------------------------------------------


def test_a_good_week_adds_five_minutes() -> None:
    review = review_walking(MINUTES_10, walks(), usual_pain=2, today=TODAY, age=70)
    assert review.action == "step_up"
    assert review.after.per_day == 15
    assert "1日10分 → 1日15分" in review.reason.ja


def test_the_last_step_stops_at_thirty_minutes_and_then_holds_at_the_goal() -> None:
    near = WalkingTarget(unit="minutes", per_day=28)
    assert review_walking(near, walks(), usual_pain=2, today=TODAY, age=70).after.per_day == 30
    goal = WalkingTarget(unit="minutes", per_day=30)
    review = review_walking(goal, walks(), usual_pain=2, today=TODAY, age=70)
    assert (review.action, review.hold_reason) == ("hold", "top")
    assert "30" in review.goal.en and "5 days" in review.goal.en


def test_steps_go_up_by_five_hundred_towards_six_thousand() -> None:
    target = WalkingTarget(unit="steps", per_day=5800)
    review = review_walking(
        target, walks(minutes=None, steps=6000), usual_pain=2, today=TODAY, age=70
    )
    assert review.after.per_day == 6000
    assert next_target(WalkingTarget(unit="steps", per_day=3000), up=True) == WalkingTarget(
        unit="steps", per_day=3500
    )


def test_a_walk_that_hurts_above_five_takes_five_minutes_off() -> None:
    target = WalkingTarget(unit="minutes", per_day=20)
    days = [*walks(), WalkDay(day=ago(1), minutes=20, pain_during=6)]
    review = review_walking(target, days, usual_pain=2, today=TODAY, age=70)
    assert review.action == "step_back"
    assert review.after.per_day == 15


def test_a_day_not_walked_because_of_pain_steps_back() -> None:
    target = WalkingTarget(unit="minutes", per_day=20)
    days = [*walks(), WalkDay(day=ago(1), minutes=0, skipped_for_pain=True)]
    assert review_walking(target, days, usual_pain=2, today=TODAY, age=70).action == "step_back"


def test_at_five_minutes_a_bad_week_holds_and_mentions_the_pool() -> None:
    floor = WalkingTarget(unit="minutes", per_day=5)
    review = review_walking(floor, walks(pain=7), usual_pain=2, today=TODAY, age=70)
    assert (review.action, review.hold_reason) == ("hold", "bottom")
    assert "pool" in review.reason.en


def test_walking_on_only_one_day_is_too_little_to_judge() -> None:
    days = [*walks(weeks=2)[7:], WalkDay(day=TODAY, minutes=15, pain_during=1, good_control=True)]
    review = review_walking(MINUTES_10, days, usual_pain=2, today=TODAY, age=70)
    assert (review.action, review.hold_reason) == ("hold", "too_few")
    sessions = next(c for c in review.checks if c.id == "sessions")
    assert "Days walked this week: 1," in sessions.text.en
    assert "1日" in sessions.text.ja


def test_the_review_shows_the_rule_the_goal_and_the_source() -> None:
    review = review_walking(MINUTES_10, walks(), usual_pain=2, today=TODAY, age=70)
    assert "5 minutes" in review.rule.en
    assert "WalkBack" in review.source and "健康日本21" in review.source


def test_a_usual_pain_outside_zero_to_ten_is_refused() -> None:
    with pytest.raises(ValueError, match="usual_pain"):
        review_walking(MINUTES_10, [], usual_pain=-1, today=TODAY, age=70)


def test_three_months_of_good_weeks_walk_from_ten_to_thirty_minutes_and_stay() -> None:
    start = date(2025, 1, 6)
    target = MINUTES_10
    days: list[WalkDay] = []
    seen: list[int] = []
    for week in range(13):
        days += [
            WalkDay(
                day=start + timedelta(days=7 * week + d),
                minutes=target.per_day,
                pain_during=2,
                next_morning_pain=1,
                good_control=True,
            )
            for d in range(0, 7)
            if d != 3
        ]
        today = start + timedelta(days=7 * week + 6)
        target = review_walking(target, days, usual_pain=2, today=today, age=68).after
        seen.append(target.per_day)
    assert seen[:6] == [10, 15, 20, 25, 30, 30]
    assert set(seen[4:]) == {30}


@settings(max_examples=200, deadline=None)
@given(
    per_day=st.integers(1, 20_000),
    unit=st.sampled_from(["minutes", "steps"]),
    up=st.booleans(),
)
def test_one_walking_step_is_never_more_than_one_increment_and_never_below_the_floor(
    per_day: int, unit: str, up: bool
) -> None:
    target = WalkingTarget(unit=unit, per_day=per_day)
    moved = next_target(target, up=up)
    if moved is None:
        return
    size = 5 if unit == "minutes" else 500
    assert 0 < abs(moved.per_day - per_day) <= size
    assert moved.per_day >= (5 if unit == "minutes" else 1000) or up
