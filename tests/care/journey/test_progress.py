"""Progress series: the first weeks against the last, labelled improved / unchanged / worse by
each series' threshold, with the rule shown; one pass over two years of daily data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hizakoshi.care.functiontests import ONE_LEG_CHECK_BELOW_S
from hizakoshi.care.instruments import classify_change
from hizakoshi.care.journey.content import SeriesId, series_rule
from hizakoshi.care.journey.progress import (
    Point,
    band_lines,
    classify,
    series_progress,
    weight_direction,
)

from .helpers import daily

START = date(2024, 7, 1)


def two_windows(
    before: float, after: float, *, days: int = 7, gap_days: int = 60, every: int = 1
) -> tuple[list[Point], date]:
    """Values `before` over the first `days`, `after` over the last `days`, nothing between."""
    today = START + timedelta(days=days + gap_days + days - 1)
    first = [Point(START + timedelta(days=i), before) for i in range(0, days, every)]
    last = [Point(today - timedelta(days=i), after) for i in range(0, days, every)]
    return first + last, today


def label(series: SeriesId, before: float, after: float, **kw: object) -> str:
    window = series_rule(series).window_days
    every = 1 if window <= 14 else window  # monthly series: one record per window
    points, today = two_windows(before, after, days=window, every=every)
    return series_progress(series, points, today=today, **kw).label  # type: ignore[arg-type]


# --- pain (NRS), per the instruments' MCIDs -------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [(5, 4, "improved"), (5, 4.1, "unchanged"), (3, 4, "worse"), (5, 5, "unchanged")],
)
def test_knee_pain_counts_a_change_of_one_point(before: float, after: float, expected: str) -> None:
    assert label("knee_pain_left", before, after) == expected
    assert label("knee_pain_right", before, after) == expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (6, 4, "improved"),  # 2 points
        (5, 3.5, "improved"),  # 30% of the start, 1.5 points
        (5, 3.6, "unchanged"),  # 28%
        (8, 6.1, "unchanged"),  # 1.9 points, 24%
        (4, 6, "worse"),
        (1, 1.4, "unchanged"),  # 40%, but under one point: day-to-day noise
    ],
)
def test_back_pain_counts_two_points_or_thirty_percent_but_never_less_than_one_point(
    before: float, after: float, expected: str
) -> None:
    assert label("back_pain", before, after) == expected


def test_pain_labels_agree_with_the_instruments_classify_change_above_the_floor() -> None:
    for before, after in ((6, 4), (5, 3.5), (5, 3.6), (2, 3.5), (7, 5.2)):
        rule = series_rule("back_pain")
        expected = classify_change("nrs", "score", before, after, "low_back_pain")
        assert classify(rule, before, after) == expected


# --- the other series -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("series", "before", "after", "expected"),
    [
        ("psfs", 4, 6, "improved"),
        ("psfs", 4, 5.9, "unchanged"),
        ("psfs", 6, 3.5, "worse"),
        ("chair_stand", 10, 12, "improved"),
        ("chair_stand", 10, 11, "unchanged"),
        ("locomo_stage", 2, 1, "improved"),
        ("locomo_stage", 1, 2, "worse"),
        ("one_leg_standing", 10, 14, "unchanged"),  # still under the 15-second line
        ("one_leg_standing", 14, 15, "improved"),
        ("one_leg_standing", 20, 12, "worse"),
        ("walking_minutes", 10, 15, "improved"),
        ("walking_minutes", 10, 14, "unchanged"),
        ("weight", 70, 66.5, "improved"),  # 5% lost
        ("weight", 70, 67, "unchanged"),
        ("weight", 70, 73.5, "worse"),
    ],
)
def test_each_series_is_judged_by_its_own_threshold(
    series: SeriesId, before: float, after: float, expected: str
) -> None:
    assert label(series, before, after) == expected


def test_when_weight_should_stay_steady_a_five_percent_loss_is_shown_as_worse() -> None:
    assert label("weight", 70, 66.5, direction="neither") == "worse"
    assert label("weight", 70, 67, direction="neither") == "unchanged"


def test_sessions_are_counted_per_week_and_a_week_without_any_counts_as_zero() -> None:
    today = START + timedelta(days=69)
    first = [Point(START + timedelta(days=d), 1) for d in (0, 3, 7, 10)]  # 2 a week
    last = [Point(today - timedelta(days=d), 1) for d in (0, 2, 4, 7, 9, 11)]  # 3 a week
    result = series_progress("sessions", first + last, today=today, start=START)
    assert (result.baseline, result.recent, result.label) == (2.0, 3.0, "improved")
    lapsed = series_progress("sessions", first, today=today, start=START)
    assert (lapsed.recent, lapsed.label) == (0.0, "worse")


# --- what the person reads ---------------------------------------------------------------------


def test_the_result_shows_both_windows_the_change_the_rule_and_the_source() -> None:
    points, today = two_windows(6, 4.5)
    result = series_progress("knee_pain_left", points, today=today)
    assert result.reason.en == "First 7 days: 6.0/10; last 7 days: 4.5/10 (change -1.5)."
    assert "6.0/10" in result.reason.ja and "4.5/10" in result.reason.ja
    assert result.label_text.ja == "良くなった"
    assert "1 point" in result.rule.en
    assert "Salaffi" in result.source


def test_two_weeks_in_there_is_not_enough_history_to_compare() -> None:
    points = daily(START, [5] * 10)
    result = series_progress("back_pain", points, today=START + timedelta(days=9))
    assert result.label == "not_enough_data"
    assert result.change is None
    assert "14" in result.reason.en


def test_a_window_with_too_few_records_is_not_compared() -> None:
    points, today = two_windows(6, 4, every=3)  # 3 records first, 3 last: just enough
    assert series_progress("back_pain", points, today=today).label == "improved"
    thin = [p for p in points if p.day != today]  # now only 2 in the last week
    result = series_progress("back_pain", thin, today=today)
    assert result.label == "not_enough_data"
    assert "3" in result.reason.en


def test_records_after_today_are_ignored_and_the_order_of_records_does_not_matter() -> None:
    points, today = two_windows(6, 4)
    late = [*points, Point(today + timedelta(days=1), 10)]
    forward = series_progress("back_pain", late, today=today)
    backward = series_progress("back_pain", list(reversed(late)), today=today)
    assert forward == backward
    assert forward.label == "improved"


def test_the_chart_gets_one_value_per_week_from_the_start_to_today() -> None:
    points = daily(START, [5.0] * 14 + [3.0] * 7)
    today = START + timedelta(days=27)  # the fourth week has no records
    weeks = series_progress("back_pain", points, today=today).weekly
    assert [w.value for w in weeks] == [5.0, 5.0, 3.0, None]
    assert [w.records for w in weeks] == [7, 7, 7, 0]
    assert weeks[1].start == START + timedelta(days=7)


# --- two years of daily data ---------------------------------------------------------------------


class CountingPoints:
    """An iterable that counts how often it is read."""

    def __init__(self, points: list[Point]) -> None:
        self.points = points
        self.reads = 0

    def __iter__(self) -> Iterator[Point]:
        self.reads += 1
        return iter(self.points)


def test_two_years_of_daily_data_are_read_once_and_compared_quickly() -> None:
    days = 730
    today = START + timedelta(days=days - 1)
    pain = [Point(START + timedelta(days=i), 6 - 3 * i / days) for i in range(days)]
    counting = CountingPoints(pain)
    result = series_progress("back_pain", counting, today=today)
    assert counting.reads == 1
    assert result.label == "improved"
    assert len(result.weekly) == 105


# --- properties ---------------------------------------------------------------------------------

threshold_series = st.sampled_from(
    ["knee_pain_left", "back_pain", "psfs", "chair_stand", "walking_minutes", "weight"]
)
values = st.floats(0, 10, allow_nan=False).map(lambda x: round(x, 1))


@settings(max_examples=300, deadline=None)
@given(series=threshold_series, before=values, after=values)
def test_swapping_the_windows_swaps_improved_and_worse(
    series: SeriesId, before: float, after: float
) -> None:
    rule = series_rule(series)
    forward, backward = classify(rule, before, after), classify(rule, after, before)
    swapped = {"improved": "worse", "worse": "improved", "unchanged": "unchanged"}
    if series in ("psfs", "chair_stand", "walking_minutes"):  # thresholds in points only
        assert backward == swapped[forward]
    elif forward != "unchanged" and backward != "unchanged":
        # A percent threshold depends on the start, so only one direction may reach it.
        assert backward == swapped[forward]


@settings(max_examples=200, deadline=None)
@given(series=threshold_series, value=values)
def test_no_change_is_always_unchanged(series: SeriesId, value: float) -> None:
    assert classify(series_rule(series), value, value) == "unchanged"


# --- the weight goal and the lines a series is judged by ----------------------------------------


def test_the_weight_goal_sets_the_direction_and_within_a_kilo_means_keep_it_steady() -> None:
    points = [Point(START + timedelta(days=9), 81.0), Point(START, 80.0)]  # the first: 80 kg
    assert weight_direction(points, 75.0) == "worse"  # losing is the goal: higher is worse
    assert weight_direction(points, 85.0) == "better"
    assert weight_direction(points, 79.2) == "neither"
    assert weight_direction(points, 79.0) == "worse"
    assert weight_direction(points, None) is None and weight_direction([], 70.0) is None


def test_one_leg_standing_is_drawn_with_the_function_test_s_15_second_line() -> None:
    (line,) = band_lines("one_leg_standing")
    assert line.value == ONE_LEG_CHECK_BELOW_S
    assert (line.label.ja, line.label.en) == ("15秒の目安", "the 15-second line")
    assert band_lines("knee_pain_left") == ()


def test_pain_series_are_drawn_on_their_0_to_10_scale_and_counts_open_ended() -> None:
    assert series_rule("back_pain").scale == (0, 10)
    assert series_rule("locomo_stage").scale == (0, 3)
    assert series_rule("chair_stand").scale == (0, None)
    assert series_rule("weight").scale == (None, None)
