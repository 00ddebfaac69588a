"""KOOS (42 items) and KOOS-12, scored from the official KOOS item ids.

Every item is 0-4 by box position (0 = none / never, 4 = extreme / always); a subscale score is
100 - mean x 25, so 100 = no knee problems and 0 = extreme problems. There is no KOOS total.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate

from hizakoshi.care.rounding import round1
from hizakoshi.care.scoring.base import (
    ItemSpec,
    ScoreInputError,
    bad_value,
    read_answers,
    specs_of,
    unknown_item,
)

# Subscales in the KOOS profile order; items in the questionnaire's printed order, where the
# English form starts with the Symptoms questions S1-S7, then P1-P9, A1-A17, SP1-SP5, Q1-Q4
# (as the form is reproduced item by item on thecalculator.co's KOOS page; koos.nu's PDF was
# not read).
KOOS_SUBSCALES: dict[str, tuple[str, ...]] = {
    "pain": tuple(f"P{n}" for n in range(1, 10)),
    "symptoms": tuple(f"S{n}" for n in range(1, 8)),
    "adl": tuple(f"A{n}" for n in range(1, 18)),
    "sport_rec": tuple(f"SP{n}" for n in range(1, 6)),
    "qol": tuple(f"Q{n}" for n in range(1, 5)),
}
KOOS_ORDER = ("symptoms", "pain", "adl", "sport_rec", "qol")
KOOS_ITEMS = specs_of(*(ItemSpec(i, 0, 4) for s in KOOS_ORDER for i in KOOS_SUBSCALES[s]))

# "KOOS Scoring 2012" (koos.nu): a subscale is scored when at least 50% of its items are
# answered: Pain 5, Symptoms 4, ADL 9, Sport/Rec 3, QOL 2. Fewer -> no score for that subscale.
KOOS_MIN_ANSWERED = {name: (len(items) + 1) // 2 for name, items in KOOS_SUBSCALES.items()}

_NAMES = tuple(KOOS_SUBSCALES)
_SUBSCALE_INDEX = {item: _NAMES.index(s) for s, items in KOOS_SUBSCALES.items() for item in items}
_MIN_BY_INDEX = tuple(KOOS_MIN_ANSWERED[n] for n in _NAMES)


@dataclass(frozen=True, slots=True)
class KoosResult:
    """Each subscale 0-100 (100 = no problems), None when under half its items were answered."""

    pain: float | None
    symptoms: float | None
    adl: float | None
    sport_rec: float | None
    qol: float | None

    def as_dict(self) -> dict[str, object]:
        return {
            "pain": self.pain,
            "symptoms": self.symptoms,
            "adl": self.adl,
            "sport_rec": self.sport_rec,
            "qol": self.qol,
        }


def _exact_score(total: int, count: int) -> Fraction:
    """100 - mean x 25, exactly: 100 - 2.75 x 25 is 31.25, never 31.249999."""
    return 100 - Fraction(total * 25, count)


def _subscale(total: int, count: int, minimum: int) -> float | None:
    if count < minimum:
        return None
    return round1(_exact_score(total, count))


# Fast path for the common case, a complete form of plain ints: C-level gets and checks
# instead of a Python loop over 42 items (this runs a million times in `hizakoshi score`).
_ALL_IN_PROFILE_ORDER = tuple(i for items in KOOS_SUBSCALES.values() for i in items)
_GET_ALL = operator.itemgetter(*_ALL_IN_PROFILE_ORDER)
_ENDS = tuple(accumulate(len(items) for items in KOOS_SUBSCALES.values()))
_P, _S, _A, _SP, _Q = (slice(a, b) for a, b in zip((0, *_ENDS[:-1]), _ENDS, strict=True))
_INT_ONLY = {int}


# Every possible subscale sum of a complete form -> its score, computed once by the formula.
_BY_SUM = tuple(
    tuple(round1(_exact_score(total, len(items))) for total in range(4 * len(items) + 1))
    for items in KOOS_SUBSCALES.values()
)


def _score_complete(v: tuple[int, ...]) -> KoosResult:
    p, s, a, sp, q = _BY_SUM
    return KoosResult(p[sum(v[_P])], s[sum(v[_S])], a[sum(v[_A])], sp[sum(v[_SP])], q[sum(v[_Q])])


def score_koos(answers: object) -> KoosResult:
    if (
        type(answers) is dict
        and len(answers) == len(KOOS_ITEMS)
        and answers.keys() == KOOS_ITEMS.keys()
    ):
        values = _GET_ALL(answers)
        if set(map(type, values)) == _INT_ONLY and min(values) >= 0 and max(values) <= 4:
            return _score_complete(values)
    # Anything else (unanswered items, a bad value, an unknown item) takes the item-by-item
    # path, which applies the 50% rule and names the offending item.
    return _score_by_item(answers)


def _score_by_item(answers: object) -> KoosResult:
    if not isinstance(answers, dict):
        raise ScoreInputError("not_an_object")
    sums = [0, 0, 0, 0, 0]
    counts = [0, 0, 0, 0, 0]
    index = _SUBSCALE_INDEX
    for key, value in answers.items():
        i = index.get(key)
        if i is None:
            raise unknown_item(str(key))
        if value is None:
            continue
        if type(value) is not int or not 0 <= value <= 4:
            raise bad_value(KOOS_ITEMS[key], value)
        sums[i] += value
        counts[i] += 1
    m = _MIN_BY_INDEX
    return KoosResult(
        _subscale(sums[0], counts[0], m[0]),
        _subscale(sums[1], counts[1], m[1]),
        _subscale(sums[2], counts[2], m[2]),
        _subscale(sums[3], counts[3], m[3]),
        _subscale(sums[4], counts[4], m[4]),
    )


# --- KOOS-12 --------------------------------------------------------------------------------
# Items from Gandek, Roos, Franklin & Ware, Osteoarthritis Cartilage 2019;27(5):762-770
# (PMID 30716536), abstract: a pain-frequency item plus pain when sitting/lying, walking and on
# stairs; function when standing, rising from sitting, getting in/out of a car and
# twisting/pivoting; the 4-item KOOS QOL scale. Mapped to the KOOS ids of those items:
# P1 frequency, P5 walking on a flat surface, P6 stairs, P8 sitting or lying; A3 rising from
# sitting, A4 standing, A7 getting in/out of a car, SP4 twisting/pivoting on the injured knee.
# Order within each scale follows the KOOS numbering (the KOOS-12 form itself was not seen).
KOOS12_SCALES: dict[str, tuple[str, ...]] = {
    "pain": ("P1", "P5", "P6", "P8"),
    "function": ("A3", "A4", "A7", "SP4"),
    "qol": ("Q1", "Q2", "Q3", "Q4"),
}
KOOS12_ITEMS = specs_of(*(ItemSpec(i, 0, 4) for items in KOOS12_SCALES.values() for i in items))
# clinical-spec §3: a scale needs >= 2 of its 4 items; missing items take the mean of the
# answered items of the same scale (which leaves the scale mean unchanged).
KOOS12_MIN_ANSWERED = 2


@dataclass(frozen=True, slots=True)
class Koos12Result:
    pain: float | None
    function: float | None
    qol: float | None
    summary: float | None  # mean of the three scales; None unless all three are scored

    def as_dict(self) -> dict[str, object]:
        return {
            "pain": self.pain,
            "function": self.function,
            "qol": self.qol,
            "summary": self.summary,
        }


def score_koos12(answers: object) -> Koos12Result:
    values = read_answers(KOOS12_ITEMS, answers)
    exact: dict[str, Fraction | None] = {}
    for name, items in KOOS12_SCALES.items():
        answered = [v for i in items if (v := values[i]) is not None]
        enough = len(answered) >= KOOS12_MIN_ANSWERED
        exact[name] = _exact_score(sum(answered), len(answered)) if enough else None
    parts = [s for s in exact.values() if s is not None]
    # The summary is the mean of the exact scale scores, rounded once.
    summary = round1(sum(parts, Fraction(0)) / 3) if len(parts) == 3 else None
    shown = {k: None if v is None else round1(v) for k, v in exact.items()}
    return Koos12Result(shown["pain"], shown["function"], shown["qol"], summary)
