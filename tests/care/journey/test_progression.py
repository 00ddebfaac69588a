"""Weekly progression of an exercise by the pain-monitoring model: step up one rung when every
sign holds, step back one rung when any fails, hold when there is too little to judge."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from hizakoshi.care.journey.ladder import Dose, build_ladder
from hizakoshi.care.journey.progression import (
    ExerciseReview,
    ExerciseState,
    SessionRecord,
    review_exercise,
)

from .helpers import BRIDGE, TODAY, ago, good_weeks, state


def checks_of(review: ExerciseReview) -> dict[str, str]:
    return {c.id: c.status for c in review.checks}


# --- stepping up: reps, then sets, then level -----------------------------------------------


def test_a_good_week_adds_two_repetitions_first() -> None:
    review = review_exercise(state(), good_weeks(), usual_pain=2, today=TODAY)
    assert review.action == "step_up"
    assert review.notch == "reps"
    assert (review.after.sets, review.after.reps) == (2, 12)
    assert "10回×2セット" in review.reason.ja and "12回×2セット" in review.reason.ja
    assert set(checks_of(review).values()) == {"met"}


def test_at_twelve_repetitions_a_set_is_added_and_the_total_still_rises() -> None:
    current = BRIDGE.model_copy(update={"reps": 12})
    review = review_exercise(state(current), good_weeks(), usual_pain=2, today=TODAY)
    assert review.notch == "sets"
    assert (review.after.sets, review.after.reps) == (3, 10)
    assert review.after.sets * (review.after.reps or 0) > 2 * 12


def test_at_three_sets_of_twelve_the_next_level_starts_at_the_first_amount() -> None:
    current = BRIDGE.model_copy(update={"sets": 3, "reps": 12})
    review = review_exercise(state(current), good_weeks(), usual_pain=2, today=TODAY)
    assert review.notch == "level"
    assert (review.after.level, review.after.sets, review.after.reps) == (2, 2, 10)
    assert "段階2" in review.reason.ja
    assert "Level 2" in review.reason.en


def test_at_the_top_of_the_ladder_it_holds_and_says_so() -> None:
    top = BRIDGE.model_copy(update={"level": 3, "sets": 3, "reps": 12})
    review = review_exercise(state(top), good_weeks(), usual_pain=2, today=TODAY)
    assert (review.action, review.hold_reason) == ("hold", "top")
    assert review.after == top
    assert "top step" in review.reason.en


def test_what_does_not_step_is_kept_from_the_plan() -> None:
    one_side = BRIDGE.model_copy(update={"per_side": True})
    review = review_exercise(state(one_side, one_side), good_weeks(), usual_pain=2, today=TODAY)
    assert review.after.hold_seconds == 5
    assert review.after.per_side is True


# --- the pain signs, each at its boundary --------------------------------------------------


def test_pain_of_exactly_five_during_the_exercise_is_still_acceptable() -> None:
    review = review_exercise(state(), good_weeks(pain=5), usual_pain=5, today=TODAY)
    assert review.action == "step_up"


def test_pain_above_five_on_one_day_steps_back_one_notch() -> None:
    current = BRIDGE.model_copy(update={"reps": 12})
    records = [*good_weeks(), SessionRecord(day=ago(1), pain_during=6)]
    review = review_exercise(state(current), records, usual_pain=2, today=TODAY)
    assert review.action == "step_back"
    assert review.after.reps == 10
    assert checks_of(review)["pain_during"] == "not_met"
    assert "6/10" in next(c.text.en for c in review.checks if c.id == "pain_during")


def test_next_morning_pain_back_at_the_usual_level_is_fine_but_above_it_steps_back() -> None:
    settled = review_exercise(state(), good_weeks(morning=3), usual_pain=3, today=TODAY)
    assert settled.action == "step_up"
    current = BRIDGE.model_copy(update={"reps": 12})
    records = [
        *good_weeks(morning=3),
        SessionRecord(day=ago(2), pain_during=3, next_morning_pain=4),
    ]
    review = review_exercise(state(current), records, usual_pain=3, today=TODAY)
    assert review.action == "step_back"
    assert checks_of(review)["next_morning"] == "not_met"
    assert "4/10" in next(c.text.en for c in review.checks if c.id == "next_morning")


def test_a_weekly_average_up_by_a_full_point_steps_back() -> None:
    last_week = [SessionRecord(day=ago(d), pain_during=2, next_morning_pain=2) for d in (8, 10, 12)]
    this_week = [
        SessionRecord(day=ago(d), pain_during=3, next_morning_pain=2, good_control=True)
        for d in (0, 2, 4)
    ]
    current = BRIDGE.model_copy(update={"reps": 12})
    review = review_exercise(state(current), last_week + this_week, usual_pain=2, today=TODAY)
    assert review.action == "step_back"
    assert checks_of(review)["weekly_average"] == "not_met"


def test_a_weekly_average_up_by_less_than_a_point_is_not_rising() -> None:
    last_week = [SessionRecord(day=ago(d), pain_during=2, next_morning_pain=2) for d in (8, 10)]
    this_week = [
        SessionRecord(day=ago(d), pain_during=p, next_morning_pain=2, good_control=True)
        for d, p in ((0, 3), (2, 2), (4, 3))
    ]  # 2.67 against 2.0
    review = review_exercise(state(), last_week + this_week, usual_pain=2, today=TODAY)
    assert review.action == "step_up"
    assert checks_of(review)["weekly_average"] == "met"


def test_saying_the_pain_is_not_under_control_steps_back() -> None:
    current = BRIDGE.model_copy(update={"reps": 12})
    review = review_exercise(state(current), good_weeks(control=False), usual_pain=2, today=TODAY)
    assert review.action == "step_back"
    assert checks_of(review)["control"] == "not_met"


def test_the_latest_answer_about_control_is_the_one_that_counts() -> None:
    records = [*good_weeks(), SessionRecord(day=ago(6), pain_during=3, good_control=False)]
    review = review_exercise(state(), records, usual_pain=2, today=TODAY)
    assert checks_of(review)["control"] == "met"
    worse_later = [*good_weeks(), SessionRecord(day=TODAY, pain_during=3, good_control=False)]
    current = BRIDGE.model_copy(update={"reps": 12})
    assert review_exercise(state(current), worse_later, usual_pain=2, today=TODAY).action == (
        "step_back"
    )


def test_skipping_because_it_hurt_steps_back_but_skipping_for_lack_of_time_does_not() -> None:
    current = BRIDGE.model_copy(update={"reps": 12})
    hurt = [*good_weeks(), SessionRecord(day=ago(1), done=False, skip_reason="pain")]
    review = review_exercise(state(current), hurt, usual_pain=2, today=TODAY)
    assert review.action == "step_back"
    assert "1" in next(c.text.en for c in review.checks if c.id == "pain_skips")
    busy = [*good_weeks(), SessionRecord(day=ago(1), done=False, skip_reason="no_time")]
    assert review_exercise(state(current), busy, usual_pain=2, today=TODAY).action == "step_up"


# --- holding: too little to judge -----------------------------------------------------------


def test_one_session_in_the_week_is_too_little_to_step_up() -> None:
    records = [*good_weeks()[4:], SessionRecord(day=TODAY, pain_during=2, next_morning_pain=1)]
    assert len([r for r in records if r.day >= ago(6)]) == 1
    review = review_exercise(state(), records, usual_pain=2, today=TODAY)
    assert (review.action, review.hold_reason) == ("hold", "too_few")
    assert review.after == review.before
    assert "too few" in review.reason.en


def test_a_week_without_any_record_holds() -> None:
    review = review_exercise(state(), [], usual_pain=2, today=TODAY)
    assert (review.action, review.hold_reason) == ("hold", "too_few")
    assert checks_of(review)["sessions"] == "unknown"


def test_one_painful_session_still_steps_back_because_stepping_back_is_the_safe_way() -> None:
    current = BRIDGE.model_copy(update={"reps": 12})
    records = [SessionRecord(day=ago(1), pain_during=8)]
    assert review_exercise(state(current), records, usual_pain=2, today=TODAY).action == "step_back"


def test_the_first_week_holds_because_there_is_no_week_before_to_compare() -> None:
    review = review_exercise(state(), good_weeks(weeks=1), usual_pain=2, today=TODAY)
    assert (review.action, review.hold_reason) == ("hold", "unknown")
    assert checks_of(review)["weekly_average"] == "unknown"


@pytest.mark.parametrize(
    ("morning", "control", "unknown"),
    [(None, True, "next_morning"), (2, None, "control")],
)
def test_a_sign_nobody_recorded_holds_instead_of_stepping_up(
    morning: int | None, control: bool | None, unknown: str
) -> None:
    records = [
        SessionRecord(day=ago(d), pain_during=3, next_morning_pain=morning, good_control=control)
        for d in range(0, 14, 2)
    ]
    review = review_exercise(state(), records, usual_pain=2, today=TODAY)
    assert (review.action, review.hold_reason) == ("hold", "unknown")
    assert checks_of(review)[unknown] == "unknown"


# --- stepping back ----------------------------------------------------------------------------


def test_at_the_gentlest_amount_a_bad_week_holds_and_suggests_asking_for_help() -> None:
    review = review_exercise(state(), good_weeks(pain=7), usual_pain=2, today=TODAY)
    assert (review.action, review.hold_reason) == ("hold", "bottom")
    assert review.after == BRIDGE
    assert "理学療法士" in review.reason.ja


def test_stepping_back_from_a_new_level_returns_to_the_top_of_the_level_below() -> None:
    current = BRIDGE.model_copy(update={"level": 2})
    review = review_exercise(state(current), good_weeks(pain=6), usual_pain=2, today=TODAY)
    assert review.notch == "level"
    assert (review.after.level, review.after.sets, review.after.reps) == (1, 3, 12)


def test_a_hand_edited_amount_moves_to_the_nearest_rung_not_further() -> None:
    odd = BRIDGE.model_copy(update={"reps": 11})
    up = review_exercise(state(odd), good_weeks(), usual_pain=2, today=TODAY)
    assert up.after.reps == 12
    down = review_exercise(state(odd), good_weeks(pain=6), usual_pain=2, today=TODAY)
    assert down.after.reps == 10


# --- other ladders, input, time ---------------------------------------------------------------


def test_a_thirty_second_hold_gets_harder_by_level_only() -> None:
    stance = Dose(sets=1, reps=2, hold_seconds=30, times_per_day=2, per_side=True)
    assert [(r.level, r.sets, r.reps) for r in build_ladder(stance)] == [
        (1, 1, 2),
        (2, 1, 2),
        (3, 1, 2),
    ]
    tandem = ExerciseState(exercise_id="tandem_stance", start=stance, current=stance)
    review = review_exercise(tandem, good_weeks(), usual_pain=2, today=TODAY)
    assert (review.notch, review.after.level) == ("level", 2)
    assert "30" in review.rule.en
    # The new level says what is different now, in the exercise's own words.
    assert "At this level: Keep just one hand resting lightly on the counter." in review.reason.en
    assert "この段階では: カウンターには片手を軽くのせるだけにします。" in review.reason.ja


def test_a_stretch_without_a_harder_version_stays_at_level_one_and_says_it_is_at_the_top() -> None:
    stretch = Dose(sets=1, reps=2, hold_seconds=30, times_per_day=2, per_side=True)
    seated = ExerciseState(exercise_id="hamstring_stretch_seated", start=stretch, current=stretch)
    review = review_exercise(seated, good_weeks(), usual_pain=2, today=TODAY)
    assert (review.action, review.hold_reason, review.after.level) == ("hold", "top", 1)
    assert "top step" in review.reason.en


def test_a_step_back_to_level_one_needs_no_level_words() -> None:
    level_two = BRIDGE.model_copy(update={"level": 2})
    review = review_exercise(state(level_two), good_weeks(pain=7), usual_pain=2, today=TODAY)
    assert (review.notch, review.after.level) == ("level", 1)
    assert "At this level" not in review.reason.en


def test_a_plan_that_started_at_half_the_repetitions_climbs_from_there() -> None:
    half = BRIDGE.model_copy(update={"reps": 5})
    rungs = [(r.sets, r.reps) for r in build_ladder(half) if r.level == 1]
    assert rungs == [(2, 5), (2, 7), (2, 9), (2, 11), (2, 12), (3, 9), (3, 11), (3, 12)]


def test_records_after_today_or_older_than_two_weeks_are_not_read() -> None:
    records = [
        *good_weeks(),
        SessionRecord(day=ago(-1), pain_during=9),
        SessionRecord(day=ago(14), pain_during=9, next_morning_pain=9, good_control=False),
    ]
    assert review_exercise(state(), records, usual_pain=2, today=TODAY).action == "step_up"


def test_a_skipped_exercise_must_say_why_and_a_done_one_must_not() -> None:
    with pytest.raises(ValidationError):
        SessionRecord(day=TODAY, done=False)
    with pytest.raises(ValidationError):
        SessionRecord(day=TODAY, done=True, skip_reason="pain")
    with pytest.raises(ValidationError):
        SessionRecord(day=TODAY, pain_during=11)


def test_a_usual_pain_outside_zero_to_ten_is_refused() -> None:
    with pytest.raises(ValueError, match="usual_pain"):
        review_exercise(state(), [], usual_pain=11, today=TODAY)


def test_the_decision_shows_the_whole_rule_and_its_source() -> None:
    review = review_exercise(state(), good_weeks(), usual_pain=2, today=TODAY)
    assert "5/10" in review.rule.en and "next morning" in review.rule.en
    assert "12" in review.rule.en  # how this exercise steps
    assert "Thomeé" in review.source and "NEMEX" in review.source
    assert len(review.checks) == 6
