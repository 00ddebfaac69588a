"""Typed model and loader for content/functiontests.yaml: what each function-test result means.

Loaded once and checked: every stage 0-3 is worded, ja and en use the same {placeholders}, and
the placeholders are the ones care/functiontests.py fills in.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import get_args

from pydantic import Field, model_validator

from hizakoshi.care.model import Frozen, Text
from hizakoshi.care.rules import placeholders
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError, load_yaml_model

FILE = "functiontests.yaml"


class Locomo(Frozen):
    stages: dict[int, Text]
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _every_stage(self) -> Locomo:
        if set(self.stages) != {0, 1, 2, 3}:
            raise ValueError("stages: give 0, 1, 2 and 3")
        return self


class SteadiChair(Frozen):
    below_average: Text  # {cut}
    at_or_above_cutoff: Text  # {cut}


class Cs30Chair(Frozen):
    below_average: Text  # {low} {high}
    average: Text
    above_average: Text


class ChairStand(Frozen):
    chairs: dict[str, Text]
    steadi: SteadiChair
    cs30: Cs30Chair
    no_reference: Text
    source: str = Field(min_length=3)


class Steadi(Frozen):
    at_risk: Text
    not_answered: Text
    not_at_risk: Text
    source: str = Field(min_length=3)


class OneLeg(Frozen):
    below: Text  # {line}
    at_or_above: Text  # {line}
    source: str = Field(min_length=3)


class FunctionTestsFile(Frozen):
    locomo: Locomo
    chair_stand: ChairStand
    steadi: Steadi
    one_leg: OneLeg


# The placeholders each text may use: the ones care/functiontests.py fills in.
EXPECTED: dict[str, set[str]] = {
    "chair_stand.steadi.below_average": {"cut"},
    "chair_stand.steadi.at_or_above_cutoff": {"cut"},
    "chair_stand.cs30.below_average": {"low", "high"},
    "chair_stand.cs30.average": {"low", "high"},
    "chair_stand.cs30.above_average": {"low", "high"},
    "one_leg.below": {"line"},
    "one_leg.at_or_above": {"line"},
}


def _texts(item: object, where: str = "") -> list[tuple[str, Text]]:
    if isinstance(item, Text):
        return [(where, item)]
    found: list[tuple[str, Text]] = []
    if isinstance(item, Frozen):
        for name in type(item).model_fields:
            found += _texts(getattr(item, name), f"{where}.{name}".lstrip("."))
    elif isinstance(item, dict):
        for key, value in item.items():
            found += _texts(value, f"{where}.{key}")
    return found


def load_function_tests(directory: Path = CONTENT_DIR) -> FunctionTestsFile:
    from hizakoshi.care.functiontests import Chair

    data = load_yaml_model(FILE, FunctionTestsFile, directory)
    path = directory / FILE
    if set(data.chair_stand.chairs) != set(get_args(Chair)):
        raise ContentError(f"{path}: chair_stand.chairs: give {sorted(get_args(Chair))}")
    for where, text in _texts(data):
        ja, en = placeholders(text)
        if ja != en or ja != EXPECTED.get(where, set()):
            raise ContentError(
                f"{path}: {where}: placeholders ja {sorted(ja)}, en {sorted(en)}; "
                f"expected {sorted(EXPECTED.get(where, set()))}"
            )
    return data


@cache
def function_tests() -> FunctionTestsFile:
    return load_function_tests()
