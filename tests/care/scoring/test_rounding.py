"""Every score rounds halves up, as the published scorers and people working by hand do.

Python's round() sends a half to the even neighbour (round(31.25, 1) == 31.2); KOOS scorers
report 31.3. One helper, care.rounding.round1, is used by every engine and by the BMI.
"""

from __future__ import annotations

import ast
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from hizakoshi.care.rounding import exact, round1
from hizakoshi.care.scoring.back import score_odi, score_rmdq
from hizakoshi.care.scoring.koos import score_koos, score_koos12
from hizakoshi.care.scoring.koos_ps import score_koos_ps
from hizakoshi.care.scoring.pain import score_psfs
from hizakoshi.care.weight import bmi

CARE = Path(__file__).parents[3] / "src" / "hizakoshi" / "care"
SCORECLI = CARE.parent / "scorecli.py"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("31.25"), 31.3),
        (Decimal("68.75"), 68.8),
        (Decimal("6.25"), 6.3),
        (Decimal("31.24"), 31.2),
        (Fraction(125, 4), 31.3),
        (Fraction(100, 3), 33.3),
        (Fraction(-125, 4), -31.3),
        (0, 0.0),
    ],
)
def test_a_half_is_rounded_up_and_anything_else_to_the_nearest_tenth(
    value: Decimal | Fraction | int, expected: float
) -> None:
    assert round1(value) == expected


def test_a_float_is_rounded_as_the_decimal_it_was_written_as() -> None:
    # 1.15 is 1.149999... in binary: round() gives 1.1, a person writes 1.2.
    assert round(1.15, 1) == 1.1
    assert round1(exact(1.15)) == 1.2


def koos_with(qol: tuple[int, int, int, int], rest: int = 0) -> dict[str, int]:
    answers = {f"P{n}": rest for n in range(1, 10)}
    answers |= {f"S{n}": rest for n in range(1, 8)}
    answers |= {f"A{n}": rest for n in range(1, 18)}
    answers |= {f"SP{n}": rest for n in range(1, 6)}
    answers |= {f"Q{n}": v for n, v in enumerate(qol, start=1)}
    return answers


@pytest.mark.parametrize(
    ("qol", "expected"),
    [
        ((3, 3, 3, 2), 31.3),  # 100 - 2.75 x 25 = 31.25; Python's round() says 31.2
        ((1, 1, 1, 2), 68.8),  # 100 - 1.25 x 25 = 68.75
        ((1, 1, 0, 1), 81.3),  # 81.25
        ((2, 2, 2, 1), 56.3),  # 56.25
        ((4, 4, 4, 3), 6.3),  # 6.25
    ],
)
def test_koos_qol_rounds_a_half_up(qol: tuple[int, int, int, int], expected: float) -> None:
    assert score_koos(koos_with(qol)).qol == expected


def test_koos_with_unanswered_items_rounds_a_half_up_on_the_item_by_item_path() -> None:
    answers: dict[str, int | None] = dict(koos_with((3, 3, 3, 2)))
    # ADL with 16 of 17 answered, sum 44: 100 - 44 x 25 / 16 = 31.25.
    answers |= {f"A{n}": 3 for n in range(1, 13)} | {f"A{n}": 2 for n in range(13, 17)}
    answers["A17"] = None
    result = score_koos(answers)
    assert result.adl == 31.3
    assert result.qol == 31.3


def test_koos12_summary_is_the_exact_mean_rounded_once_with_a_half_up() -> None:
    answers = {"P1": 3, "P5": 3, "P6": 3, "P8": 2}  # 31.25
    answers |= {"A3": 4, "A4": 4, "A7": 3, "SP4": 3}  # 12.5
    answers |= {"Q1": 2, "Q2": 2, "Q3": 2, "Q4": 2}  # 50
    result = score_koos12(answers)
    assert (result.pain, result.function, result.qol) == (31.3, 12.5, 50.0)
    assert result.summary == 31.3  # 93.75 / 3 = 31.25


def test_koos_ps_difficulty_direction_has_no_binary_tail() -> None:
    result = score_koos_ps(
        dict.fromkeys(("A10", "A9", "A3", "A5", "SP4", "SP5", "SP1"), 0) | {"A10": 1}
    )
    assert result.score == 94.4
    assert result.difficulty_score == 5.6


@pytest.mark.parametrize(
    ("sections", "expected"),
    [
        ((1, 1, 1, 1, 1, 1, 1, 0, 0, None), 15.6),  # 7 / 45 = 15.555...
        ((2, 2, 2, 2, 2, 2, 2, 1, 1, None), 35.6),  # 16 / 45
        ((0, 0, 0, 0, 0, 0, 0, 0, 1, None), 2.2),  # 1 / 45
        ((1, 1, 1, 1, 1, 1, 1, 0, 0, 0), 14.0),  # 7 / 50: a float sum gives 14.000000000000002
    ],
)
def test_odi_percentages_round_to_one_decimal_exactly(
    sections: tuple[int | None, ...], expected: float
) -> None:
    answers = {str(n): v for n, v in enumerate(sections, start=1)}
    assert score_odi(answers).score == expected


def test_rmdq_is_a_whole_count_never_rounded() -> None:
    answers = {str(n): (n <= 7) for n in range(1, 25)}
    assert score_rmdq(answers).score == 7


def test_psfs_mean_rounds_a_half_up() -> None:
    assert score_psfs({"1": 3, "2": 3, "3": 3, "4": 4}).score == 3.3  # 13 / 4 = 3.25


def test_bmi_uses_the_same_rounding() -> None:
    assert bmi(200, 125) == 31.3  # 125 / 4 = 31.25


def test_no_scoring_or_weight_code_rounds_with_pythons_round() -> None:
    files = [
        *sorted((CARE / "scoring").glob("*.py")),
        CARE / "weight.py",
        CARE / "instruments.py",
        SCORECLI,
    ]
    offenders = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "round":
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
