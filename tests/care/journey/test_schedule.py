"""The journey's one schedule: check-ins, reassessment days, weighing, the diary's edit window and
the weekly review's week, from content/schedule.yaml. Plain values; no database, no clock."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hizakoshi.care.journey.schedule import (
    checkin_due,
    checkins_due,
    diary_days,
    diary_editable,
    load_schedule,
    next_checkin,
    reassessment_days,
    review_week,
    review_week_end,
    schedule,
    weight_due,
)
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError

START = date(2025, 3, 3)
EVERY = schedule().checkins.every_days
EARLY = schedule().checkins.early_days


def day(n: int) -> date:
    return START + timedelta(days=n)


def nrs(answered: list[int], today: int) -> tuple[bool, date | None]:
    found = checkin_due(
        instrument="nrs", start=START, answered=[day(n) for n in answered], today=day(today)
    )
    return found.due, found.due_on


# --- check-ins -----------------------------------------------------------------------------------


def test_the_intervals_are_four_weeks_with_a_week_s_grace_and_say_where_they_come_from() -> None:
    rule = schedule().checkins
    assert (rule.every_days, rule.early_days) == (28, 7)
    assert "issue 3 §6" in rule.source and "our own choice" in rule.source


def test_a_new_person_has_every_check_in_due_on_the_first_day() -> None:
    found = checkins_due(start=START, answered={}, today=START)
    assert [(d.instrument, d.due, d.due_on) for d in found] == [
        ("nrs", True, START),
        ("psfs", True, START),
    ]


def test_the_first_answer_settles_the_first_four_weeks_and_the_next_is_due_on_day_28() -> None:
    assert nrs([0], 0) == (False, day(EVERY))
    assert nrs([0], EVERY - 1) == (False, day(EVERY))
    assert nrs([0], EVERY) == (True, day(EVERY))
    assert nrs([0], 2 * EVERY + 4) == (True, day(2 * EVERY))


def test_an_answer_three_days_before_day_28_settles_day_28_and_the_round_it_was_given_in() -> None:
    # The bug this module ends: Today said done, the check-ins page said due.
    assert nrs([0, EVERY - 3], EVERY - 3) == (False, day(2 * EVERY))
    assert nrs([0, EVERY - 3], EVERY) == (False, day(2 * EVERY))
    assert nrs([0, EVERY - 3], 2 * EVERY) == (True, day(2 * EVERY))


def test_an_answer_just_outside_the_early_window_does_not_count_for_the_coming_day() -> None:
    assert nrs([0, EVERY - EARLY - 1], EVERY) == (True, day(EVERY))
    assert nrs([0, EVERY - EARLY], EVERY) == (False, day(2 * EVERY))


def test_a_late_answer_settles_its_round_and_the_next_day_stays_where_it_was() -> None:
    assert nrs([0, EVERY + 10], EVERY + 10) == (False, day(2 * EVERY))


def test_an_answer_dated_after_today_settles_nothing_yet() -> None:
    assert nrs([EVERY + 1], EVERY) == (True, day(EVERY))


def test_an_answer_in_the_week_before_the_start_counts_for_the_first_day() -> None:
    assert nrs([-2], 0) == (False, day(EVERY))


def test_before_the_start_nothing_is_due_and_the_start_is_next() -> None:
    assert nrs([], -1) == (False, START)


def test_start_back_is_due_until_answered_once_then_never_again() -> None:
    def start_back(answered: list[int], today: int) -> tuple[bool, date | None, bool]:
        found = checkin_due(
            instrument="start-back",
            start=START,
            answered=[day(n) for n in answered],
            today=day(today),
        )
        return found.due, found.due_on, found.once

    assert start_back([], 40) == (True, START, True)
    assert start_back([3], 200) == (False, None, True)


def test_the_check_ins_page_asks_about_the_instruments_it_offers_in_that_order() -> None:
    found = checkins_due(
        start=START, answered={"psfs": [START]}, today=day(3), instruments=["psfs", "koos"]
    )
    assert [(d.instrument, d.due, d.last_answered) for d in found] == [
        ("psfs", False, START),
        ("koos", True, None),
    ]


def test_the_next_check_in_is_the_earliest_one_not_due_now() -> None:
    answered = {"nrs": [day(0), day(EVERY - 2)], "psfs": [day(0)]}
    assert next_checkin(start=START, answered=answered, today=day(EVERY - 2)) == day(EVERY)
    assert next_checkin(start=START, answered={}, today=START) is None


@given(
    answered=st.lists(st.integers(-10, 200), max_size=8),
    today=st.integers(0, 200),
)
def test_a_check_in_is_never_due_after_an_answer_today_and_the_next_day_is_always_ahead(
    answered: list[int], today: int
) -> None:
    due, due_on = nrs([*answered, today], today)
    assert not due
    assert due_on is not None and day(today) < due_on
    assert (due_on - START).days % EVERY == 0


@given(answered=st.lists(st.integers(-10, 200), max_size=8), today=st.integers(0, 200))
def test_when_due_the_day_it_fell_due_has_passed_and_is_a_check_in_day(
    answered: list[int], today: int
) -> None:
    due, due_on = nrs(answered, today)
    if due:
        assert due_on is not None and due_on <= day(today) < due_on + timedelta(days=EVERY)
        assert (due_on - START).days % EVERY == 0


def test_the_calendar_shows_every_check_in_day_after_the_baseline_within_the_span() -> None:
    assert reassessment_days(start=START, until=day(3 * EVERY)) == [
        day(EVERY),
        day(2 * EVERY),
        day(3 * EVERY),
    ]
    assert reassessment_days(start=START, since=day(EVERY + 1), until=day(3 * EVERY - 1)) == [
        day(2 * EVERY)
    ]


def test_a_schedule_that_lets_one_answer_count_twice_is_refused(tmp_path: Path) -> None:
    text = (CONTENT_DIR / "schedule.yaml").read_text(encoding="utf-8")
    (tmp_path / "schedule.yaml").write_text(
        text.replace("every_days: 28", "every_days: 7"), encoding="utf-8"
    )
    with pytest.raises(ContentError, match="early_days must be shorter"):
        load_schedule(tmp_path)


def test_a_check_in_that_is_not_a_known_questionnaire_is_refused(tmp_path: Path) -> None:
    text = (CONTENT_DIR / "schedule.yaml").read_text(encoding="utf-8")
    (tmp_path / "schedule.yaml").write_text(
        text.replace("reminded: [nrs, psfs]", "reminded: [nrs, psfz]"), encoding="utf-8"
    )
    with pytest.raises(ContentError, match="psfz"):
        load_schedule(tmp_path)


# --- the diary -----------------------------------------------------------------------------------


def test_weight_is_asked_when_never_given_and_again_a_week_after_the_last() -> None:
    assert weight_due(last_weighed=None, today=START)
    assert not weight_due(last_weighed=START, today=day(6))
    assert weight_due(last_weighed=START, today=day(7))


def test_the_diary_can_be_changed_for_today_and_the_six_days_before_never_ahead() -> None:
    today = day(30)
    assert diary_editable(today, today=today)
    assert diary_editable(day(24), today=today)
    assert not diary_editable(day(23), today=today)
    assert not diary_editable(day(31), today=today)
    assert diary_days(today) == tuple(day(30 - n) for n in range(7))


# --- the weekly review ---------------------------------------------------------------------------


def test_the_review_week_is_the_latest_full_week_counted_from_the_start() -> None:
    assert review_week_end(start=START, today=day(6)) is None
    assert review_week_end(start=START, today=day(7)) == day(6)
    assert review_week_end(start=START, today=day(20)) == day(13)


def test_a_review_week_reads_its_seven_days_and_the_week_before_and_changes_the_next_day() -> None:
    week = review_week(day(13))
    assert (week.first, week.last, week.compared_from, week.last_morning, week.changes_on) == (
        day(7),
        day(13),
        day(0),
        day(14),
        day(14),
    )
    assert week.usual_from == day(7 - 14)  # two weeks of usual pain before the week
