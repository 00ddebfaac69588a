"""The JSON API contract: POST /api/v1/assessments, GET /api/v1/schema, the OpenAPI document."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate as validate_openapi

from answers import ANSWERS, STOPPED_EARLY
from hizakoshi.care.model import Assessment, Urgency
from hizakoshi.care.questions import (
    MSG_NOT_A_NUMBER,
    MSG_RANGE,
    MSG_UNKNOWN_FIELD,
    json_schema,
)
from hizakoshi.selfcheck.api import MSG_BAD_LANG, MSG_MALFORMED, MSG_TOO_LARGE

URL = "/api/v1/assessments"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture
def api_client() -> Client:
    # A script has no CSRF cookie; the endpoint must work without one.
    return Client(enforce_csrf_checks=True)


def post(client: Client, body: Any, query: str = "", raw: bytes | None = None) -> Any:
    data = raw if raw is not None else json.dumps(body)
    return client.post(URL + query, data=data, content_type="application/json")


@pytest.fixture(scope="module")
def openapi() -> dict[str, Any]:
    document: dict[str, Any] = Client().get("/api/v1/openapi.json").json()
    return document


def validator_for(openapi: dict[str, Any], component: str) -> jsonschema.Draft202012Validator:
    schema = {"$ref": f"#/components/schemas/{component}", "components": openapi["components"]}
    return jsonschema.Draft202012Validator(schema)


# --- POST /assessments -----------------------------------------------------------------------


def test_valid_answers_get_200_and_the_assessment_in_japanese(api_client: Client) -> None:
    response = post(api_client, ANSWERS)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    result = response.json()
    assert set(result) == set(Assessment.model_fields)
    assert result["triage"]["urgency"] in {u.value for u in Urgency}
    assert JAPANESE.search(result["disclaimer"])


def test_lang_en_gives_the_assessment_in_english(api_client: Client) -> None:
    result = post(api_client, ANSWERS, "?lang=en").json()
    assert not JAPANESE.search(result["disclaimer"])
    assert not JAPANESE.search(result["triage"]["headline"])


def test_an_emergency_is_a_normal_200_result(api_client: Client) -> None:
    response = post(api_client, ANSWERS | {"urgent_signs": ["leg_weakness"]})
    assert response.status_code == 200
    assert response.json()["triage"]["urgency"] == "emergency"


def test_an_out_of_range_answer_gets_422_with_the_field_in_japanese(api_client: Client) -> None:
    response = post(api_client, ANSWERS | {"age": 300})
    assert response.status_code == 422
    assert response.json() == {"errors": {"age": [MSG_RANGE.format(min="18", max="110").ja]}}


def test_field_errors_come_in_english_with_lang_en(api_client: Client) -> None:
    response = post(api_client, ANSWERS | {"age": 300, "shoe_size": 24}, "?lang=en")
    assert response.status_code == 422
    assert response.json() == {
        "errors": {
            "age": ["Please enter a number from 18 to 110."],
            "shoe_size": [MSG_UNKNOWN_FIELD.en],
        }
    }


def test_a_language_other_than_ja_or_en_gets_422_on_lang(api_client: Client) -> None:
    response = post(api_client, ANSWERS, "?lang=fr")
    assert response.status_code == 422
    assert response.json() == {"errors": {"lang": [MSG_BAD_LANG]}}


@pytest.mark.parametrize(
    "raw", [b'{"age": 68,', b"", b"not json", '{"sex": "女性"}'.encode("shift_jis")]
)
def test_a_body_that_is_not_json_gets_400(api_client: Client, raw: bytes) -> None:
    response = post(api_client, None, "?lang=en", raw=raw)
    assert response.status_code == 400
    assert response.json() == {"errors": {"__all__": [MSG_MALFORMED.en]}}


def test_deeply_nested_json_gets_400_not_500(api_client: Client) -> None:
    response = post(api_client, None, raw=b"[" * 100_000)
    assert response.status_code == 400


def test_a_number_too_long_to_read_gets_400_not_500(api_client: Client) -> None:
    response = post(api_client, None, raw=b'{"age": ' + b"9" * 5000 + b"}")
    assert response.status_code == 400


def test_nan_is_not_a_number(api_client: Client) -> None:
    raw = json.dumps(ANSWERS | {"knee_pain": 0}).replace('"knee_pain": 0', '"knee_pain": NaN')
    response = post(api_client, None, "?lang=en", raw=raw.encode())
    assert response.status_code == 422
    assert response.json() == {"errors": {"knee_pain": [MSG_NOT_A_NUMBER.en]}}


@pytest.mark.parametrize("body", [[1, 2], "answers", 42, None])
def test_json_that_is_not_an_object_gets_422(api_client: Client, body: Any) -> None:
    response = post(api_client, body, "?lang=en")
    assert response.status_code == 422
    assert response.json() == {"errors": {"__all__": ["A JSON object is required."]}}


def test_a_body_over_the_upload_limit_gets_413(api_client: Client, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = post(api_client, ANSWERS, "?lang=en")
    assert response.status_code == 413
    assert response.json() == {"errors": {"__all__": [MSG_TOO_LARGE.en]}}


def test_get_on_the_assessments_url_is_405(api_client: Client) -> None:
    assert api_client.get(URL).status_code == 405


@pytest.mark.django_db
def test_nothing_is_stored_and_no_cookie_is_set(api_client: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        ok = post(api_client, ANSWERS)
        bad = post(api_client, ANSWERS | {"age": 300})
    assert (ok.status_code, bad.status_code) == (200, 422)
    writes = [q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.I)]
    assert writes == []
    assert not ok.cookies
    assert not bad.cookies


# --- GET /schema -----------------------------------------------------------------------------


def test_the_schema_endpoint_returns_the_answers_schema(api_client: Client) -> None:
    response = api_client.get("/api/v1/schema")
    assert response.status_code == 200
    assert response.json() == json_schema()


# --- OpenAPI ---------------------------------------------------------------------------------


def test_the_openapi_document_is_valid(openapi: dict[str, Any]) -> None:
    validate_openapi(openapi)


def test_openapi_describes_the_body_with_the_real_answers_schema(openapi: dict[str, Any]) -> None:
    operation = openapi["paths"]["/api/v1/assessments"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Answers"}
    documented = openapi["components"]["schemas"]["Answers"]
    assert documented == {k: v for k, v in json_schema().items() if k != "$schema"}


def test_openapi_documents_lang_as_ja_or_en(openapi: dict[str, Any]) -> None:
    operation = openapi["paths"]["/api/v1/assessments"]["post"]
    (lang,) = [p for p in operation["parameters"] if p["name"] == "lang"]
    assert lang["in"] == "query"
    assert lang["schema"]["enum"] == ["ja", "en"]
    assert set(operation["responses"]) == {"200", "400", "413", "422"}


def test_a_real_response_matches_the_documented_assessment_schema(
    openapi: dict[str, Any], api_client: Client
) -> None:
    validator = validator_for(openapi, "Assessment")
    for answers in (ANSWERS, ANSWERS | {"urgent_signs": ["leg_weakness"]}):
        for lang in ("ja", "en"):
            validator.validate(post(api_client, answers, f"?lang={lang}").json())


def test_the_documented_assessment_has_no_bilingual_pairs_left(openapi: dict[str, Any]) -> None:
    # After localization a Text is a plain string; a {ja, en} object in the schema would lie.
    assert "Text" not in openapi["components"]["schemas"]
    validator = validator_for(openapi, "Assessment")
    unlocalized = post(Client(), ANSWERS).json() | {"disclaimer": {"ja": "x", "en": "y"}}
    assert not validator.is_valid(unlocalized)


def test_error_bodies_match_the_documented_errors_schema(
    openapi: dict[str, Any], api_client: Client
) -> None:
    validator = validator_for(openapi, "Errors")
    validator.validate(post(api_client, ANSWERS | {"age": 300}).json())
    validator.validate(post(api_client, None, raw=b"{").json())
    validator.validate(post(api_client, ANSWERS, "?lang=xx").json())


def test_the_openapi_document_is_valid_json_schema_for_the_answers(
    openapi: dict[str, Any],
) -> None:
    validator = validator_for(openapi, "Answers")
    assert validator.is_valid(ANSWERS)
    assert not validator.is_valid(ANSWERS | {"age": 300})


def test_no_docs_page_that_would_load_third_party_scripts(api_client: Client) -> None:
    assert api_client.get("/api/v1/docs").status_code == 404


# --- urgent results: same day, paused self-care, stopping early ------------------------------


def test_fever_with_back_pain_is_a_same_day_result_with_self_care_paused(
    api_client: Client,
) -> None:
    data = post(api_client, ANSWERS | {"other_signs": ["fever_back"]}, "?lang=en").json()
    assert data["triage"]["urgency"] == "same_day"
    assert data["triage"]["self_care_paused"] is True
    assert data["triage"]["for_doctor"]
    assert (data["pattern"], data["priority"], data["plan"], data["weight"]) == (None,) * 4
    assert (data["thermal"], data["tips"], data["education"]) == ([], [], [])


def test_answers_that_stop_after_a_saddle_numbness_sign_get_the_emergency_result(
    api_client: Client,
) -> None:
    data = post(api_client, STOPPED_EARLY, "?lang=ja").json()
    assert data["triage"]["urgency"] == "emergency"
    assert data["answers_complete"] is False
    assert data["plan"] is None


def test_answers_that_stop_early_without_an_urgent_sign_are_still_incomplete(
    api_client: Client,
) -> None:
    response = post(api_client, STOPPED_EARLY | {"urgent_signs": ["none"]}, "?lang=en")
    assert response.status_code == 422
    assert "knee_pain" in response.json()["errors"]


def test_the_documented_urgency_includes_the_same_day_level(openapi: dict[str, Any]) -> None:
    urgency = openapi["components"]["schemas"]["Urgency"]
    assert urgency["enum"] == [u.value for u in Urgency]
    assert "same_day" in urgency["enum"]


def test_the_documented_assessment_allows_a_paused_result_without_pattern_plan_or_weight(
    openapi: dict[str, Any], api_client: Client
) -> None:
    assessment = openapi["components"]["schemas"]["Assessment"]["properties"]
    for name in ("pattern", "priority", "plan", "weight"):
        assert {"type": "null"} in assessment[name]["anyOf"], name
    validator = validator_for(openapi, "Assessment")
    for answers in (ANSWERS | {"other_signs": ["fever_back"]}, STOPPED_EARLY):
        for lang in ("ja", "en"):
            validator.validate(post(api_client, answers, f"?lang={lang}").json())


def test_the_answers_schema_says_the_rest_may_be_left_out_after_an_urgent_sign(
    api_client: Client,
) -> None:
    schema = api_client.get("/api/v1/schema").json()
    assert "same-day" in schema["description"]
    assert "may be left out" in schema["description"]
