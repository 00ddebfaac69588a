"""The demo person's questionnaires and home function tests (see journey/demo/services.py).

Scored by the core and stored through the measures services, as the pages would store them.
"""

from __future__ import annotations

import math
import random
from datetime import date

from hizakoshi.accounts.models import User
from hizakoshi.care.functiontests import Sex, chair_stand, locomo_stage, one_leg_standing
from hizakoshi.journey.checkins.services import nrs_record, outcome_record, psfs_record
from hizakoshi.journey.function_tests.services import function_test_record
from hizakoshi.journey.models import FunctionTestKind, PsfsActivity

AGE, HEIGHT_CM = 68, 154.0


SEX: Sex = "female"


TESTS_EVERY = 91  # days: every 3 months


ACTIVITIES = ("階段を上り下りする", "30分続けて歩く", "床から立ち上がる")


def _clip(x: float, low: int = 0, high: int = 10) -> int:
    return max(low, min(high, round(x)))


def outcomes_on(
    person: User,
    n: int,
    day: date,
    *,
    knee: int,
    back: int,
    flare: bool,
    psfs: list[PsfsActivity],
    rng: random.Random,
) -> None:
    """NRS (knee and back), the PSFS on the three activities and KOOS-12, on day `n`; on the
    first day also STarT Back."""
    nrs_record(person=person, pains={"knee": knee, "back": back}, taken_on=day)
    ability = 3.5 + 4.5 * (1 - math.exp(-n / 120)) - (1.5 if flare else 0.0)
    ratings = [
        (a, _clip(ability + offset + rng.gauss(0, 0.5)))
        for a, offset in zip(psfs, (-1, 0, 0.5), strict=True)
    ]
    psfs_record(person=person, ratings=ratings, taken_on=day)
    # KOOS-12 items 0-4 (0 = no problem): follow the knee pain, quality of life a little behind.
    level = knee / 2.5
    answers = {item: _clip(level + rng.gauss(0, 0.4), 0, 4) for item in ("P1", "P5", "P6", "P8")}
    answers |= {
        item: _clip(level - 0.3 + rng.gauss(0, 0.4), 0, 4) for item in ("A3", "A4", "A7", "SP4")
    }
    answers |= {
        item: _clip(level + 0.4 + rng.gauss(0, 0.4), 0, 4) for item in ("Q1", "Q2", "Q3", "Q4")
    }
    outcome_record(person=person, instrument="koos-12", answers=answers, taken_on=day)
    if n == 0:
        # STarT Back once, at the start: leg pain, short walks, slow dressing and worry with
        # "moderately" bothersome pain = total 4, distress 1: the medium-risk group.
        start_back = {"1": 1, "2": 0, "3": 1, "4": 1, "5": 0, "6": 1, "7": 0, "8": 0, "9": 2}
        outcome_record(person=person, instrument="start-back", answers=start_back, taken_on=day)


def function_tests_on(person: User, n: int, day: date) -> None:
    """Two-step, CS-30 chair stand and one-leg standing, a little better each quarter."""
    quarter = n // TESTS_EVERY  # 0..4: a little better each time
    trials = (
        round(HEIGHT_CM * (1.12 + 0.03 * quarter), 1),
        round(HEIGHT_CM * (1.08 + 0.03 * quarter), 1),
    )
    two = locomo_stage(two_step=(trials, HEIGHT_CM))
    function_test_record(
        person=person,
        kind=FunctionTestKind.TWO_STEP,
        values={"trials_cm": list(trials), "height_cm": HEIGHT_CM},
        result={"stage": two.stage, "value": two.two_step_value, "source": two.source},
        taken_on=day,
    )
    count = 12 + quarter
    chair = chair_stand(chair="cs30_40cm", count=count, age=AGE, sex=SEX)
    function_test_record(
        person=person,
        kind=FunctionTestKind.CHAIR_STAND_CS30,
        values={"chair": chair.chair, "count": count, "age": AGE, "sex": SEX},
        result={
            "count": chair.count,
            "band": chair.band,
            "fall_risk": chair.fall_risk,
            "reference": list(chair.reference or ()),
            "source": chair.source,
        },
        taken_on=day,
    )
    seconds = 11.0 + 2.5 * quarter
    leg = one_leg_standing(seconds)
    function_test_record(
        person=person,
        kind=FunctionTestKind.ONE_LEG,
        values={"seconds": seconds},
        result={
            "seconds": leg.seconds,
            "suggest_orthopaedic_check": leg.suggest_orthopaedic_check,
            "source": leg.source,
        },
        taken_on=day,
    )
