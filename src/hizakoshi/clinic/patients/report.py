"""The patient report: one typed value that the staff page and the pre-visit PDF both render.

Built by `selectors.patient_report()` from the person's records, in one language. Every judgement
in it (improved / unchanged / worse, against an MCID or a series threshold; whether self-care is
paused; the self-check's urgency and pattern) is the core's, carried here as the core's own
label and words; nothing in this module or its templates decides anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from hizakoshi.care.journey.content import Label, SeriesId
from hizakoshi.care.journey.progress import Point


@dataclass(frozen=True)
class PatientHeader:
    person_id: int
    name: str
    name_kana: str
    birth_date: date | None
    age: int | None  # whole years on the report's day, from the birth date the person gave
    linked_on: date
    start: date | None  # the first self-check kept: the journey's day one


@dataclass(frozen=True)
class AnswerLine:
    group: str  # the self-check step's title: a heading where it changes
    question: str
    answer: str


@dataclass(frozen=True)
class SelfCheckShown:
    """The latest self-check as the person saw it: stored answers and result, not recomputed."""

    taken_on: date
    source: str  # how it came into the account, in words
    engine_version: str
    content_hash: str
    urgency: str  # the urgency label
    headline: str
    signs: tuple[str, ...]  # the warning signs found, in the person's words
    paused: bool  # the result paused self-care
    pattern: str | None  # None while paused: no pattern was weighed
    likelihood: str | None
    summary: str
    reasons: tuple[str, ...]  # the answers that point to the pattern
    other_reasons: tuple[str, ...]  # the answers that point elsewhere
    confirm: str
    answers: tuple[AnswerLine, ...]
    earlier: int  # how many earlier self-checks the account keeps


@dataclass(frozen=True)
class ScoreRow:
    """One scored field of a questionnaire: the first answer, the latest, and the core's label
    against the field's MCID (None when the field has none, or there is one answer only)."""

    instrument: str
    field: str
    first_on: date
    first: str
    latest_on: date
    latest: str
    label: str | None  # improved / unchanged / worse
    label_text: str
    mcid: str  # the MCID in words, "" without one


class WeekShown(NamedTuple):
    start: date
    value: str  # as the core shows it: "3.5/10", "週2回", "—" for a week without records


@dataclass(frozen=True)
class SeriesRow:
    """One progress series (diary pain, PSFS, tests, sessions, walking, weight) as the core
    judged it: the first window against the latest, with the rule in words."""

    id: SeriesId
    name: str
    unit: str
    decimals: int
    label: Label
    label_text: str
    reason: str
    rule: str
    points: tuple[Point, ...]  # every record up to `today`, for the chart (and FHIR's pain)
    weeks: tuple[WeekShown, ...]  # the latest weeks, for the table


@dataclass(frozen=True)
class PlanLine:
    name: str
    dose: str
    since: date


@dataclass(frozen=True)
class EscalationRow:
    raised_on: date
    urgency: str
    headline: str
    reasons: tuple[str, ...]
    seen: bool  # the person has read it


@dataclass(frozen=True)
class AckRow:
    """What the clinic wrote it did about a flag (clinic.Acknowledgement)."""

    at: datetime
    kind: str
    note: str
    by: str


@dataclass(frozen=True)
class PatientReport:
    today: date
    patient: PatientHeader
    self_check: SelfCheckShown | None
    paused: bool  # self-care is paused now (the latest self-check or a diary warning sign)
    pause_lines: tuple[str, ...]  # the diary's warning signs and what to tell the doctor
    plan: tuple[PlanLine, ...]
    walking: str
    scores: tuple[ScoreRow, ...]
    series: tuple[SeriesRow, ...]
    sessions: SeriesRow  # adherence: sessions per week
    sessions_total: int
    escalations: tuple[EscalationRow, ...]
    acknowledgements: tuple[AckRow, ...]

    @property
    def pain(self) -> tuple[SeriesRow, ...]:
        """The diary's pain series that have records: the diary trend, and the daily pain of
        the FHIR export (fhir.py), day by day as the chart draws it."""
        return tuple(s for s in self.series if s.id in PAIN_SERIES and s.points)

    @property
    def others(self) -> tuple[SeriesRow, ...]:
        return tuple(s for s in self.series if s.id not in PAIN_SERIES and s.points)


PAIN_SERIES: tuple[SeriesId, ...] = ("knee_pain_left", "knee_pain_right", "back_pain")
