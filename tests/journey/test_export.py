"""A person can download everything they gave or were given; each download is logged."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from clinic.booking.factories import at, availability, booked, next_weekday
from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import Clinic, PatientStatus
from hizakoshi.journey.me.export import person_models
from hizakoshi.journey.me.fhir import CODE_SYSTEM
from hizakoshi.journey.models import DataLog
from journey.factories import with_records
from people import linked

pytestmark = pytest.mark.django_db


def test_the_json_export_holds_every_kind_of_record_and_only_the_person_s(
    client: Client, patient: User, other_patient: User, clinic: Clinic
) -> None:
    a, b = with_records(patient), with_records(other_patient, knee=2)
    # The clinic's rows about the person: the link they made and its status row.
    link = linked(a, clinic)
    PatientStatus.objects.get_or_create(
        link=link, defaults={"clinic": clinic, "person": a, "computed_at": timezone.now()}
    )
    made = booked(availability(clinic), at(next_weekday(), "09:00"), person=a, email=a.email)
    client.force_login(a)
    response = client.get("/me/export.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == a.email
    for model in person_models():
        assert data[model._meta.label_lower], f"{model._meta.label} is missing from the export"
    assert data["journey.diaryentry"][0]["notes"] == "階段がつらい"
    assert b.email not in response.content.decode()
    assert "token_hash" not in response.content.decode()
    assert data["clinic.booking"][0]["clinic_name"] == clinic.name
    assert made.booking.manage_nonce not in response.content.decode()
    assert "idempotency_key" not in response.content.decode()
    assert DataLog.objects.filter(subject_ref=a.log_ref, action="export_json").count() == 1


def test_the_fhir_export_is_a_valid_r4b_bundle_with_pain_and_weight(
    client: Client, patient: User
) -> None:
    a = with_records(patient)
    client.force_login(a)
    response = client.get("/me/export.fhir.json")
    assert response["Content-Type"].startswith("application/fhir+json")
    bundle = json.loads(response.content)
    Bundle.model_validate(bundle)
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("QuestionnaireResponse") == 2  # the self-check and the NRS
    codes = [
        (c["system"], c["code"])
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
        for c in e["resource"]["code"]["coding"]
    ]
    assert ("http://loinc.org", "72514-3") in codes
    assert ("http://loinc.org", "29463-7") in codes
    assert (CODE_SYSTEM, "knee_pain_left") in codes
    assert (CODE_SYSTEM, "knee_pain_right") not in codes  # that knee does not hurt
    assert DataLog.objects.filter(subject_ref=a.log_ref, action="export_fhir").count() == 1


def test_a_doctor_s_visit_recorded_to_resume_is_in_both_exports(
    client: Client, patient: User
) -> None:
    a = with_records(patient)
    client.force_login(a)
    data = json.loads(client.get("/me/export.json").content)
    (resume,) = data["journey.resumerecord"]
    assert resume["seen_on"] == "2025-03-05" and resume["note"] == "整形外科で診てもらった"
    bundle = json.loads(client.get("/me/export.fhir.json").content)
    codes = [
        c["code"] for e in bundle["entry"] for c in e["resource"].get("code", {}).get("coding", [])
    ]
    assert "resumed_after_doctor_visit" in codes
