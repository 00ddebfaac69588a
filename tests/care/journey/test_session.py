"""Today's guided session: the exercises that fit in the time limit, as positions in the plan,
from dose values (no database). Timing and limit from content/schedule.yaml."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from hizakoshi.care.journey.ladder import Dose
from hizakoshi.care.journey.schedule import schedule
from hizakoshi.care.journey.session import dose_minutes, dose_seconds, limit_seconds, pick_session

HELD = Dose(sets=2, reps=10, hold_seconds=5, per_side=True)  # 6 minutes: one fits
SHORT = Dose(sets=2, reps=10)
DAY = date(2025, 3, 3)


def test_the_limit_is_ten_minutes_and_the_timing_says_it_is_our_own_estimate() -> None:
    assert limit_seconds() == 600
    assert "our own estimate" in schedule().session.source


def test_a_hold_counts_its_seconds_the_reps_sets_and_sides_and_the_rests() -> None:
    # (5 s hold + 2 s release) x 10 x 4 rounds + 3 rests of 20 s + 20 s to get ready
    assert dose_seconds(HELD) == 7 * 10 * 4 + 3 * 20 + 20
    assert dose_minutes(HELD) == 6


def test_repetitions_take_three_seconds_each() -> None:
    assert dose_seconds(SHORT) == 3 * 10 * 2 + 20 + 20


def test_a_short_plan_is_done_whole_in_the_plan_s_order() -> None:
    picked = pick_session([SHORT, SHORT, SHORT], day=DAY + timedelta(days=2))
    assert (picked.picked, picked.left_out) == ((0, 1, 2), ())
    assert picked.minutes == -(-3 * dose_seconds(SHORT) // 60)


def test_a_long_plan_is_cut_to_the_limit_and_what_is_left_out_comes_first_another_day() -> None:
    seen = set()
    for offset in range(4):
        picked = pick_session([HELD] * 4, day=DAY + timedelta(days=offset))
        assert picked.seconds <= limit_seconds()
        assert len(picked.picked) == 1 and len(picked.left_out) == 3
        seen.add(picked.picked[0])
    assert seen == {0, 1, 2, 3}


def test_an_exercise_longer_than_the_limit_alone_is_still_offered_the_shortest_first() -> None:
    long = Dose(sets=10, reps=50, hold_seconds=30, per_side=True)
    longer = Dose(sets=10, reps=50, hold_seconds=60, per_side=True)
    picked = pick_session([longer, long], day=DAY)
    assert picked.picked == (1,) and picked.left_out == (0,)
    assert picked.seconds == dose_seconds(long) > limit_seconds()


def test_no_plan_is_no_session() -> None:
    assert pick_session([], day=DAY).picked == ()


@given(
    doses=st.lists(
        st.builds(
            Dose,
            sets=st.integers(1, 4),
            reps=st.integers(1, 20),
            hold_seconds=st.none() | st.integers(1, 30),
            per_side=st.booleans(),
        ),
        max_size=8,
    ),
    offset=st.integers(0, 30),
)
def test_every_exercise_is_picked_or_left_out_once_and_the_pick_fits_unless_alone(
    doses: list[Dose], offset: int
) -> None:
    picked = pick_session(doses, day=DAY + timedelta(days=offset))
    assert sorted(picked.picked + picked.left_out) == list(range(len(doses)))
    assert list(picked.picked) == sorted(picked.picked)
    assert picked.seconds == sum(dose_seconds(doses[n]) for n in picked.picked)
    if len(picked.picked) > 1:
        assert picked.seconds <= limit_seconds()
