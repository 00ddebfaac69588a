"""What the dashboard shows of a status row, in the reader's language: the flags in words, the
age, the pain compared, the links to the person's pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import cast, get_args

from django.urls import NoReverseMatch, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

from hizakoshi.care.clinic import KINDS, AttentionKind, age_on, kind_name
from hizakoshi.care.journey.content import SeriesId, series_rule
from hizakoshi.care.journey.progress import shown
from hizakoshi.care.model import Lang
from hizakoshi.clinic.models import Acknowledgement, PatientStatus
from hizakoshi.site.templatetags.dates import longdate

# Shown as urgent (the stylesheet's .flag-urgent): they may need a doctor soon.
URGENT: frozenset[AttentionKind] = frozenset({"red_flag", "escalation"})


@dataclass(frozen=True, slots=True)
class Flag:
    kind: AttentionKind
    name: str
    urgent: bool


@dataclass(frozen=True, slots=True)
class Row:
    """One patient's line, its cells ready to show: a page of fifty costs the template little
    (the list's server time is mostly the template's)."""

    person_id: int
    name: str
    name_kana: str
    age: str
    kinds: str  # the flags' ids, for data-kinds
    flags: SafeString  # the flags as badges
    last_activity: SafeString
    pain: str
    patient_url: str
    acknowledge_url: str


def flags_of(status: PatientStatus | None, lang: Lang) -> list[Flag]:
    kinds = [] if status is None else status.attention
    return [
        Flag(kind, kind_name(kind).get(lang), kind in URGENT)
        for kind in (cast(AttentionKind, k) for k in kinds)
        if kind in KINDS
    ]


_ANY_ID = 987654321  # reversed once a page, then replaced by each person's id


def _url_pattern(name: str) -> str | None:
    try:
        return reverse(name, kwargs={"person_id": _ANY_ID}).replace(str(_ANY_ID), "{}")
    except NoReverseMatch:
        return None


class RowMaker:
    """Makes the page's rows: what is the same for every row is worked out once."""

    def __init__(self, *, today: date, lang: Lang, no_records: str) -> None:
        self.today, self.lang, self.no_records = today, lang, no_records
        # The patient's page is its own feature's (`clinic:patient`); its path by hand only
        # while that name is not there yet.
        self.patient = _url_pattern("clinic:patient") or "/clinic/patients/{}/"
        self.acknowledge = _url_pattern("clinic:acknowledge") or ""
        self.badges = {
            kind: format_html(
                '<span class="flag{}">{}</span>',
                " flag-urgent" if kind in URGENT else "",
                kind_name(kind).get(lang),
            )
            for kind in KINDS
        }

    def pain(self, status: PatientStatus) -> str:
        series = status.pain_series
        if series not in get_args(SeriesId) or status.pain_latest is None:
            return "—"
        rule = series_rule(cast(SeriesId, series))

        def value(number: object) -> str:
            return "—" if number is None else shown(rule, float(str(number))).get(self.lang)

        latest, baseline = value(status.pain_latest), value(status.pain_baseline)
        return f"{rule.name.get(self.lang)}: {latest} ({baseline})"

    def row(self, status: PatientStatus) -> Row:
        link = status.link
        kinds = [k for k in status.attention if k in KINDS]
        age = age_on(link.birth_date, self.today)
        last = status.last_activity_on
        return Row(
            person_id=status.person_id,
            name=link.name,
            name_kana=link.name_kana,
            age="—" if age is None else str(age),
            kinds=" ".join(kinds),
            flags=SafeString("".join(self.badges[k] for k in kinds) or "—"),
            last_activity=longdate(last) if last else SafeString(escape(self.no_records)),
            pain=self.pain(status),
            patient_url=self.patient.format(status.person_id),
            acknowledge_url=self.acknowledge.format(status.person_id),
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
