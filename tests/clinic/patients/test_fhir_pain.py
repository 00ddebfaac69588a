"""The daily pain of the diary in the clinic's FHIR export: one Observation per diary day and site
with a value (right knee, left knee, low back), taken from the patient report, so the Bundle
holds the days and values the page and the PDF draw. Each new JP Core rule of
clinic.patients.jpcore has a test that breaks it on purpose."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from fhir.resources.R4B.observation import Observation

from clinic.patients.conftest import Year, export
from hizakoshi.care.journey.progress import Point
from hizakoshi.clinic.patients import jpcore
from hizakoshi.clinic.patients.fhir import ExportBroken, patient_bundle
from hizakoshi.clinic.patients.report import PAIN_SERIES
from hizakoshi.clinic.patients.selectors import patient_report
from hizakoshi.journey.models import DiaryEntry

pytestmark = pytest.mark.django_db

# The specification, written out: LOINC for a 0-10 pain rating the person reported, and the
# SNOMED CT body structure of each diary question.
LOINC_PAIN = "72514-3"
SITES = {"knee_pain_right": "6757004", "knee_pain_left": "82169009", "back_pain": "37822005"}

Pains = dict[tuple[str, date], int]


@pytest.fixture(autouse=True)
def snomed(settings: Any) -> None:
    """As a clinic with a SNOMED CT licence exports (the default, without one: at the end)."""
    settings.HIZAKOSHI_FHIR_SNOMED = True


@pytest.fixture
def bundle(year: Year) -> dict[str, Any]:
    return export(year.link)


def pains(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation" and jpcore.diary_pain_of(e["resource"])
    ]


def pain_values(bundle: dict[str, Any]) -> Pains:
    found: Pains = {}
    for r in pains(bundle):
        key = (str(jpcore.diary_pain_of(r)), date.fromisoformat(r["effectiveDateTime"]))
        assert key not in found, key  # one observation per day and site
        found[key] = r["valueInteger"]
    return found


def diary_values(year: Year, today: date) -> Pains:
    rows = DiaryEntry.objects.filter(person=year.person, day__lte=today)
    return {
        (field, day): value
        for field in SITES
        for day, value in rows.values_list("day", field)
        if value is not None
    }


def test_each_diary_day_and_site_with_a_value_is_one_observation(
    bundle: dict[str, Any], year: Year
) -> None:
    diary = diary_values(year, timezone.localdate())
    assert pain_values(bundle) == diary
    assert len(diary) > 300  # a year of diary
    assert "back_pain" in {site for site, _ in diary}  # a knee and the low back
    # By day, then the sites in order; the same addresses when exported again.
    days = [r["effectiveDateTime"] for r in pains(bundle)]
    assert days == sorted(days)
    urls = [e["fullUrl"] for e in bundle["entry"] if jpcore.diary_pain_of(e["resource"])]
    assert urls == [
        e["fullUrl"] for e in export(year.link)["entry"] if jpcore.diary_pain_of(e["resource"])
    ]


def test_each_daily_pain_validates_and_is_coded_as_the_rating_it_is(
    bundle: dict[str, Any],
) -> None:
    (patient,) = [
        e["fullUrl"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    ]
    for r in pains(bundle):
        Observation.model_validate(r)
        series = str(jpcore.diary_pain_of(r))
        assert r["meta"]["profile"] == [jpcore.JP_OBSERVATION_COMMON]
        assert r["status"] == "final"
        assert r["category"] == [
            {"coding": [{"system": jpcore.OBSERVATION_CATEGORY, "code": "survey"}]}
        ]
        assert r["code"]["coding"][0]["system"] == "http://loinc.org"
        assert r["code"]["coding"][0]["code"] == LOINC_PAIN
        (site,) = r["bodySite"]["coding"]
        assert (site["system"], site["code"]) == ("http://snomed.info/sct", SITES[series])
        assert r["bodySite"]["text"] in ("右膝", "左膝", "腰")
        assert isinstance(r["valueInteger"], int) and 0 <= r["valueInteger"] <= 10
        assert r["subject"] == {"reference": patient}
        assert "derivedFrom" not in r
        assert jpcore.daily_pain_problems(r, {patient}) == []


def test_the_days_are_those_of_the_report_up_to_its_day(year: Year) -> None:
    # The report drawn a month ago showed the diary up to that day: so does its Bundle.
    earlier = timezone.localdate() - timedelta(days=30)
    exported = pain_values(export(year.link, today=earlier))
    report = patient_report(link=year.link, today=earlier, lang="ja")
    shown = {(row.id, p.day): p.value for row in report.pain for p in row.points}
    assert exported == shown == diary_values(year, earlier)
    assert max(day for _, day in exported) <= earlier
    assert min(day for _, day in exported) == min(
        DiaryEntry.objects.filter(person=year.person).values_list("day", flat=True)
    )


def test_a_left_knee_is_exported_with_its_own_site(year: Year) -> None:
    # The demo's knee is the right one: a left knee rated on two days, one of them 0.
    entries = DiaryEntry.objects.filter(person=year.person).order_by("-day")[:2]
    for entry, value in zip(entries, (0, 7), strict=True):
        entry.knee_pain_left = value
        entry.save(update_fields=["knee_pain_left"])
    left = [r for r in pains(export(year.link)) if jpcore.diary_pain_of(r) == "knee_pain_left"]
    assert sorted((r["effectiveDateTime"], r["valueInteger"]) for r in left) == sorted(
        (e.day.isoformat(), e.knee_pain_left) for e in entries
    )
    assert {r["bodySite"]["coding"][0]["code"] for r in left} == {SITES["knee_pain_left"]}
    assert {r["bodySite"]["text"] for r in left} == {"左膝"}


def test_every_pain_series_of_the_report_has_a_body_site() -> None:
    assert set(PAIN_SERIES) == set(jpcore.PAIN_SITES) == set(SITES)


# --- a report the Bundle must refuse: raised, never downloaded -----------------------------------


def _with_first_point(report: Any, value: float) -> Any:
    row = report.pain[0]
    changed = dataclasses.replace(row, points=(Point(row.points[0].day, value), *row.points[1:]))
    return dataclasses.replace(
        report, series=tuple(changed if s.id == row.id else s for s in report.series)
    )


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (11.0, "daily pain: valueInteger is not a whole number from 0 to 10"),
        (-1.0, "daily pain: valueInteger is not a whole number from 0 to 10"),
        (3.5, "is not a whole number"),
    ],
)
def test_a_pain_off_the_scale_is_never_exported(year: Year, value: float, says: str) -> None:
    report = patient_report(link=year.link, today=timezone.localdate(), lang="ja")
    with pytest.raises(ExportBroken, match=says):
        patient_bundle(link=year.link, report=_with_first_point(report, value))


def test_a_report_about_someone_else_is_refused(year: Year) -> None:
    report = patient_report(link=year.link, today=timezone.localdate(), lang="ja")
    other = dataclasses.replace(
        report, patient=dataclasses.replace(report.patient, person_id=year.person.pk + 1)
    )
    with pytest.raises(ExportBroken, match="not about the linked person"):
        patient_bundle(link=year.link, report=other)


# --- one test per rule of the daily pain: broken on purpose, each is reported --------------------


def _first(b: dict[str, Any], series: str = "knee_pain_right") -> dict[str, Any]:
    return next(r for r in pains(b) if jpcore.diary_pain_of(r) == series)


def _set(key: str, value: object) -> Callable[[dict[str, Any]], None]:
    return lambda b: _first(b).__setitem__(key, value)


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda b: _first(b).pop(key)


def _loinc_gone(b: dict[str, Any]) -> None:
    coding = _first(b)["code"]["coding"]
    _first(b)["code"]["coding"] = [c for c in coding if c["system"] != "http://loinc.org"]


def _our_code_gone(b: dict[str, Any]) -> None:
    coding = _first(b)["code"]["coding"]
    _first(b)["code"]["coding"] = [c for c in coding if c["system"] == "http://loinc.org"]


def _left_knee_on_the_right(b: dict[str, Any]) -> None:
    _first(b)["bodySite"]["coding"][0]["code"] = SITES["knee_pain_left"]


def _back_on_the_knee(b: dict[str, Any]) -> None:
    _first(b)["bodySite"]["coding"] = copy.deepcopy(_first(b, "back_pain")["bodySite"]["coding"])


def _words_of_the_back(b: dict[str, Any]) -> None:
    _first(b)["bodySite"]["text"] = "腰"


RULES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("loinc", _loinc_gone, "daily pain: code is not LOINC 72514-3"),
    (
        "side",
        _left_knee_on_the_right,
        "daily pain: bodySite is not SNOMED CT 6757004 (knee_pain_right)",
    ),
    (
        "site",
        _back_on_the_knee,
        "daily pain: bodySite is not SNOMED CT 6757004 (knee_pain_right)",
    ),
    # Without our coding of the diary question it is not a daily pain: nor is it a score.
    (
        "question",
        _our_code_gone,
        "score: derivedFrom does not name a QuestionnaireResponse of the bundle",
    ),
    ("words", _words_of_the_back, "daily pain: bodySite.text is not 右膝 (knee_pain_right)"),
    ("11", _set("valueInteger", 11), "daily pain: valueInteger is not a whole number from 0 to 10"),
    ("-1", _set("valueInteger", -1), "daily pain: valueInteger is not a whole number from 0 to 10"),
    (
        "yes",
        _set("valueInteger", True),
        "daily pain: valueInteger is not a whole number from 0 to 10",
    ),
    ("none", _drop("valueInteger"), "daily pain: valueInteger is not a whole number from 0 to 10"),
    ("category", _drop("category"), "daily pain: category survey is missing"),
    ("status", _set("status", "preliminary"), "daily pain: status is not final"),
    (
        "subject",
        _set("subject", {"reference": "Patient/x"}),
        "daily pain: subject is not the bundle's JP_Patient",
    ),
    ("day", _drop("effectiveDateTime"), "daily pain: effectiveDateTime (the diary day) is missing"),
    (
        "profile",
        _set("meta", {}),
        f"Observation: meta.profile lacks {jpcore.JP_OBSERVATION_COMMON}",
    ),
]


@pytest.mark.parametrize(
    ("change", "says"), [(c, s) for _, c, s in RULES], ids=[n for n, _, _ in RULES]
)
def test_rule_daily_pain(
    bundle: dict[str, Any], change: Callable[[dict[str, Any]], None], says: str
) -> None:
    copied = copy.deepcopy(bundle)
    change(copied)
    assert jpcore.bundle_problems(copied) == [says]


def test_no_site_is_two_problems(bundle: dict[str, Any]) -> None:
    copied = copy.deepcopy(bundle)
    _first(copied).pop("bodySite")
    assert jpcore.bundle_problems(copied) == [
        "daily pain: bodySite.text is not 右膝 (knee_pain_right)",
        "daily pain: bodySite is not SNOMED CT 6757004 (knee_pain_right)",
    ]


# --- without a SNOMED CT licence (the default): the sites in words, no SNOMED code anywhere -----


def test_without_a_snomed_licence_the_sites_are_in_words_only(settings: Any, year: Year) -> None:
    settings.HIZAKOSHI_FHIR_SNOMED = False
    bundle = export(year.link)
    assert "snomed" not in json.dumps(bundle).lower()
    words = {"knee_pain_right": "右膝", "knee_pain_left": "左膝", "back_pain": "腰"}
    for r in pains(bundle):
        assert r["bodySite"] == {"text": words[str(jpcore.diary_pain_of(r))]}
    assert jpcore.bundle_problems(bundle) == []
    # A SNOMED code in a Bundle that should have none is reported, not sent.
    _first(bundle)["bodySite"]["coding"] = [{"system": jpcore.SNOMED, "code": SITES["back_pain"]}]
    assert jpcore.bundle_problems(bundle) == [
        "daily pain: bodySite has SNOMED CT codes, off here (HIZAKOSHI_FHIR_SNOMED)"
    ]
