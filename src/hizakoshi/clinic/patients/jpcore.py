"""The JP Core profile rules the clinic's FHIR export relies on, as plain checks.

fhir.resources validates the shape of every resource (R4B models); it knows nothing of JP Core.
These checks cover the profile rules our Bundle claims in meta.profile, so that a broken export
is a bug caught before it is downloaded, never a file a clinic system refuses.

Followed: JP Core Implementation Guide v1.1.2 (JAMI NeXEHRS 課題研究会 HL7 FHIR 日本実装検討WG,
2023-09-09, canonical http://jpfhir.jp/fhir/core, FHIR 4.0.1), as written in the profiles'
FSH sources (github.com/jami-fhir-jp-wg/jp-core-v1x, input/fsh/profiles/: JP_Patient.fsh,
JP_HumanName.fsh, JP_Observation_Common.fsh, JP_Observation_BodyMeasurement.fsh):
- JP_Patient: identifier 1..*, each with a value (identifier.value 1..1); name only
  JP_HumanName, whose iso21090-EN-representation extension (NameRepresentationUse) is 1..*:
  IDE for the name in kanji, SYL for the name in kana (JP Core's guidance on 漢字氏名/カナ氏名).
- JP_Observation_BodyMeasurement: category 1..* (JP_ObservationBodyMeasurementCategory_VS,
  preferred: weight, height); later JP Core drafts fix one category to
  JP_SimpleObservationCategory_CS#body-measurement, which we carry as well; subject 1..1, a
  Patient; effective[x] dateTime or Period.
- The FHIR R4 core specification requires its vital signs profiles for body weight (LOINC
  29463-7) and body height (LOINC 8302-2): category vital-signs and a UCUM quantity (kg, cm). So
  these observations also name http://hl7.org/fhir/StructureDefinition/bodyweight or bodyheight.
- Scores: JP Core has no questionnaire-score profile; they are JP_Observation_Common
  observations, category survey, whose derivedFrom (allowed to name a QuestionnaireResponse)
  points at the response they were scored from. QuestionnaireResponse has no JP Core profile:
  its meta.profile names the base definition.
- Daily pain from the diary: JP Core has no profile for a pain rating either (its vital signs
  and physical exam profiles are a clinician's measurements and findings), so like the scores
  they are JP_Observation_Common observations in category survey: one per diary day and body
  site, LOINC 72514-3 (a 0-10 numeric pain rating the person reported: what the diary asks),
  valueInteger within the series' scale (journey.yaml: 0-10), bodySite the site in words and,
  where the clinic holds a SNOMED CT licence, its body structure code (PAIN_SITES),
  effectiveDateTime the diary day. They come from the
  person's own diary, not from a questionnaire, so they have no derivedFrom; our own coding (the
  person's export's: the diary's field) says which diary question it answers.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from hizakoshi.care.journey.content import SeriesId, series_rule
from hizakoshi.journey.me.fhir import CODE_SYSTEM as DIARY_SYSTEM
from hizakoshi.journey.me.fhir import PAIN_SEVERITY

JP_CORE = "http://jpfhir.jp/fhir/core"
JP_PATIENT = f"{JP_CORE}/StructureDefinition/JP_Patient"
JP_OBSERVATION_COMMON = f"{JP_CORE}/StructureDefinition/JP_Observation_Common"
JP_BODY_MEASUREMENT = f"{JP_CORE}/StructureDefinition/JP_Observation_BodyMeasurement"
JP_SIMPLE_CATEGORY = f"{JP_CORE}/CodeSystem/JP_SimpleObservationCategory_CS"
JP_BODY_CATEGORY = f"{JP_CORE}/CodeSystem/JP_ObservationBodyMeasurementCategory_CS"
HL7_BODY_WEIGHT = "http://hl7.org/fhir/StructureDefinition/bodyweight"
HL7_BODY_HEIGHT = "http://hl7.org/fhir/StructureDefinition/bodyheight"
HL7_QUESTIONNAIRE_RESPONSE = "http://hl7.org/fhir/StructureDefinition/QuestionnaireResponse"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
NAME_REPRESENTATION = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
SNOMED = "http://snomed.info/sct"

# LOINC code -> (the HL7 vital signs profile, the UCUM unit we send, JP Core's body category)
BODY_MEASURES: dict[str, tuple[str, str, str]] = {
    "29463-7": (HL7_BODY_WEIGHT, "kg", "weight"),
    "8302-2": (HL7_BODY_HEIGHT, "cm", "height"),
}

# The diary's pain series -> the SNOMED CT body structure it rates (code, the concept's preferred
# term) and the site in words. SNOMED CT International Edition concepts: 6757004 |Structure of
# right knee region (body structure)|, 82169009 |Structure of left knee region (body structure)|,
# 37822005 |Lower back structure (body structure)| (its older name: "Structure of back of
# abdominopelvic segment of trunk"). Checked against SNOMED International's editorial guide (body
# structure modelling names 37822005 so), HL7's Symptoms guide (low back pain, 279039007, has its
# site coded 37822005) and published FHIR body-site value sets (the two knee regions). The knee
# "region", not the joint: the diary asks where it hurts, in and around the knee.
# Licence: SNOMED CT is free only in SNOMED International's member countries (Japan's standing
# is for the clinic to check), and JP Core's 利用上の注意事項 (用語ライセンス) leaves such terms'
# licence to the user. So the codes are sent only where the clinic says it holds a licence
# (HIZAKOSHI_FHIR_SNOMED, off by default); each site is always in words (bodySite.text), and the
# observation's code carries our own coding of the diary question.
PAIN_SITES: dict[SeriesId, tuple[str, str, str]] = {
    "knee_pain_right": ("6757004", "Structure of right knee region", "右膝"),
    "knee_pain_left": ("82169009", "Structure of left knee region", "左膝"),
    "back_pain": ("37822005", "Lower back structure", "腰"),
}
PAIN_LOINC = PAIN_SEVERITY["code"]  # 72514-3, as the person's own export and the NRS scores


def _codings(concepts: object) -> list[dict[str, Any]]:
    items = concepts if isinstance(concepts, list) else [concepts]
    return [
        c
        for cc in items
        if isinstance(cc, dict)
        for c in cc.get("coding", [])
        if isinstance(c, dict)
    ]


def _has(concepts: object, system: str, code: str) -> bool:
    return any(c.get("system") == system and c.get("code") == code for c in _codings(concepts))


def loinc_of(resource: dict[str, Any]) -> set[str]:
    return {c["code"] for c in _codings(resource.get("code")) if c.get("system") == LOINC}


def diary_pain_of(resource: dict[str, Any]) -> SeriesId | None:
    """The diary pain series an observation rates (our own coding of its code), else None."""
    codings = _codings(resource.get("code"))
    codes = [c.get("code") for c in codings if c.get("system") == DIARY_SYSTEM]
    return next((sid for sid in PAIN_SITES if sid in codes), None)


def expected_profiles(resource: dict[str, Any]) -> set[str]:
    """The profiles a resource of ours must name in meta.profile."""
    kind = resource.get("resourceType")
    if kind == "Patient":
        return {JP_PATIENT}
    if kind == "QuestionnaireResponse":
        return {HL7_QUESTIONNAIRE_RESPONSE}
    if kind == "Observation":
        measured = loinc_of(resource) & set(BODY_MEASURES)
        if measured:
            return {JP_BODY_MEASUREMENT, *(BODY_MEASURES[code][0] for code in measured)}
        return {JP_OBSERVATION_COMMON}
    return set()


def profile_problems(resource: dict[str, Any]) -> list[str]:
    named = set((resource.get("meta") or {}).get("profile") or [])
    wanted = expected_profiles(resource)
    if not wanted:
        return [f"{resource.get('resourceType')}: not a resource this export makes"]
    missing = sorted(wanted - named)
    return [f"{resource['resourceType']}: meta.profile lacks {url}" for url in missing]


def patient_problems(patient: dict[str, Any]) -> list[str]:
    found = []
    identifiers = patient.get("identifier") or []
    if not identifiers:
        found.append("JP_Patient: identifier 1..* is missing")
    if any(not i.get("system") or not i.get("value") for i in identifiers):
        found.append("JP_Patient: an identifier lacks its system or value")
    names = patient.get("name") or []
    if not names:
        found.append("JP_Patient: no name")
    kinds = []
    for name in names:
        codes = [
            e.get("valueCode")
            for e in name.get("extension") or []
            if e.get("url") == NAME_REPRESENTATION
        ]
        if not codes or any(code not in ("IDE", "SYL") for code in codes):
            found.append("JP_HumanName: NameRepresentationUse (IDE or SYL) 1..* is missing")
        if not (name.get("text") or name.get("family")):
            found.append("JP_HumanName: a name without text or family")
        kinds += codes
    if "IDE" not in kinds:
        found.append("JP_Patient: no name in kanji (IDE)")
    return found


def body_measurement_problems(observation: dict[str, Any], patients: set[str]) -> list[str]:
    found = []
    measured = loinc_of(observation) & set(BODY_MEASURES)
    if len(measured) != 1:
        return ["JP_Observation_BodyMeasurement: code is not LOINC 29463-7 or 8302-2"]
    _, unit, body_category = BODY_MEASURES[measured.pop()]
    category = observation.get("category")
    if not _has(category, JP_SIMPLE_CATEGORY, "body-measurement"):
        found.append("JP_Observation_BodyMeasurement: category body-measurement is missing")
    if not _has(category, JP_BODY_CATEGORY, body_category):
        found.append(f"JP_Observation_BodyMeasurement: category {body_category} is missing")
    if not _has(category, OBSERVATION_CATEGORY, "vital-signs"):
        found.append("vital signs profile: category vital-signs is missing")
    quantity = observation.get("valueQuantity") or {}
    if quantity.get("system") != UCUM or quantity.get("code") != unit:
        found.append(f"vital signs profile: valueQuantity is not UCUM {unit}")
    if not isinstance(quantity.get("value"), int | float):
        found.append("vital signs profile: valueQuantity has no value")
    if (observation.get("subject") or {}).get("reference") not in patients:
        found.append("JP_Observation_BodyMeasurement: subject is not the bundle's JP_Patient")
    if "effectiveDateTime" not in observation and "effectivePeriod" not in observation:
        found.append("JP_Observation_BodyMeasurement: effective[x] is missing")
    return found


def score_problems(
    observation: dict[str, Any], responses: set[str], patients: set[str]
) -> list[str]:
    found = []
    if not _has(observation.get("category"), OBSERVATION_CATEGORY, "survey"):
        found.append("score: category survey is missing")
    sources = [d.get("reference") for d in observation.get("derivedFrom") or []]
    if not sources or any(s not in responses for s in sources):
        found.append("score: derivedFrom does not name a QuestionnaireResponse of the bundle")
    if (observation.get("subject") or {}).get("reference") not in patients:
        found.append("score: subject is not the bundle's JP_Patient")
    return found


def body_site(series: SeriesId) -> dict[str, Any]:
    """Where the pain of `series` is: in Japanese words, and in SNOMED CT only where the clinic
    holds the licence (settings.HIZAKOSHI_FHIR_SNOMED)."""
    code, display, words = PAIN_SITES[series]
    if not settings.HIZAKOSHI_FHIR_SNOMED:
        return {"text": words}
    return {"coding": [{"system": SNOMED, "code": code, "display": display}], "text": words}


def daily_pain_problems(observation: dict[str, Any], patients: set[str]) -> list[str]:
    found = []
    series = diary_pain_of(observation)
    if series is None:
        return ["daily pain: code does not name a diary pain question"]
    if PAIN_LOINC not in loinc_of(observation):
        found.append(f"daily pain: code is not LOINC {PAIN_LOINC}")
    code, _, words = PAIN_SITES[series]
    body = observation.get("bodySite") or {}
    sites = [c.get("code") for c in _codings(body) if c.get("system") == SNOMED]
    if body.get("text") != words:
        found.append(f"daily pain: bodySite.text is not {words} ({series})")
    if not settings.HIZAKOSHI_FHIR_SNOMED and sites:
        found.append("daily pain: bodySite has SNOMED CT codes, off here (HIZAKOSHI_FHIR_SNOMED)")
    elif settings.HIZAKOSHI_FHIR_SNOMED and sites != [code]:
        found.append(f"daily pain: bodySite is not SNOMED CT {code} ({series})")
    value = observation.get("valueInteger")
    low, high = series_rule(series).scale  # the diary's own 0-10 (journey.yaml)
    if not (
        isinstance(value, int)
        and not isinstance(value, bool)
        and (low is None or low <= value)
        and (high is None or value <= high)
    ):
        found.append(f"daily pain: valueInteger is not a whole number from {low:g} to {high:g}")
    if not _has(observation.get("category"), OBSERVATION_CATEGORY, "survey"):
        found.append("daily pain: category survey is missing")
    if observation.get("status") != "final":
        found.append("daily pain: status is not final")
    if (observation.get("subject") or {}).get("reference") not in patients:
        found.append("daily pain: subject is not the bundle's JP_Patient")
    if not observation.get("effectiveDateTime"):
        found.append("daily pain: effectiveDateTime (the diary day) is missing")
    return found


def bundle_problems(bundle: dict[str, Any]) -> list[str]:
    """Every JP Core rule above, over every entry of the Bundle; [] when it holds."""
    entries = [e for e in bundle.get("entry") or [] if isinstance(e, dict)]
    by_kind: dict[str, set[str]] = {}
    for entry in entries:
        kind = str((entry.get("resource") or {}).get("resourceType"))
        by_kind.setdefault(kind, set()).add(str(entry.get("fullUrl")))
    patients = by_kind.get("Patient", set())
    responses = by_kind.get("QuestionnaireResponse", set())
    found = [] if len(patients) == 1 else ["the bundle needs exactly one JP_Patient"]
    for entry in entries:
        resource = entry.get("resource") or {}
        found += profile_problems(resource)
        if resource.get("resourceType") == "Patient":
            found += patient_problems(resource)
        elif resource.get("resourceType") == "Observation":
            if loinc_of(resource) & set(BODY_MEASURES):
                found += body_measurement_problems(resource, patients)
            elif diary_pain_of(resource) is not None:
                found += daily_pain_problems(resource, patients)
            else:
                found += score_problems(resource, responses, patients)
    return found
