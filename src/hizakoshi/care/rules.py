"""Typed models and loaders for the engine's own content: pattern reasons (patterns.yaml),
heat/cold rules (thermal.yaml) and weight arithmetic (weight.yaml).

Kept apart from content.py (exercises, advice, medical options, red flags) because only the
engine reads these; every rule still carries its source.
"""

from __future__ import annotations

import string
from functools import cache
from typing import Literal

from pydantic import Field, model_validator

from hizakoshi.care.model import Frozen, Pattern, Text
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError, load_yaml_model

Likelihood = Literal["likely", "possible"]
# The patterns the reasons weigh against each other; the others are "not decided" (undetermined)
# or "not judged" (only one pain this week).
DECIDED = frozenset({Pattern.KNEE_ORIGIN, Pattern.BACK_ORIGIN, Pattern.CONCURRENT})
SINGLE_SITE = frozenset({Pattern.KNEE_ONLY, Pattern.BACK_ONLY})


def placeholders(text: Text) -> tuple[set[str], set[str]]:
    """The {names} a text fills in, per language."""

    def names(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    return names(text.ja), names(text.en)


class ReasonRule(Frozen):
    id: str  # also the feature name in care.patterns.FEATURES
    points_to: Pattern
    weight: float = Field(gt=0, le=5)
    text: Text  # a template filled from the person's answers
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _same_placeholders(self) -> ReasonRule:
        ja, en = placeholders(self.text)
        if ja != en:
            raise ValueError(f"{self.id}: ja and en use different placeholders")
        if self.points_to not in DECIDED:
            raise ValueError(
                f"{self.id}: a reason must point to knee_origin, back_origin or concurrent"
            )
        return self


class PriorityText(Frozen):
    focus: Literal["knee", "back", "both"]
    headline: Text
    why: Text


class PatternFile(Frozen):
    reasons: tuple[ReasonRule, ...]
    summary: dict[Pattern, dict[Likelihood, Text]]
    undetermined_summary: Text
    # Only one pain this week: what the result says instead of a link between the two.
    single_site_summary: dict[Pattern, Text]
    no_pain_summary: Text
    confirm: Text
    hip_note: Text
    priority: dict[Pattern, PriorityText]
    no_pain_priority: PriorityText  # neither pain this week: nothing to say about which first
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _complete(self) -> PatternFile:
        if set(self.summary) != DECIDED:
            raise ValueError("summary needs knee_origin, back_origin and concurrent")
        if set(self.single_site_summary) != SINGLE_SITE:
            raise ValueError("single_site_summary needs knee_only and back_only")
        for pattern, texts in self.summary.items():
            if set(texts) != {"likely", "possible"}:
                raise ValueError(f"summary.{pattern}: needs likely and possible")
        if set(self.priority) != set(Pattern):
            raise ValueError("priority needs every pattern")
        if len({r.id for r in self.reasons}) != len(self.reasons):
            raise ValueError("a reason id is used twice")
        return self


class ThermalRule(Frozen):
    id: str
    site: Literal["knee", "back", "both"]
    choice: Literal["heat", "cold", "either", "avoid_both"]
    text: Text
    source: str = Field(min_length=3)


CautionKind = Literal["heat", "cold", "always"]


class ThermalFile(Frozen):
    rules: tuple[ThermalRule, ...]
    how: dict[Literal["heat", "cold", "either"], Text]
    cautions: dict[CautionKind, tuple[Text, ...]]
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _complete(self) -> ThermalFile:
        if set(self.how) != {"heat", "cold", "either"}:
            raise ValueError("how needs heat, cold and either")
        if "always" not in self.cautions:
            raise ValueError("cautions need an 'always' list")
        return self

    def rule(self, rule_id: str) -> ThermalRule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


class WeightFile(Frozen):
    bmi_cutoff: float = Field(gt=0)  # JASSO: obesity from BMI 25
    bmi_low: float = Field(gt=0)  # JASSO: underweight below 18.5
    load_per_kg: float = Field(gt=0)  # Messier 2005
    examples_kg: tuple[float, ...] = Field(min_length=1)
    over: Text  # {bmi} {cutoff} {kg5} {kg10}
    within: Text  # {bmi} {cutoff}
    low: Text  # {bmi}
    unknown: Text
    load: Text  # {per_kg} {examples}
    example: Text  # {kg} {load}: one example, joined into {examples}
    pace: Text
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _known_placeholders(self) -> WeightFile:
        allowed = {
            "over": {"bmi", "cutoff", "kg5", "kg10"},
            "within": {"bmi", "cutoff"},
            "low": {"bmi"},
            "unknown": set(),
            "load": {"per_kg", "examples"},
            "example": {"kg", "load"},
            "pace": set(),
        }
        for name, names in allowed.items():
            ja, en = placeholders(getattr(self, name))
            if ja != en or not ja <= names:
                raise ValueError(
                    f"{name}: placeholders must be the same in ja and en, from {names}"
                )
        return self


@cache
def pattern_content() -> PatternFile:
    return load_yaml_model("patterns.yaml", PatternFile)


@cache
def thermal_content() -> ThermalFile:
    return load_yaml_model("thermal.yaml", ThermalFile)


@cache
def weight_content() -> WeightFile:
    return load_yaml_model("weight.yaml", WeightFile)


def load_all() -> None:
    """Load the engine's files and check that they name the rules the code chooses between."""
    from hizakoshi.care.patterns import FEATURES
    from hizakoshi.care.thermal import RULE_IDS

    reasons = {r.id for r in pattern_content().reasons}
    if reasons != set(FEATURES):
        raise ContentError(
            f"{CONTENT_DIR / 'patterns.yaml'}: reasons and care/patterns.py FEATURES differ: "
            f"{sorted(reasons ^ set(FEATURES))}"
        )
    thermal = thermal_content()
    missing = RULE_IDS - {r.id for r in thermal.rules}
    if missing:
        raise ContentError(f"{CONTENT_DIR / 'thermal.yaml'}: missing rules {sorted(missing)}")
    weight_content()
