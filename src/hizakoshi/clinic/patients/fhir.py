"""One linked patient's records as a FHIR Bundle ("collection") for the clinic's own systems, in
JP Core profiles (jpcore.py says which version and which rules, and checks them).

- JP_Patient: the name the person gave the clinic when linking, in kanji (IDE) and kana (SYL),
  the birth date, and an identifier of our own: a keyed hash of the clinic and the person, the
  same in every export to that clinic and linking to nothing else (not the account's id, not
  the log reference of the audit trail);
- JP_Observation_BodyMeasurement: body height (profile, else the latest self-check) and each
  weight in the diary;
- the daily pain from the diary: an Observation (JP_Observation_Common, LOINC 72514-3, the body
  site in SNOMED CT) for each day and site with a value, taken from the patient report's pain
  series (report.py `PatientReport.pain`), so the Bundle holds exactly the days and values the
  patient page and the PDF draw: every diary day from the first up to the report's day;
- QuestionnaireResponse for each self-check and each check-in questionnaire, as in the person's
  own export (journey/me/fhir.py), and an Observation for each score with `derivedFrom` its
  response.
Checked twice before it is returned: fhir.resources' R4B models (the shape; R4B and JP Core's R4
agree on these resources) and jpcore.bundle_problems (the profiles' rules). Either failing is a
bug: it raises, nothing is downloaded.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.crypto import salted_hmac
from fhir.resources.R4B.bundle import Bundle

from hizakoshi.care.instruments import instruments
from hizakoshi.care.journey.content import SeriesId
from hizakoshi.clinic.models import CareLink
from hizakoshi.clinic.patients import jpcore
from hizakoshi.clinic.patients.report import PatientReport
from hizakoshi.journey.checkins.views import SCORE_WORDS
from hizakoshi.journey.me.fhir import CODE_SYSTEM, PAIN_SEVERITY, _questionnaire_response
from hizakoshi.journey.models import Assessment, DiaryEntry, OutcomeResponse, Profile

# Our own codes, where no standard one exists for a score (KOOS-12 and the others).
SCORE_SYSTEM = "urn:hizakoshi:codesystem:score"
SEX = {"female": "female", "male": "male", "other": "unknown"}  # "other" = did not say


class ExportBroken(ValueError):
    """The Bundle broke a JP Core rule we rely on: a bug, never a download."""


def _namespace(link: CareLink) -> uuid.UUID:
    digest = salted_hmac(
        "hizakoshi.clinic.fhir-patient", f"{link.clinic_id}:{link.person.log_ref}"
    ).hexdigest()
    return uuid.UUID(hex=digest[:32])


def _ref(namespace: uuid.UUID, kind: str, key: object) -> str:
    # Stable: the same record exported twice has the same fullUrl, so a receiver sees repeats.
    return f"urn:uuid:{uuid.uuid5(namespace, f'{kind}:{key}')}"


def _human_name(text: str, representation: str) -> dict[str, Any]:
    parts = text.replace("\u3000", " ").split()
    name: dict[str, Any] = {
        "extension": [{"url": jpcore.NAME_REPRESENTATION, "valueCode": representation}],
        "use": "official",
        "text": text,
    }
    if len(parts) >= 2:  # 「佐藤 花子」: family name first, as the link form asks
        name["family"], name["given"] = parts[0], parts[1:]
    return name


def _patient(link: CareLink, namespace: uuid.UUID, sex: object) -> dict[str, Any]:
    names = [_human_name(link.name, "IDE")]
    if link.name_kana.strip():
        names.append(_human_name(link.name_kana, "SYL"))
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "meta": {"profile": [jpcore.JP_PATIENT]},
        "identifier": [
            {"system": f"urn:hizakoshi:clinic:{link.clinic.code}:patient", "value": str(namespace)}
        ],
        "name": names,
        "communication": [
            {"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": link.language}]}}
        ],
    }
    if link.birth_date is not None:
        patient["birthDate"] = link.birth_date.isoformat()
    if isinstance(sex, str) and sex in SEX:
        patient["gender"] = SEX[sex]  # as the person answered at the latest self-check
    return patient


def body_measurement(
    subject: str, loinc: str, value: float, when: date | datetime
) -> dict[str, Any]:
    profile, unit, category = jpcore.BODY_MEASURES[loinc]
    display = {"weight": ("Body weight", "体重"), "height": ("Body height", "身長")}[category]
    return {
        "resourceType": "Observation",
        "meta": {"profile": [jpcore.JP_BODY_MEASUREMENT, profile]},
        "status": "final",
        "category": [
            {"coding": [{"system": jpcore.JP_SIMPLE_CATEGORY, "code": "body-measurement"}]},
            {"coding": [{"system": jpcore.OBSERVATION_CATEGORY, "code": "vital-signs"}]},
            {"coding": [{"system": jpcore.JP_BODY_CATEGORY, "code": category}]},
        ],
        "code": {
            "coding": [{"system": jpcore.LOINC, "code": loinc, "display": display[0]}],
            "text": display[1],
        },
        "subject": {"reference": subject},
        "effectiveDateTime": when.isoformat(),
        "valueQuantity": {"value": value, "unit": unit, "system": jpcore.UCUM, "code": unit},
    }


def _height(link: CareLink) -> tuple[float, date | datetime] | None:
    profile = Profile.objects.filter(person=link.person).first()
    if profile is not None and profile.height_cm:
        return float(profile.height_cm), timezone.localdate(profile.updated_at)
    latest = Assessment.objects.filter(person=link.person).order_by("-created_at", "-pk").first()
    height = (latest.answers or {}).get("height_cm") if latest else None
    if latest is None or not isinstance(height, int | float):
        return None
    return float(height), latest.created_at


def daily_pain(subject: str, series: SeriesId, day: date, value: float) -> dict[str, Any]:
    """One diary day's pain at one site, as the person rated it (0-10)."""
    if not float(value).is_integer():
        raise ExportBroken(f"daily pain: {series} on {day} is not a whole number")
    words = jpcore.PAIN_SITES[series][2]
    return {
        "resourceType": "Observation",
        "meta": {"profile": [jpcore.JP_OBSERVATION_COMMON]},
        "status": "final",
        "category": [{"coding": [{"system": jpcore.OBSERVATION_CATEGORY, "code": "survey"}]}],
        "code": {
            "coding": [PAIN_SEVERITY, {"system": CODE_SYSTEM, "code": series}],
            "text": f"痛みの強さ(0-10): {words}",
        },
        "subject": {"reference": subject},
        "effectiveDateTime": day.isoformat(),
        "bodySite": jpcore.body_site(series),
        "valueInteger": int(value),
    }


def _daily_pains(namespace: uuid.UUID, subject: str, report: PatientReport) -> list[dict[str, Any]]:
    # By day, then site in PAIN_SITES' order (right knee, left knee, low back).
    order = {series: i for i, series in enumerate(jpcore.PAIN_SITES)}
    unknown = {row.id for row in report.pain} - set(order)
    if unknown:
        raise ExportBroken(f"daily pain: no body site for {sorted(unknown)}")
    days = sorted(
        (p.day, order[row.id], row.id, p.value) for row in report.pain for p in row.points
    )
    return [
        {
            "fullUrl": _ref(namespace, "pain", f"{series}:{day.isoformat()}"),
            "resource": daily_pain(subject, series, day, value),
        }
        for day, _, series, value in days
    ]


def _score(
    subject: str, source: str, row: OutcomeResponse, key: str, value: float
) -> dict[str, Any]:
    name = instruments()[row.instrument].name.ja
    coding = [{"system": SCORE_SYSTEM, "code": f"{row.instrument}.{key}"}]
    region = row.scores.get("region") if isinstance(row.scores, dict) else None
    if row.instrument == "nrs":
        coding.insert(0, PAIN_SEVERITY)
    return {
        "resourceType": "Observation",
        "meta": {"profile": [jpcore.JP_OBSERVATION_COMMON]},
        "status": "final",
        "category": [{"coding": [{"system": jpcore.OBSERVATION_CATEGORY, "code": "survey"}]}],
        "code": {"coding": coding, "text": f"{name}: {region or key}"},
        "subject": {"reference": subject},
        "effectiveDateTime": row.taken_on.isoformat(),
        "valueQuantity": {"value": value, "system": jpcore.UCUM, "code": "{score}"},
        "derivedFrom": [{"reference": source}],
    }


def _responses(namespace: uuid.UUID, subject: str, link: CareLink) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    meta = {"meta": {"profile": [jpcore.HL7_QUESTIONNAIRE_RESPONSE]}}
    for a in Assessment.objects.filter(person=link.person).order_by("created_at", "pk"):
        resource = _questionnaire_response(subject, "selfcheck", a.created_at, a.answers)
        found.append({"fullUrl": _ref(namespace, "assessment", a.pk), "resource": meta | resource})
    for row in OutcomeResponse.objects.filter(person=link.person).order_by("taken_on", "pk"):
        source = _ref(namespace, "outcome", row.pk)
        resource = _questionnaire_response(subject, row.instrument, row.taken_on, row.answers)
        found.append({"fullUrl": source, "resource": meta | resource})
        scores = row.scores if isinstance(row.scores, dict) else {}
        for key in SCORE_WORDS.get(row.instrument, {}):
            value = scores.get(key)
            if isinstance(value, int | float) and not isinstance(value, bool):
                found.append(
                    {
                        "fullUrl": _ref(namespace, "score", f"{row.pk}:{key}"),
                        "resource": _score(subject, source, row, key, float(value)),
                    }
                )
    return found


def patient_bundle(*, link: CareLink, report: PatientReport) -> dict[str, Any]:
    """The Bundle for `link`'s clinic, with the diary pain of `report` (the patient report of
    the same link: selectors.patient_report). Raises ExportBroken (a JP Core rule) or a pydantic
    ValidationError (R4B) for a Bundle that must not leave the site."""
    if report.patient.person_id != link.person_id:
        raise ExportBroken("the report is not about the linked person")
    namespace = _namespace(link)
    subject = _ref(namespace, "patient", link.person_id)
    latest = Assessment.objects.filter(person=link.person).order_by("-created_at", "-pk").first()
    sex = (latest.answers or {}).get("sex") if latest else None
    entries: list[dict[str, Any]] = [
        {"fullUrl": subject, "resource": _patient(link, namespace, sex)}
    ]
    height = _height(link)
    if height is not None:
        resource = body_measurement(subject, "8302-2", *height)
        entries.append({"fullUrl": _ref(namespace, "height", 0), "resource": resource})
    weights = DiaryEntry.objects.filter(person=link.person, weight_kg__isnull=False)
    for pk, day, kg in weights.order_by("day").values_list("pk", "day", "weight_kg"):
        if kg is not None:
            resource = body_measurement(subject, "29463-7", float(kg), day)
            entries.append({"fullUrl": _ref(namespace, "weight", pk), "resource": resource})
    entries += _daily_pains(namespace, subject, report)
    entries += _responses(namespace, subject, link)
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timezone.now().isoformat(),
        "entry": entries,
    }
    problems = jpcore.bundle_problems(bundle)
    if problems:
        raise ExportBroken("; ".join(problems))
    Bundle.model_validate(bundle)
    return bundle
