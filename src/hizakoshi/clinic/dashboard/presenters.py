"""What the dashboard shows of a status row, in the reader's language: the flags in words, the
age, the pain compared, the links to the person's pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import cast, get_args

from django.urls import NoReverseMatch, reverse

from hizakoshi.care.clinic import KINDS, AttentionKind, age_on, kind_name
from hizakoshi.care.journey.content import SeriesId, series_rule
from hizakoshi.care.journey.progress import shown
from hizakoshi.care.model import Lang
from hizakoshi.clinic.models import Acknowledgement, PatientStatus

# Shown as urgent (the stylesheet's .flag-urgent): they may need a doctor soon.
URGENT: frozenset[AttentionKind] = frozenset({"red_flag", "escalation"})


@dataclass(frozen=True, slots=True)
class Flag:
    kind: AttentionKind
    name: str
    urgent: bool


@dataclass(frozen=True, slots=True)
class Row:
    person_id: int
    name: str
    name_kana: str
    age: int | None
    flags: list[Flag]
    last_activity: date | None
    red_flag_at: datetime | None
    pain_name: str  # "" when there is nothing to compare yet
    pain_latest: str
    pain_baseline: str
    patient_url: str
    acknowledge_url: str


def flags_of(status: PatientStatus | None, lang: Lang) -> list[Flag]:
    kinds = [] if status is None else status.attention
    return [
        Flag(kind, kind_name(kind).get(lang), kind in URGENT)
        for kind in (cast(AttentionKind, k) for k in kinds)
        if kind in KINDS
    ]


def patient_url(person_id: int) -> str:
    """The patient's page (`clinic:patient`, made by its own feature); its path by hand only
    while that name is not there yet."""
    try:
        return reverse("clinic:patient", kwargs={"person_id": person_id})
    except NoReverseMatch:
        return f"/clinic/patients/{person_id}/"


def row_of(status: PatientStatus, *, today: date, lang: Lang) -> Row:
    link = status.link
    series = status.pain_series
    rule = series_rule(cast(SeriesId, series)) if series in get_args(SeriesId) else None

    def pain(value: object) -> str:
        if rule is None or value is None:
            return "—"
        return shown(rule, float(str(value))).get(lang)

    return Row(
        person_id=status.person_id,
        name=link.name,
        name_kana=link.name_kana,
        age=age_on(link.birth_date, today),
        flags=flags_of(status, lang),
        last_activity=status.last_activity_on,
        red_flag_at=status.red_flag_at,
        pain_name="" if rule is None else rule.name.get(lang),
        pain_latest=pain(status.pain_latest),
        pain_baseline=pain(status.pain_baseline),
        patient_url=patient_url(status.person_id),
        acknowledge_url=reverse("clinic:acknowledge", kwargs={"person_id": status.person_id}),
    )


@dataclass(frozen=True, slots=True)
class Seen:
    at: datetime
    name: str  # the flag
    by: str
    note: str


def history_of(acks: list[Acknowledgement], lang: Lang) -> list[Seen]:
    return [
        Seen(
            a.at,
            kind_name(a.kind).get(lang) if a.kind in KINDS else a.kind,
            a.by_label,
            a.note,
        )
        for a in acks
    ]
