"""The person's data as a FHIR R4B Bundle (a "collection"): a QuestionnaireResponse for each
self-check and outcome questionnaire, an Observation for each diary value, a CarePlan for each
plan row and a Communication for each clinic's note (fhir_plan.py). Built as plain data
and checked against the R4B models of fhir.resources before it is returned."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from hizakoshi.accounts.models import User
from hizakoshi.journey.me.fhir_plan import note_entries, plan_entries
from hizakoshi.journey.models import Assessment, DiaryEntry, OutcomeResponse, ResumeRecord

LOINC = "http://loinc.org"


UCUM = "http://unitsofmeasure.org"


# Our own items have no standard code: they are coded in our own, clearly named system.
CODE_SYSTEM = "urn:hizakoshi:codesystem:journey"


QUESTIONNAIRE = "urn:hizakoshi:questionnaire:{name}"


PAIN_SEVERITY = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}


BODY_WEIGHT = {"system": LOINC, "code": "29463-7", "display": "Body weight"}


STEPS = {"system": LOINC, "code": "41950-7", "display": "Number of steps in 24 hour Measured"}


# Diary fields with a 0-10 pain score, and the site they are about.
PAIN_FIELDS = {
    "knee_pain_left": "left knee",
    "knee_pain_right": "right knee",
    "back_pain": "lower back",
    "walking_pain": "while walking",
}


OTHER_FIELDS = {
    "morning_stiffness_min": ("min", "morning stiffness, minutes"),
    "walking_minutes": ("min", "walking, minutes a day"),
}


def _ref(namespace: uuid.UUID, kind: str, pk: int, extra: str = "") -> str:
    # Stable ids: exporting twice gives the same fullUrls, so a receiver can see duplicates.
    return f"urn:uuid:{uuid.uuid5(namespace, f'{kind}:{pk}:{extra}')}"


def _answer(value: Any) -> list[dict[str, Any]]:
    values = value if isinstance(value, list) else [value]
    out: list[dict[str, Any]] = []
    for v in values:
        if isinstance(v, bool):
            out.append({"valueBoolean": v})
        elif isinstance(v, int):
            out.append({"valueInteger": v})
        elif isinstance(v, float | Decimal):
            out.append({"valueDecimal": float(v)})
        elif v is not None:
            out.append({"valueString": str(v)})
    return out


def _questionnaire_response(
    subject: str, name: str, authored: datetime | date, answers: dict[str, Any]
) -> dict[str, Any]:
    items = [
        {"linkId": key, "answer": _answer(value)}
        for key, value in answers.items()
        if _answer(value)
    ]
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": QUESTIONNAIRE.format(name=name),
        "subject": {"reference": subject},
        "authored": authored.isoformat(),
        "item": items,
    }


def _observation(
    subject: str, day: date, coding: list[dict[str, str]], text: str, value: dict[str, Any]
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": coding, "text": text},
        "subject": {"reference": subject},
        "effectiveDateTime": day.isoformat(),
        **value,
    }


def _diary_observations(subject: str, entry: DiaryEntry) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    for field, site in PAIN_FIELDS.items():
        score = getattr(entry, field)
        if score is not None:
            coding = [PAIN_SEVERITY, {"system": CODE_SYSTEM, "code": field}]
            found.append(
                (
                    field,
                    _observation(
                        subject, entry.day, coding, f"pain, {site}", {"valueInteger": score}
                    ),
                )
            )
    if entry.weight_kg is not None:
        quantity = {"value": float(entry.weight_kg), "unit": "kg", "system": UCUM, "code": "kg"}
        found.append(
            (
                "weight",
                _observation(
                    subject, entry.day, [BODY_WEIGHT], "body weight", {"valueQuantity": quantity}
                ),
            )
        )
    if entry.steps is not None:
        quantity = {"value": entry.steps, "unit": "steps/day", "system": UCUM, "code": "/d"}
        found.append(
            (
                "steps",
                _observation(subject, entry.day, [STEPS], "steps", {"valueQuantity": quantity}),
            )
        )
    for field, (unit, text) in OTHER_FIELDS.items():
        minutes = getattr(entry, field)
        if minutes is not None:
            quantity = {"value": minutes, "unit": unit, "system": UCUM, "code": "min"}
            coding = [{"system": CODE_SYSTEM, "code": field}]
            found.append(
                (field, _observation(subject, entry.day, coding, text, {"valueQuantity": quantity}))
            )
    return found


def export_fhir(*, person: User) -> dict[str, Any]:
    namespace = person.log_ref
    subject = _ref(namespace, "patient", person.pk)
    entries: list[dict[str, Any]] = [
        {
            "fullUrl": subject,
            "resource": {
                "resourceType": "Patient",
                "telecom": [{"system": "email", "value": person.email}],
                "communication": [
                    {
                        "language": {
                            "coding": [{"system": "urn:ietf:bcp:47", "code": person.language}]
                        }
                    }
                ],
            },
        }
    ]
    for a in Assessment.objects.filter(person=person).order_by("created_at", "pk"):
        resource = _questionnaire_response(subject, "selfcheck", a.created_at, a.answers)
        entries.append({"fullUrl": _ref(namespace, "assessment", a.pk), "resource": resource})
    for o in OutcomeResponse.objects.filter(person=person).order_by("taken_on", "pk"):
        resource = _questionnaire_response(subject, o.instrument, o.taken_on, o.answers)
        entries.append({"fullUrl": _ref(namespace, "outcome", o.pk), "resource": resource})
    for entry in DiaryEntry.objects.filter(person=person).order_by("day"):
        for key, resource in _diary_observations(subject, entry):
            entries.append(
                {"fullUrl": _ref(namespace, "diary", entry.pk, key), "resource": resource}
            )
    for r in ResumeRecord.objects.filter(person=person).order_by("seen_on", "pk"):
        # The person's own record that a doctor saw them and said they may resume self-care.
        coding = [{"system": CODE_SYSTEM, "code": "resumed_after_doctor_visit"}]
        text = "seen by a doctor after a diary warning sign; may resume self-care"
        value: dict[str, Any] = {"valueBoolean": True}
        if r.note:
            value["note"] = [{"text": r.note}]
        resource = _observation(subject, r.seen_on, coding, text, value)
        entries.append({"fullUrl": _ref(namespace, "resume", r.pk), "resource": resource})
    ref = partial(_ref, namespace)
    entries += [*plan_entries(person, subject, ref), *note_entries(person, subject, ref)]
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    # Raises on anything R4B does not allow: a broken export is a bug, never a download.
    Bundle.model_validate(bundle)
    return bundle
