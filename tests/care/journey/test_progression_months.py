"""Progression over months with the clock passed in: weekly reviews climb one rung at a time,
a flare steps back, and no week ever jumps more than one rung or falls below the first."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hizakoshi.care.journey.ladder import Dose, build_ladder
from hizakoshi.care.journey.progression import ExerciseState, SessionRecord, review_exercise

from .helpers import BRIDGE

START = date(2025, 1, 6)  # a Monday; the first weekly review is on the following Sunday


def simulate(
    weeks: int, pain_in_week: Callable[[int], int], start_dose: Dose = BRIDGE
) -> list[int]:
    """Run the weekly review for `weeks` weeks of sessions every other day; return the rung
    index after each review."""
    ladder = build_ladder(start_dose)
    current = start_dose
    records: list[SessionRecord] = []
    positions: list[int] = []
    for week in range(weeks):
        for d in range(0, 7, 2):
            day = START + timedelta(days=7 * week + d)
            pain = pain_in_week(week)
            records.append(
                SessionRecord(
                    day=day,
                    pain_during=pain,
                    next_morning_pain=min(pain, 2),
                    good_control=pain <= 5,
                )
            )
        today = START + timedelta(days=7 * week + 6)
        review = review_exercise(
            ExerciseState(exercise_id="bridge", start=start_dose, current=current),
            records,
            usual_pain=2,
            today=today,
        )
        current = review.after
        positions.append(ladder.index(current))
    return positions


def test_six_months_of_good_weeks_climb_one_rung_a_week_to_the_top_and_stay() -> None:
    positions = simulate(26, lambda week: 3)
    top = len(build_ladder(BRIDGE)) - 1
    assert positions[0] == 0  # the first week has no week before it to compare
    assert positions[1 : top + 1] == list(range(1, top + 1))
    assert positions[top:] == [top] * (26 - top)


def test_a_two_week_flare_in_the_third_month_steps_back_two_rungs_then_climbs_again() -> None:
    def pain(week: int) -> int:
        return 7 if week in (9, 10) else 3

    positions = simulate(20, pain)
    assert positions[8] == 8
    assert positions[9:11] == [7, 6]
    assert positions[11:14] == [7, 8, 9]


def test_pain_that_creeps_up_a_point_a_week_steps_back_even_while_it_stays_under_five() -> None:
    def pain(week: int) -> int:
        return 2 if week < 5 else min(5, week - 2)  # 2, 2, 2, 2, 2, then 3, 4, 5, 5

    positions = simulate(9, pain)
    assert positions[:5] == [0, 1, 2, 3, 4]
    assert positions[5:8] == [3, 2, 1]  # the weekly average rose by a full point each week
    assert positions[8] == 2  # level again: it may climb


def test_a_year_of_alternating_good_and_painful_weeks_never_leaves_the_ladder() -> None:
    positions = simulate(52, lambda week: 6 if week % 3 == 2 else 2)
    assert all(0 <= p < len(build_ladder(BRIDGE)) for p in positions)
    assert all(abs(b - a) <= 1 for a, b in itertools.pairwise(positions))


# --- properties ----------------------------------------------------------------------------

TODAY = date(2025, 6, 30)

doses = st.builds(
    Dose,
    sets=st.integers(1, 3),
    reps=st.one_of(st.none(), st.integers(1, 12)),
    hold_seconds=st.one_of(st.none(), st.integers(1, 60)),
)
records = st.lists(
    st.builds(
        SessionRecord,
        day=st.integers(-2, 16).map(lambda n: TODAY - timedelta(days=n)),
        done=st.just(True),
        pain_during=st.one_of(st.none(), st.integers(0, 10)),
        next_morning_pain=st.one_of(st.none(), st.integers(0, 10)),
        good_control=st.one_of(st.none(), st.booleans()),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(start=doses, where=st.floats(0, 1), week=records, usual=st.integers(0, 10))
def test_a_review_never_moves_more_than_one_rung_nor_below_the_first(
    start: Dose, where: float, week: list[SessionRecord], usual: int
) -> None:
    ladder = build_ladder(start)
    before_index = int(where * (len(ladder) - 1))
    review = review_exercise(
        ExerciseState(exercise_id="x", start=start, current=ladder[before_index]),
        week,
        usual_pain=usual,
        today=TODAY,
    )
    after_index = ladder.index(review.after)
    expected = {"step_up": 1, "hold": 0, "step_back": -1}[review.action]
    assert after_index - before_index == expected
    assert review.after.level >= 1 and after_index >= 0


@settings(max_examples=200, deadline=None)
@given(week=records, usual=st.integers(0, 10), pain=st.integers(6, 10))
def test_a_week_with_pain_above_five_never_steps_up(
    week: list[SessionRecord], usual: int, pain: int
) -> None:
    painful = [*week, SessionRecord(day=TODAY, pain_during=pain)]
    review = review_exercise(
        ExerciseState(exercise_id="x", start=BRIDGE, current=BRIDGE),
        painful,
        usual_pain=usual,
        today=TODAY,
    )
    assert review.action != "step_up"


@settings(max_examples=100, deadline=None)
@given(start=doses)
def test_every_ladder_rises_strictly_and_starts_at_the_plans_amount(start: Dose) -> None:
    ladder = build_ladder(start)
    assert ladder[0] == start
    assert all(a.rung < b.rung for a, b in itertools.pairwise(ladder))
