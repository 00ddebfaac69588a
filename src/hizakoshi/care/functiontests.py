"""Home function tests: ロコモ度 stage, 30-second chair stand, STEADI questions, one-leg standing.

Pure functions on measured values; every threshold is a named constant with its source. The
results are codes; what each stage or band means for the person is worded in
content/functiontests.yaml and read through the *_meaning functions at the end, so no page
writes its own. None of these results is a diagnosis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Final, Literal

from hizakoshi.care.functiontests_content import function_tests
from hizakoshi.care.model import Text

Sex = Literal["female", "male", "other"]
Chair = Literal["steadi_43cm", "cs30_40cm"]
Stage = Literal[0, 1, 2, 3]  # 0 = no ロコモ stage from this test

SOURCE_LOCOMO: Final = "JOA ロコモ度テスト, 2020 criteria (locomo-joa.jp)"
SOURCE_STEADI_CHAIR: Final = "CDC STEADI 30-Second Chair Stand form"
SOURCE_CS30: Final = "中谷ほか 2002, 体育学研究 47:451-461 (CS-30)"
SOURCE_STEADI_QUESTIONS: Final = "CDC STEADI algorithm, three key questions"
SOURCE_ONE_LEG: Final = "JCOA 運動器不安定症 criterion: 開眼片脚起立 < 15 s"


class FunctionTestError(ValueError):
    """A measurement that cannot be right (negative time, a seat height the test does not use)."""


# --- Stand-up test (立ち上がりテスト) ----------------------------------------------------------
SEAT_HEIGHTS_CM: Final = (40, 30, 20, 10)
# 2020 criteria: stage 1 = cannot rise on one leg from 40 cm (either leg) but can on both legs
# from 20 cm; stage 2 = cannot on both legs from 20 cm but can from 30 cm; stage 3 = cannot on
# both legs from 30 cm.
STAND_UP_STAGE1_BOTH_LEGS_CM: Final = 20
STAND_UP_STAGE2_BOTH_LEGS_CM: Final = 30


def stand_up_stage(one_leg_lowest_cm: int | None, both_legs_lowest_cm: int | None) -> Stage:
    """Stage from the lowest seat the person rose from.

    one_leg_lowest_cm: lowest seat risen from on one leg with EACH leg, None if either leg
    failed at 40 cm. both_legs_lowest_cm: lowest seat risen from on both legs, None if they
    could not rise from 40 cm; needed only when the one-leg test at 40 cm failed.
    """
    for value in (one_leg_lowest_cm, both_legs_lowest_cm):
        if value is not None and value not in SEAT_HEIGHTS_CM:
            raise FunctionTestError(f"seat height must be one of {SEAT_HEIGHTS_CM} cm, not {value}")
    if one_leg_lowest_cm is not None:
        return 0
    if both_legs_lowest_cm is None:
        return 3
    if both_legs_lowest_cm <= STAND_UP_STAGE1_BOTH_LEGS_CM:
        return 1
    if both_legs_lowest_cm <= STAND_UP_STAGE2_BOTH_LEGS_CM:
        return 2
    return 3


# --- Two-step test (2ステップテスト) -----------------------------------------------------------
# Two-step value = length of two strides / height; stage 1: 1.1 <= x < 1.3, stage 2:
# 0.9 <= x < 1.1, stage 3: x < 0.9 (2020 criteria). Compared as exact fractions so a value of
# exactly 1.3 is never read as 1.2999...
TWO_STEP_STAGE1_BELOW: Final = Fraction(13, 10)
TWO_STEP_STAGE2_BELOW: Final = Fraction(11, 10)
TWO_STEP_STAGE3_BELOW: Final = Fraction(9, 10)


def _exact(x: float) -> Fraction:
    return Fraction(Decimal(str(x)))


def two_step_value(stride_lengths_cm: tuple[float, ...], height_cm: float) -> Fraction:
    """The better of the trials (the protocol takes 2 and keeps the better) over height."""
    if not 1 <= len(stride_lengths_cm) <= 2:
        raise FunctionTestError("give one or two trials")
    if not 90 <= height_cm <= 230:
        raise FunctionTestError(f"height {height_cm} cm is outside 90-230 cm")
    if any(not 0 <= s <= 500 for s in stride_lengths_cm):
        raise FunctionTestError("a two-stride length must be between 0 and 500 cm")
    return _exact(max(stride_lengths_cm)) / _exact(height_cm)


def two_step_stage(value: Fraction) -> Stage:
    if value < TWO_STEP_STAGE3_BELOW:
        return 3
    if value < TWO_STEP_STAGE2_BELOW:
        return 2
    if value < TWO_STEP_STAGE1_BELOW:
        return 1
    return 0


# --- GLFS-25 (only when the clinic holds the licensed text; we take the total) ----------------
GLFS25_STAGE1_FROM: Final = 7
GLFS25_STAGE2_FROM: Final = 16
GLFS25_STAGE3_FROM: Final = 24


def glfs25_stage(total: int) -> Stage:
    if not 0 <= total <= 100:
        raise FunctionTestError("the GLFS-25 total is 0-100")
    if total >= GLFS25_STAGE3_FROM:
        return 3
    if total >= GLFS25_STAGE2_FROM:
        return 2
    return 1 if total >= GLFS25_STAGE1_FROM else 0


@dataclass(frozen=True, slots=True)
class LocomoResult:
    stage: Stage  # the worst stage among the tests taken
    by_test: dict[str, Stage]  # "stand_up" / "two_step" / "glfs25" -> stage
    two_step_value: float | None  # rounded to 2 decimals, for display
    source: str = SOURCE_LOCOMO


def locomo_stage(
    *,
    stand_up: tuple[int | None, int | None] | None = None,
    two_step: tuple[tuple[float, ...], float] | None = None,
    glfs25_total: int | None = None,
) -> LocomoResult:
    """Final stage = the worst of the tests taken (2020 criteria); at least one test is needed.

    stand_up = (one_leg_lowest_cm, both_legs_lowest_cm); two_step = (trials_cm, height_cm).
    """
    by_test: dict[str, Stage] = {}
    value: Fraction | None = None
    if stand_up is not None:
        by_test["stand_up"] = stand_up_stage(*stand_up)
    if two_step is not None:
        value = two_step_value(*two_step)
        by_test["two_step"] = two_step_stage(value)
    if glfs25_total is not None:
        by_test["glfs25"] = glfs25_stage(glfs25_total)
    if not by_test:
        raise FunctionTestError("no test result given")
    shown = None if value is None else round(float(value), 2)
    return LocomoResult(max(by_test.values()), by_test, shown)


# --- 30-second chair stand ------------------------------------------------------------------
# Two tables for two chairs. The person says which chair they used; a count is only ever
# compared with the table for that chair, because seat height changes the count.

# CDC STEADI (seat about 43 cm / 17 in): below average if the count is under these.
STEADI_BELOW_AVERAGE_UNDER: Final[dict[Sex, tuple[tuple[int, int, int], ...]]] = {
    # (age from, age to inclusive, count below which is "below average")
    "male": (
        (60, 64, 14), (65, 69, 12), (70, 74, 12), (75, 79, 11), (80, 84, 10), (85, 89, 8),
        (90, 94, 7),
    ),
    "female": (
        (60, 64, 12), (65, 69, 11), (70, 74, 10), (75, 79, 10), (80, 84, 9), (85, 89, 8),
        (90, 94, 4),
    ),
}  # fmt: skip

# CS-30 Japanese norms (40 cm seat): the "average" band; below it is below average, above it
# above average. 80+ has no upper age in the table.
CS30_AVERAGE_BAND: Final[dict[Sex, tuple[tuple[int, int | None, int, int], ...]]] = {
    # (age from, age to inclusive or None, lowest average count, highest average count)
    "male": (
        (60, 64, 20, 25), (65, 69, 18, 21), (70, 74, 16, 20), (75, 79, 15, 17), (80, None, 14, 16),
    ),
    "female": (
        (60, 64, 19, 23), (65, 69, 17, 21), (70, 74, 15, 19), (75, 79, 13, 17), (80, None, 13, 16),
    ),
}  # fmt: skip

ChairBand = Literal[
    "below_average", "average", "above_average", "at_or_above_cutoff", "no_reference"
]
MAX_CHAIR_STANDS: Final = 60  # nobody manages two full stands a second for 30 s
MAX_AGE: Final = 120


@dataclass(frozen=True, slots=True)
class ChairStandResult:
    chair: Chair
    count: int
    band: ChairBand  # STEADI: below_average / at_or_above_cutoff; CS-30: below/average/above
    fall_risk: bool | None  # STEADI only: below average = at risk of falls; None otherwise
    reference: tuple[int, ...] | None  # the cutoff or band used, for showing the rule
    source: str


def chair_stand(*, chair: Chair, count: int, age: int, sex: Sex) -> ChairStandResult:
    if chair not in ("steadi_43cm", "cs30_40cm"):
        raise FunctionTestError(f"unknown chair {chair!r}: say which chair was used")
    if type(count) is not int or not 0 <= count <= MAX_CHAIR_STANDS:
        raise FunctionTestError(f"the count must be a whole number from 0 to {MAX_CHAIR_STANDS}")
    if not 0 <= age <= MAX_AGE:
        raise FunctionTestError(f"age must be between 0 and {MAX_AGE}")
    if chair == "steadi_43cm":
        for low, high, under in STEADI_BELOW_AVERAGE_UNDER.get(sex, ()):
            if low <= age <= high:
                below = count < under
                band: ChairBand = "below_average" if below else "at_or_above_cutoff"
                return ChairStandResult(chair, count, band, below, (under,), SOURCE_STEADI_CHAIR)
        return ChairStandResult(chair, count, "no_reference", None, None, SOURCE_STEADI_CHAIR)
    for low, top, least, most in CS30_AVERAGE_BAND.get(sex, ()):
        if low <= age and (top is None or age <= top):
            band = (
                "below_average" if count < least else "above_average" if count > most else "average"
            )
            return ChairStandResult(chair, count, band, None, (least, most), SOURCE_CS30)
    return ChairStandResult(chair, count, "no_reference", None, None, SOURCE_CS30)


# --- STEADI three key questions ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SteadiResult:
    at_risk: bool | None  # None: no "yes" but not every question answered
    source: str = SOURCE_STEADI_QUESTIONS


def steadi_questions(
    *, fell_past_year: bool | None, unsteady: bool | None, worried_about_falling: bool | None
) -> SteadiResult:
    """Any yes -> at risk of falls (balance exercises, home safety)."""
    answers = (fell_past_year, unsteady, worried_about_falling)
    if any(a is True for a in answers):
        return SteadiResult(True)
    return SteadiResult(None if any(a is None for a in answers) else False)


# --- One-leg standing, eyes open (開眼片脚起立) ---------------------------------------------------
ONE_LEG_CHECK_BELOW_S: Final = 15
ONE_LEG_MAX_S: Final = 600


@dataclass(frozen=True, slots=True)
class OneLegResult:
    seconds: float
    suggest_orthopaedic_check: bool  # a suggestion to get checked, never a diagnosis
    source: str = SOURCE_ONE_LEG


def one_leg_standing(seconds: float) -> OneLegResult:
    if not 0 <= seconds <= ONE_LEG_MAX_S:
        raise FunctionTestError(f"time must be between 0 and {ONE_LEG_MAX_S} s")
    return OneLegResult(seconds, seconds < ONE_LEG_CHECK_BELOW_S)


# --- What a result means (content/functiontests.yaml) -------------------------------------------


def locomo_overall(
    *,
    two_step: tuple[tuple[float, ...], float] | None,
    stand_up: tuple[int | None, int | None] | None,
) -> LocomoResult | None:
    """The ロコモ度 stage from the latest two-step and stand-up results (the worse of the two);
    None when neither was taken or a stored measurement cannot be read any more."""
    if two_step is None and stand_up is None:
        return None
    try:
        return locomo_stage(two_step=two_step, stand_up=stand_up)
    except FunctionTestError:
        return None


def stage_meaning(stage: int) -> Text:
    """What a ロコモ度 stage (0-3) means for the person."""
    stages = function_tests().locomo.stages
    if stage not in stages:
        raise FunctionTestError(f"a locomo stage is 0-3, not {stage}")
    return stages[stage]


def chair_name(chair: Chair) -> Text:
    return function_tests().chair_stand.chairs[chair]


def chair_stand_meaning(*, chair: Chair, band: str, reference: Sequence[int]) -> Text:
    """What a chair-stand band means, with the line or range it was compared with (as stored
    with the result); an unknown band or a missing reference: not compared."""
    words = function_tests().chair_stand
    table = words.steadi if chair == "steadi_43cm" else words.cs30
    text = getattr(table, band) if band in type(table).model_fields else None
    if isinstance(text, Text) and chair == "steadi_43cm" and len(reference) == 1:
        return text.format(cut=reference[0])
    if isinstance(text, Text) and chair == "cs30_40cm" and len(reference) == 2:
        return text.format(low=reference[0], high=reference[1])
    return words.no_reference


def steadi_meaning(at_risk: bool | None) -> Text:
    words = function_tests().steadi
    if at_risk is None:
        return words.not_answered
    return words.at_risk if at_risk else words.not_at_risk


def one_leg_meaning(seconds: float) -> Text:
    words = function_tests().one_leg
    below = seconds < ONE_LEG_CHECK_BELOW_S
    return (words.below if below else words.at_or_above).format(line=ONE_LEG_CHECK_BELOW_S)


def meaning_source(test: Literal["locomo", "chair_stand", "steadi", "one_leg"]) -> str:
    """The source of a test's meanings, for the clinician's view and the rules sheet."""
    source: str = getattr(function_tests(), test).source
    return source
