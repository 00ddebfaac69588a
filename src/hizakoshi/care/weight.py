"""BMI and what losing weight does for the knee (Messier 2005; JASSO; seed article §6)."""

from __future__ import annotations

from hizakoshi.care.model import Answers, Text, WeightResult
from hizakoshi.care.rounding import exact, round1
from hizakoshi.care.rules import WeightFile, weight_content
from hizakoshi.care.textfill import fill, join, number


def bmi(height_cm: float | None, weight_kg: float | None) -> float | None:
    if height_cm is None or weight_kg is None:
        return None
    metres = exact(height_cm) / 100
    return round1(exact(weight_kg) / (metres * metres))


def percent_of(weight_kg: float, percent: int) -> float:
    return round1(exact(weight_kg) * percent / 100)


def _status(
    content: WeightFile, value: float | None, kg5: float | None, kg10: float | None
) -> Text:
    if value is None:
        return content.unknown
    shown = number(value)
    if value >= content.bmi_cutoff and kg5 is not None and kg10 is not None:
        return content.over.format(
            bmi=shown, cutoff=number(content.bmi_cutoff), kg5=number(kg5), kg10=number(kg10)
        )
    if value < content.bmi_low:
        return content.low.format(bmi=shown)
    return content.within.format(bmi=shown, cutoff=number(content.bmi_cutoff))


def assess_weight(answers: Answers) -> WeightResult:
    content = weight_content()
    value = bmi(answers.height_cm, answers.weight_kg)
    over = None if value is None else value >= content.bmi_cutoff
    # Targets only for someone over the line: a lean older adult should never be told to lose.
    kg5 = percent_of(answers.weight_kg, 5) if over and answers.weight_kg else None
    kg10 = percent_of(answers.weight_kg, 10) if over and answers.weight_kg else None
    examples = tuple(
        (kg, round1(exact(kg) * exact(content.load_per_kg))) for kg in content.examples_kg
    )
    listed = [content.example.format(kg=number(kg), load=number(load)) for kg, load in examples]
    load = fill(
        content.load,
        {"per_kg": number(content.load_per_kg), "examples": join(listed, "、", "; ")},
    )
    status = _status(content, value, kg5, kg10)
    return WeightResult(
        bmi=value,
        over_cutoff=over,
        knee_load_per_kg=content.load_per_kg,
        examples=examples,
        target_5pct_kg=kg5,
        target_10pct_kg=kg10,
        text=Text(ja=status.ja + load.ja, en=f"{status.en} {load.en}"),
        pace=content.pace,
        source=content.source,
    )
