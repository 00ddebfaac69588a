"""The dashboard's content (content/clinic.yaml): the attention kinds in order of urgency, with
their words and sources, and the few numbers that are new here."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import Field, model_validator

from hizakoshi.care.journey.content import SeriesId, journey
from hizakoshi.care.model import Frozen, Text
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError, load_yaml_model

FILE = "clinic.yaml"

# The values the clinic's PatientStatus and Acknowledgement rows store (clinic/models/status.py
# mirrors them; a test keeps the two in step).
AttentionKind = Literal[
    "red_flag", "escalation", "pain_worse", "high_risk", "inactive", "checkin_overdue"
]
KINDS: tuple[AttentionKind, ...] = get_args(AttentionKind)


class KindWords(Frozen):
    id: AttentionKind
    name: Text  # short, for a badge; may hold {days}
    rule: Text  # the rule in words; may hold {days}
    source: str = Field(min_length=3)


class ClinicFile(Frozen):
    kinds: tuple[KindWords, ...]
    order_source: str = Field(min_length=3)
    inactive_days: int = Field(ge=7, le=91)
    before_link_days: int = Field(ge=0, le=366)
    before_link_source: str = Field(min_length=3)
    pain_series: tuple[SeriesId, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_kind_once(self) -> ClinicFile:
        ids = [k.id for k in self.kinds]
        if sorted(ids) != sorted(KINDS):
            raise ValueError(f"kinds: give each of {sorted(KINDS)} once, not {ids}")
        return self


def load_clinic(directory: Path = CONTENT_DIR) -> ClinicFile:
    data = load_yaml_model(FILE, ClinicFile, directory)
    rules = {s.id: s for s in journey().series}
    for series in data.pain_series:
        rule = rules.get(series)
        if rule is None or rule.instrument != "nrs":
            raise ContentError(
                f"{directory / FILE}: pain_series: {series!r} is not a pain series rated on the "
                "NRS in journey.yaml"
            )
    return data


@cache
def clinic_content() -> ClinicFile:
    return load_clinic()


def kind_words(kind: AttentionKind) -> KindWords:
    return next(k for k in clinic_content().kinds if k.id == kind)


def kind_name(kind: AttentionKind) -> Text:
    """The kind's short name as the dashboard shows it (numbers filled in)."""
    return kind_words(kind).name.format(days=clinic_content().inactive_days)
