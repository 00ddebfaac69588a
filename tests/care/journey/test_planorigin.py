"""A clinician's change stands until a clinician changes it again: the weekly rules neither step
a clinician's row up nor back, a retaken self-check neither replaces it nor brings back what a
clinician removed; the automatic rows go on as before. And what a clinician may enter."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hizakoshi.care.journey.ladder import Dose
from hizakoshi.care.journey.planorigin import (
    ORIGINS,
    Origin,
    PlanRow,
    automatic_may_change,
    dose_limits,
    dose_problems,
    review_planned_exercise,
    review_planned_walking,
    selfcheck_plan_merge,
    selfcheck_replaces_walking,
    walking_limits,
    walking_problems,
)
from hizakoshi.care.journey.progression import ExerciseState, SessionRecord, review_exercise
from hizakoshi.care.journey.walking import WalkingTarget, review_walking

from .helpers import BRIDGE, TODAY, good_weeks, state, walks

PAINFUL = [SessionRecord(day=TODAY - timedelta(days=d), pain_during=8) for d in range(0, 7, 2)]


def test_only_a_clinicians_rows_are_out_of_the_automatic_rules_reach() -> None:
    assert {o: automatic_may_change(o) for o in ORIGINS} == {
        "selfcheck": True,
        "weekly": True,
        "clinician": False,
    }


def test_a_good_week_steps_up_a_self_check_row_but_leaves_a_clinicians_row_alone() -> None:
    up = review_planned_exercise(state(), "selfcheck", good_weeks(), usual_pain=2, today=TODAY)
    assert up is not None and up.action == "step_up"
    assert (
        review_planned_exercise(state(), "clinician", good_weeks(), usual_pain=2, today=TODAY)
        is None
    )


def test_a_painful_week_steps_back_a_weekly_row_but_not_a_clinicians_row() -> None:
    current = BRIDGE.model_copy(update={"reps": 14})
    back = review_planned_exercise(state(current), "weekly", PAINFUL, usual_pain=2, today=TODAY)
    assert back is not None and back.action == "step_back"
    kept = review_planned_exercise(state(current), "clinician", PAINFUL, usual_pain=2, today=TODAY)
    assert kept is None


def test_walking_set_by_a_clinician_is_not_reviewed_and_other_walking_is() -> None:
    target = WalkingTarget(unit="minutes", per_day=15)
    good = walks()
    for origin in ("selfcheck", "weekly"):
        review = review_planned_walking(target, origin, good, usual_pain=2, today=TODAY, age=70)
        assert review == review_walking(target, good, usual_pain=2, today=TODAY, age=70)
    assert (
        review_planned_walking(target, "clinician", good, usual_pain=2, today=TODAY, age=70) is None
    )


# --- a retaken self-check --------------------------------------------------------------------


def test_a_new_self_check_plan_replaces_the_automatic_rows_and_keeps_the_clinicians() -> None:
    active = [
        PlanRow(exercise_id="bridge", origin="clinician"),
        PlanRow(exercise_id="quad_set", origin="weekly"),
        PlanRow(exercise_id="calf_raise", origin="selfcheck"),
    ]
    merge = selfcheck_plan_merge(active, ["quad_set", "bridge", "sit_to_stand"])
    assert merge.keep == ("bridge",)
    assert merge.end == ("quad_set", "calf_raise")
    assert merge.start == ("quad_set", "sit_to_stand")  # the clinician's bridge is not doubled


def test_an_exercise_a_clinician_removed_does_not_come_back_with_a_new_plan() -> None:
    merge = selfcheck_plan_merge([], ["bridge", "quad_set"], removed_by_clinician={"bridge"})
    assert merge.start == ("quad_set",)


def test_a_new_plans_walking_replaces_any_walking_target_but_a_clinicians() -> None:
    assert [selfcheck_replaces_walking(o) for o in (None, "selfcheck", "weekly", "clinician")] == [
        True,
        True,
        True,
        False,
    ]


exercise_ids = st.sampled_from(["bridge", "quad_set", "calf_raise", "sit_to_stand", "clam"])
origins = st.sampled_from(ORIGINS)


@settings(max_examples=300, deadline=None)
@given(
    active=st.dictionaries(exercise_ids, origins, max_size=5),
    proposed=st.lists(exercise_ids, max_size=6),
    removed=st.sets(exercise_ids, max_size=3),
)
def test_after_any_new_plan_each_exercise_has_at_most_one_row_and_every_clinicians_row_stays(
    active: dict[str, Origin], proposed: list[str], removed: set[str]
) -> None:
    removed -= set(active)  # removed means: no active row now
    rows = [PlanRow(exercise_id=e, origin=o) for e, o in active.items()]
    merge = selfcheck_plan_merge(rows, proposed, removed_by_clinician=removed)
    clinicians = {e for e, o in active.items() if o == "clinician"}
    assert set(merge.keep) == clinicians
    assert set(merge.end) == set(active) - clinicians
    after = [*merge.keep, *merge.start]
    assert len(after) == len(set(after))  # one active row per exercise
    assert not set(merge.start) & removed
    assert set(merge.start) == set(proposed) - clinicians - removed


# --- several weeks of the weekly rules ------------------------------------------------------

doses = st.builds(
    Dose,
    level=st.integers(1, 3),
    sets=st.integers(1, 4),
    reps=st.integers(5, 15),
)
weeks = st.lists(st.sampled_from(["good", "painful", "nothing"]), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(dose=doses, origin=origins, pattern=weeks)
def test_over_any_weeks_a_clinicians_dose_never_moves_and_an_automatic_one_follows_the_rules(
    dose: Dose, origin: Origin, pattern: list[str]
) -> None:
    current, row_origin = dose, origin
    for n, kind in enumerate(pattern):
        today = TODAY + timedelta(days=7 * n)
        records = {
            "good": good_weeks(today=today),
            "painful": [
                SessionRecord(day=today - timedelta(days=d), pain_during=8) for d in range(0, 7, 2)
            ],
            "nothing": [],
        }[kind]
        now = ExerciseState(exercise_id="bridge", start=BRIDGE, current=current)
        review = review_planned_exercise(now, row_origin, records, usual_pain=2, today=today)
        if row_origin == "clinician":
            assert review is None
            continue
        assert review == review_exercise(now, records, usual_pain=2, today=today)
        if review is not None and review.action != "hold":
            current, row_origin = review.after, "weekly"
    if origin == "clinician":
        assert current == dose


# --- what a clinician may enter ------------------------------------------------------------


def test_a_dose_within_the_limits_has_no_problem() -> None:
    ok = dose_problems(level=2, sets=3, reps=12, hold_seconds=None, times_per_day=2, levels=3)
    assert ok == {}


def test_each_field_outside_its_range_is_named_with_the_range_in_japanese() -> None:
    problems = dose_problems(level=4, sets=11, reps=51, hold_seconds=121, times_per_day=6, levels=3)
    assert set(problems) == {"level", "sets", "reps", "hold_seconds", "times_per_day"}
    assert problems["level"].ja == "1から3までの数を入れてください。"
    assert problems["sets"].ja == "1から10までの数を入れてください。"


def test_a_dose_without_repetitions_or_a_hold_says_which_is_needed() -> None:
    problems = dose_problems(
        level=1, sets=2, reps=None, hold_seconds=None, times_per_day=1, levels=1
    )
    assert "回数か秒数" in problems["reps"].ja


def test_the_level_stops_at_the_exercises_own_versions_as_the_ladder_does() -> None:
    assert dose_limits(1)["level"] == (1, 1)
    assert dose_limits(3)["level"] == (1, 3)
    assert dose_limits(9)["level"] == (1, 5)  # and never above the dose's own top


def test_a_walking_target_is_one_the_diary_can_record() -> None:
    assert walking_limits("minutes") == (1, 600)
    assert walking_limits("steps") == (1, 100_000)
    assert walking_problems(unit="minutes", per_day=30, days_per_week=5) == {}
    bad = walking_problems(unit="minutes", per_day=601, days_per_week=8)
    assert set(bad) == {"per_day", "days_per_week"}
    assert bad["days_per_week"].ja == "1から7までの数を入れてください。"
