"""The clinic's FHIR export: a Bundle in JP Core profiles. Every resource validates with the R4B
models of fhir.resources and names its profile; each JP Core rule we rely on has its own test
(a rule broken on purpose is reported by clinic.patients.jpcore)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from clinic.patients.conftest import Year, export
from hizakoshi.clinic.models import AuditAction, AuditEvent
from hizakoshi.clinic.patients import jpcore
from hizakoshi.journey.models import DiaryEntry, OutcomeResponse
from people import staff_login

pytestmark = pytest.mark.django_db

MODELS = {
    "Patient": Patient,
    "Observation": Observation,
    "QuestionnaireResponse": QuestionnaireResponse,
}


@pytest.fixture
def bundle(year: Year) -> dict[str, Any]:
    return export(year.link)


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def weights(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in resources(bundle, "Observation") if "29463-7" in jpcore.loinc_of(r)]


def test_every_resource_validates_and_names_its_profile(bundle: dict[str, Any]) -> None:
    kinds = {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert kinds == set(MODELS)
    for entry in bundle["entry"]:
        resource = entry["resource"]
        MODELS[resource["resourceType"]].model_validate(resource)
        assert set(resource["meta"]["profile"]) == jpcore.expected_profiles(resource)
    assert jpcore.bundle_problems(bundle) == []


def test_the_bundle_holds_the_year_each_record_once(bundle: dict[str, Any], year: Year) -> None:
    diary_weights = DiaryEntry.objects.filter(person=year.person, weight_kg__isnull=False)
    assert len(weights(bundle)) == diary_weights.count() > 40
    heights = [r for r in resources(bundle, "Observation") if "8302-2" in jpcore.loinc_of(r)]
    assert [h["valueQuantity"]["value"] for h in heights] == [154.0]  # the demo's profile
    outcomes = OutcomeResponse.objects.filter(person=year.person).count()
    assert len(resources(bundle, "QuestionnaireResponse")) == outcomes + 1  # + the self-check
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(urls) == len(set(urls))
    # Stable: exported again, the same records have the same addresses.
    assert [e["fullUrl"] for e in export(year.link)["entry"]] == urls


def test_every_score_is_derived_from_its_questionnaire_response(bundle: dict[str, Any]) -> None:
    responses = {
        e["fullUrl"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "QuestionnaireResponse"
    }
    scores = [r for r in resources(bundle, "Observation") if "derivedFrom" in r]
    assert len(scores) > 50
    for score in scores:
        assert all(d["reference"] in responses for d in score["derivedFrom"])
        assert score["meta"]["profile"] == [jpcore.JP_OBSERVATION_COMMON]
    pain = [s for s in scores if "72514-3" in jpcore.loinc_of(s)]
    assert pain and {s["code"]["text"].split(": ")[1] for s in pain} == {"knee", "back"}


def test_the_patient_is_named_in_kanji_and_kana_with_the_birth_date_the_person_gave(
    bundle: dict[str, Any], year: Year
) -> None:
    (patient,) = resources(bundle, "Patient")
    by_kind = {n["extension"][0]["valueCode"]: n for n in patient["name"]}
    assert by_kind["IDE"]["text"] == year.link.name == "高橋 一郎"
    assert (by_kind["IDE"]["family"], by_kind["IDE"]["given"]) == ("高橋", ["一郎"])
    assert by_kind["SYL"]["text"] == year.link.name_kana
    assert patient["birthDate"] == "1956-04-01" and patient["gender"] == "female"
    (identifier,) = patient["identifier"]
    assert identifier["system"] == "urn:hizakoshi:clinic:YEAR01:patient"
    # Our own keyed id: neither the account's number nor the audit trail's reference.
    assert identifier["value"] not in (str(year.person.pk), str(year.person.log_ref))


def test_the_body_measurements_are_loinc_and_ucum_in_the_vital_signs_category(
    bundle: dict[str, Any],
) -> None:
    for weight in weights(bundle):
        assert weight["code"]["coding"][0] == {
            "system": "http://loinc.org",
            "code": "29463-7",
            "display": "Body weight",
        }
        quantity = weight["valueQuantity"]
        assert (quantity["system"], quantity["code"]) == ("http://unitsofmeasure.org", "kg")
        assert jpcore.body_measurement_problems(weight, {weight["subject"]["reference"]}) == []


# --- one test per JP Core rule: broken on purpose, each is reported -----------------------------


def broken(bundle: dict[str, Any], change: Any) -> list[str]:
    copied = copy.deepcopy(bundle)
    change(copied)
    return jpcore.bundle_problems(copied)


def _patient(b: dict[str, Any]) -> dict[str, Any]:
    return resources(b, "Patient")[0]


def _first_weight(b: dict[str, Any]) -> dict[str, Any]:
    return weights(b)[0]


def _first_score(b: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in resources(b, "Observation") if "derivedFrom" in r)


def test_rule_each_resource_names_its_jp_core_profile(bundle: dict[str, Any]) -> None:
    def drop(b: dict[str, Any]) -> None:
        _patient(b)["meta"]["profile"] = [
            "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient_old"
        ]

    assert broken(bundle, drop) == [f"Patient: meta.profile lacks {jpcore.JP_PATIENT}"]
    assert jpcore.JP_PATIENT == "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient"


def test_rule_a_body_measurement_names_both_its_jp_core_and_its_vital_signs_profile(
    bundle: dict[str, Any],
) -> None:
    def drop(b: dict[str, Any]) -> None:
        _first_weight(b)["meta"]["profile"] = [jpcore.JP_BODY_MEASUREMENT]

    assert broken(bundle, drop) == [f"Observation: meta.profile lacks {jpcore.HL7_BODY_WEIGHT}"]


def test_rule_jp_patient_needs_an_identifier(bundle: dict[str, Any]) -> None:
    assert "JP_Patient: identifier 1..* is missing" in broken(
        bundle, lambda b: _patient(b).pop("identifier")
    )


def test_rule_jp_patient_identifier_needs_its_value(bundle: dict[str, Any]) -> None:
    assert broken(bundle, lambda b: _patient(b)["identifier"][0].pop("value")) == [
        "JP_Patient: an identifier lacks its system or value"
    ]


def test_rule_each_name_says_whether_it_is_kanji_or_kana(bundle: dict[str, Any]) -> None:
    assert broken(bundle, lambda b: _patient(b)["name"][1].pop("extension")) == [
        "JP_HumanName: NameRepresentationUse (IDE or SYL) 1..* is missing"
    ]


def test_rule_jp_patient_has_a_name_in_kanji(bundle: dict[str, Any]) -> None:
    def kana_only(b: dict[str, Any]) -> None:
        _patient(b)["name"] = _patient(b)["name"][1:]

    assert broken(bundle, kana_only) == ["JP_Patient: no name in kanji (IDE)"]


def test_rule_body_measurement_category_body_measurement(bundle: dict[str, Any]) -> None:
    def drop(b: dict[str, Any]) -> None:
        _first_weight(b)["category"] = _first_weight(b)["category"][1:]

    assert broken(bundle, drop) == [
        "JP_Observation_BodyMeasurement: category body-measurement is missing"
    ]


def test_rule_body_measurement_category_vital_signs(bundle: dict[str, Any]) -> None:
    def drop(b: dict[str, Any]) -> None:
        category = _first_weight(b)["category"]
        _first_weight(b)["category"] = [c for c in category if "vital-signs" not in json.dumps(c)]

    assert broken(bundle, drop) == ["vital signs profile: category vital-signs is missing"]


def test_rule_body_measurement_category_weight_or_height(bundle: dict[str, Any]) -> None:
    def drop(b: dict[str, Any]) -> None:
        _first_weight(b)["category"] = _first_weight(b)["category"][:2]

    assert broken(bundle, drop) == ["JP_Observation_BodyMeasurement: category weight is missing"]


def test_rule_body_weight_is_in_ucum_kilograms(bundle: dict[str, Any]) -> None:
    def pounds(b: dict[str, Any]) -> None:
        _first_weight(b)["valueQuantity"] |= {"code": "[lb_av]", "unit": "lb"}

    assert broken(bundle, pounds) == ["vital signs profile: valueQuantity is not UCUM kg"]


def test_rule_body_height_is_in_ucum_centimetres(bundle: dict[str, Any]) -> None:
    def metres(b: dict[str, Any]) -> None:
        height = next(r for r in resources(b, "Observation") if "8302-2" in jpcore.loinc_of(r))
        height["valueQuantity"] |= {"code": "m", "unit": "m"}

    assert broken(bundle, metres) == ["vital signs profile: valueQuantity is not UCUM cm"]


def test_rule_body_measurement_is_about_the_bundles_patient(bundle: dict[str, Any]) -> None:
    def elsewhere(b: dict[str, Any]) -> None:
        _first_weight(b)["subject"] = {"reference": "Patient/someone-else"}

    assert broken(bundle, elsewhere) == [
        "JP_Observation_BodyMeasurement: subject is not the bundle's JP_Patient"
    ]


def test_rule_body_measurement_has_its_time(bundle: dict[str, Any]) -> None:
    assert broken(bundle, lambda b: _first_weight(b).pop("effectiveDateTime")) == [
        "JP_Observation_BodyMeasurement: effective[x] is missing"
    ]


def test_rule_a_score_is_derived_from_a_response_in_the_bundle(bundle: dict[str, Any]) -> None:
    def orphan(b: dict[str, Any]) -> None:
        _first_score(b)["derivedFrom"] = [{"reference": "urn:uuid:nowhere"}]

    assert broken(bundle, orphan) == [
        "score: derivedFrom does not name a QuestionnaireResponse of the bundle"
    ]


def test_rule_a_score_is_a_survey_observation(bundle: dict[str, Any]) -> None:
    assert broken(bundle, lambda b: _first_score(b).pop("category")) == [
        "score: category survey is missing"
    ]


def test_rule_the_bundle_has_one_patient(bundle: dict[str, Any]) -> None:
    def twice(b: dict[str, Any]) -> None:
        b["entry"].append(copy.deepcopy(b["entry"][0]) | {"fullUrl": "urn:uuid:twin"})

    assert broken(bundle, twice) == ["the bundle needs exactly one JP_Patient"]


# --- through the page ---------------------------------------------------------------------------


def test_the_export_is_fhir_json_and_on_the_audit_trail_as_an_export(
    client: Client, year: Year
) -> None:
    staff_login(client, year.doctor)
    response = client.get(reverse("clinic:patient_fhir", kwargs={"person_id": year.person.pk}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert response["Content-Disposition"].startswith("attachment;")
    bundle = json.loads(response.content)
    assert bundle["resourceType"] == "Bundle" and jpcore.bundle_problems(bundle) == []
    event = AuditEvent.objects.get()
    assert (event.action, event.what, event.subject_ref) == (
        AuditAction.EXPORT,
        "fhir_bundle",
        year.person.log_ref,
    )
