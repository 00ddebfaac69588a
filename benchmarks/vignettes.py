"""Answer sets for the benchmarks, made from the questions themselves (care/content/questions.yaml).

Not a benchmark: imported by bench_assess.py, bench_pages.py and bench_server.py. The answers are
raw, as a browser posts them (numbers as strings, several boxes as lists), so a benchmark measures
the validator too. A fixed seed keeps every run on the same inputs.
"""

from __future__ import annotations

import random
from typing import Any

from hizakoshi.care.questions import Question, is_shown, parse_answers, question_set

Raw = dict[str, Any]

# Most people who use the self-check have no red flag; a few do, so the emergency and
# see-a-doctor paths are timed too without dominating the figures.
RED_FLAG_SHARE = 0.15
BLANK_OPTIONAL_SHARE = 0.2
NO_SHARE = 0.75


def _number(question: Question, rng: random.Random) -> str:
    assert question.min is not None and question.max is not None
    # A plausible middle band, so BMI and the like look like real people.
    lo = question.min + (question.max - question.min) * 0.1
    hi = question.min + (question.max - question.min) * 0.6
    if question.type == "integer":
        return str(rng.randint(round(lo), round(hi)))
    return f"{rng.uniform(lo, hi):.1f}"


def _choice(question: Question, rng: random.Random) -> str:
    # Uniform yes/no/don't-know answers would make nearly everyone a red-flag case.
    if "no" in question.values and rng.random() < NO_SHARE:
        return "no"
    return rng.choice(question.values)


def _multi(question: Question, rng: random.Random) -> list[str]:
    others = [v for v in question.values if v not in question.exclusive]
    if question.exclusive and rng.random() > RED_FLAG_SHARE:
        return [question.exclusive[0]]
    return rng.sample(others, k=rng.randint(1, min(3, len(others))))


def random_answers(rng: random.Random) -> Raw:
    raw: Raw = {}
    for question in question_set().questions.values():
        if not is_shown(question, _as_condition(raw)):
            continue
        if not question.required and rng.random() < BLANK_OPTIONAL_SHARE:
            continue
        if question.type in ("integer", "number"):
            raw[question.id] = _number(question, rng)
        elif question.type == "choice":
            raw[question.id] = _choice(question, rng)
        else:
            raw[question.id] = _multi(question, rng)
    return raw


def vignettes(count: int = 40, seed: int = 20241127) -> list[Raw]:
    """`count` varied answer sets that the validator accepts."""
    rng = random.Random(seed)
    found: list[Raw] = []
    while len(found) < count:
        raw = random_answers(rng)
        parse_answers(raw)  # raises if the generator and the questions ever drift apart
        found.append(raw)
    return found


def typical() -> Raw:
    """One person with no red flag who gets the full result page (plan, heat/cold, weight)."""
    raw: Raw = {}
    for question in question_set().questions.values():
        if not is_shown(question, _as_condition(raw)):
            continue
        if question.id in TYPICAL:
            raw[question.id] = TYPICAL[question.id]
        elif question.type in ("integer", "number"):
            continue  # optional numbers: "don't know"
        elif question.type == "choice":
            raw[question.id] = "no" if "no" in question.values else question.values[0]
        else:
            raw[question.id] = list(question.exclusive[:1]) or [question.values[0]]
    parse_answers(raw)
    return raw


# A 68-year-old woman, 155 cm and 62 kg, knee pain for over a year that began six months before
# the back pain; some walking and heat for two months helped a little.
TYPICAL: Raw = {
    "age": "68",
    "sex": "female",
    "height_cm": "155",
    "weight_kg": "62",
    "knee_side": "both",
    "knee_pain": "5",
    "knee_duration": "over_1y",
    "knee_activities": ["walking", "standing_up", "stairs"],
    "knee_stiffness_min": "10",
    "knee_recent_injury": "no",
    "back_pain": "4",
    "back_duration": "6m_1y",
    "back_leg_symptoms": "none",
    "first": "knee",
    "gap_months": "6",
    "worse_in_cold": "no",
    "activity": "some",
    "weight_change": "stable",
    "tried": ["walking", "heat"],
    "selfcare_months": "2",
    "selfcare_helped": "a_little",
}


def _as_condition(raw: Raw) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
