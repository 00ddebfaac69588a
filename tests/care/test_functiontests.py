"""Home function tests: every band boundary, the two chair tables never mixed."""

from __future__ import annotations

from fractions import Fraction

import pytest

from hizakoshi.care.functiontests import (
    CS30_AVERAGE_BAND,
    SOURCE_CS30,
    SOURCE_STEADI_CHAIR,
    STEADI_BELOW_AVERAGE_UNDER,
    FunctionTestError,
    chair_stand,
    glfs25_stage,
    locomo_stage,
    one_leg_standing,
    stand_up_stage,
    steadi_questions,
    two_step_stage,
    two_step_value,
)

# --- Stand-up test ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one_leg", "both_legs", "stage"),
    [
        (40, None, 0),  # rises on one leg from 40 cm with each leg: no stage
        (10, None, 0),
        (None, 10, 1),  # fails one leg at 40, both legs from 20 or lower: stage 1
        (None, 20, 1),
        (None, 30, 2),  # cannot from 20 on both legs, can from 30: stage 2
        (None, 40, 3),  # cannot from 30 on both legs: stage 3
        (None, None, 3),  # cannot even from 40 on both legs
    ],
)
def test_stand_up_stages_follow_the_2020_criteria(
    one_leg: int | None, both_legs: int | None, stage: int
) -> None:
    assert stand_up_stage(one_leg, both_legs) == stage


def test_a_seat_height_the_test_does_not_use_is_refused() -> None:
    with pytest.raises(FunctionTestError, match="seat height"):
        stand_up_stage(None, 35)


# --- Two-step test ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length_cm", "stage"),
    [(131, 0), (130, 0), (129, 1), (110, 1), (109, 2), (90, 2), (89, 3), (0, 3)],
)
def test_two_step_bands_at_1_3_1_1_and_0_9_for_a_100_cm_person(length_cm: int, stage: int) -> None:
    assert two_step_stage(two_step_value((length_cm,), 100)) == stage


def test_a_value_of_exactly_1_3_is_not_read_as_just_under_it() -> None:
    value = two_step_value((195.0,), 150.0)
    assert value == Fraction(13, 10)
    assert two_step_stage(value) == 0


def test_the_better_of_two_trials_is_kept() -> None:
    assert two_step_value((150, 200), 160) == Fraction(200, 160)


@pytest.mark.parametrize(("trials", "height"), [((), 160), ((100, 110, 120), 160), ((150,), 50)])
def test_impossible_two_step_measurements_are_refused(
    trials: tuple[float, ...], height: float
) -> None:
    with pytest.raises(FunctionTestError):
        two_step_value(trials, height)


# --- GLFS-25 and the final stage -------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "stage"), [(0, 0), (6, 0), (7, 1), (15, 1), (16, 2), (23, 2), (24, 3), (100, 3)]
)
def test_glfs25_bands(total: int, stage: int) -> None:
    assert glfs25_stage(total) == stage


def test_the_final_locomo_stage_is_the_worst_of_the_tests_taken() -> None:
    result = locomo_stage(stand_up=(None, 20), two_step=((100,), 100))
    assert result.by_test == {"stand_up": 1, "two_step": 2}
    assert result.stage == 2
    assert result.two_step_value == 1.0


def test_one_test_alone_gives_a_stage() -> None:
    assert locomo_stage(stand_up=(40, None)).stage == 0


def test_no_test_taken_gives_no_stage() -> None:
    with pytest.raises(FunctionTestError):
        locomo_stage()


# --- 30-second chair stand: CDC STEADI (43 cm) ---------------------------------------------

STEADI_ROWS = [(sex, low, high, under) for sex, rows in STEADI_BELOW_AVERAGE_UNDER.items()
               for low, high, under in rows]  # fmt: skip


@pytest.mark.parametrize(("sex", "low", "high", "under"), STEADI_ROWS)
def test_steadi_below_average_is_a_count_under_the_cutoff_at_both_ends_of_each_age_band(
    sex: str, low: int, high: int, under: int
) -> None:
    for age in (low, high):
        below = chair_stand(chair="steadi_43cm", count=under - 1, age=age, sex=sex)  # type: ignore[arg-type]
        at = chair_stand(chair="steadi_43cm", count=under, age=age, sex=sex)  # type: ignore[arg-type]
        assert (below.band, below.fall_risk) == ("below_average", True)
        assert (at.band, at.fall_risk) == ("at_or_above_cutoff", False)


def test_steadi_cutoffs_are_those_of_the_cdc_form() -> None:
    assert [r[2] for r in STEADI_BELOW_AVERAGE_UNDER["male"]] == [14, 12, 12, 11, 10, 8, 7]
    assert [r[2] for r in STEADI_BELOW_AVERAGE_UNDER["female"]] == [12, 11, 10, 10, 9, 8, 4]


@pytest.mark.parametrize("age", [59, 95])
def test_steadi_outside_ages_60_to_94_has_no_reference(age: int) -> None:
    result = chair_stand(chair="steadi_43cm", count=10, age=age, sex="female")
    assert result.band == "no_reference"
    assert result.fall_risk is None


# --- 30-second chair stand: CS-30 (40 cm) ----------------------------------------------------

CS30_ROWS = [(sex, low, top, least, most) for sex, rows in CS30_AVERAGE_BAND.items()
             for low, top, least, most in rows]  # fmt: skip


@pytest.mark.parametrize(("sex", "low", "top", "least", "most"), CS30_ROWS)
def test_cs30_bands_at_both_edges_of_the_average_range(
    sex: str, low: int, top: int | None, least: int, most: int
) -> None:
    for age in (low, top if top is not None else 99):
        bands = [
            chair_stand(chair="cs30_40cm", count=c, age=age, sex=sex).band  # type: ignore[arg-type]
            for c in (least - 1, least, most, most + 1)
        ]
        assert bands == ["below_average", "average", "average", "above_average"]


def test_cs30_under_60_has_no_reference() -> None:
    assert chair_stand(chair="cs30_40cm", count=20, age=59, sex="male").band == "no_reference"


# --- Never mixed ---------------------------------------------------------------------------


def test_the_same_count_is_judged_only_against_the_table_for_the_chair_used() -> None:
    steadi = chair_stand(chair="steadi_43cm", count=13, age=72, sex="male")
    cs30 = chair_stand(chair="cs30_40cm", count=13, age=72, sex="male")
    assert (steadi.band, steadi.reference, steadi.source) == (
        "at_or_above_cutoff",
        (12,),
        SOURCE_STEADI_CHAIR,
    )
    assert (cs30.band, cs30.reference, cs30.source) == ("below_average", (16, 20), SOURCE_CS30)
    assert cs30.fall_risk is None  # the CS-30 table says nothing about STEADI fall risk


def test_the_chair_must_be_named() -> None:
    with pytest.raises(TypeError):
        chair_stand(count=13, age=72, sex="male")  # type: ignore[call-arg]
    with pytest.raises(FunctionTestError, match="which chair"):
        chair_stand(chair="kitchen", count=13, age=72, sex="male")  # type: ignore[arg-type]


def test_norms_are_sex_specific_so_other_has_no_reference() -> None:
    assert chair_stand(chair="cs30_40cm", count=15, age=70, sex="other").band == "no_reference"


@pytest.mark.parametrize("count", [-1, 61, 12.5])
def test_an_impossible_count_is_refused(count: object) -> None:
    with pytest.raises(FunctionTestError):
        chair_stand(chair="steadi_43cm", count=count, age=70, sex="male")  # type: ignore[arg-type]


# --- STEADI questions and one-leg standing ---------------------------------------------------


@pytest.mark.parametrize(
    "answers",
    [(True, False, False), (False, True, False), (False, False, True), (True, None, None)],
)
def test_any_yes_to_the_steadi_questions_means_at_risk_of_falls(
    answers: tuple[bool | None, bool | None, bool | None],
) -> None:
    fell, unsteady, worried = answers
    result = steadi_questions(fell_past_year=fell, unsteady=unsteady, worried_about_falling=worried)
    assert result.at_risk is True


def test_three_noes_mean_not_at_risk_and_an_unanswered_question_leaves_it_open() -> None:
    no = steadi_questions(fell_past_year=False, unsteady=False, worried_about_falling=False)
    open_ = steadi_questions(fell_past_year=False, unsteady=None, worried_about_falling=False)
    assert no.at_risk is False
    assert open_.at_risk is None


def test_standing_on_one_leg_under_15_seconds_suggests_an_orthopaedic_check() -> None:
    assert one_leg_standing(14.9).suggest_orthopaedic_check is True
    assert one_leg_standing(15).suggest_orthopaedic_check is False


def test_a_negative_one_leg_time_is_refused() -> None:
    with pytest.raises(FunctionTestError):
        one_leg_standing(-1)
