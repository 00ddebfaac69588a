"""JSON API for the self-check, mounted at /api/v1/ by site/urls.py.

The body is a free-form JSON object handed to `care.questions.parse_answers`, the same
validator as the web form and the CLI, so a wrong answer gets the same message at every door.
Nothing is stored and no cookie is read, which is why the endpoint needs no CSRF token.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.openapi.schema import OpenAPISchema

from hizakoshi.care import assess
from hizakoshi.care.model import Assessment, Lang, Text
from hizakoshi.care.questions import InvalidAnswers, json_schema, parse_answers

MSG_MALFORMED = Text(
    ja="送られた内容がJSONとして読めません。",
    en="The request body is not valid JSON.",
)
MSG_TOO_LARGE = Text(
    ja="送られた内容が大きすぎます。",
    en="The request body is too large.",
)
# The requested language is the thing that is wrong, so the message carries both languages.
MSG_BAD_LANG = "lang には ja か en を指定してください。(lang must be ja or en.)"

REF = "#/components/schemas/"
JSON = "application/json"


class _Api(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        # The answers and the result are described by the care core, not by ninja schemas,
        # so they are added here; each operation refers to them with $ref.
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["components"]["schemas"].update(component_schemas())
        for more in EXTRA_COMPONENTS:
            schema["components"]["schemas"].update(more())
        return schema


# The components of routers other parts of the site add to this API (site/urls.py adds the
# clinic's booking), so that this module needs to know none of them.
EXTRA_COMPONENTS: list[Callable[[], dict[str, Any]]] = []


api = _Api(
    title="hizakoshi (膝腰ナビ)",
    version="1",
    description="Self-check for knee and low-back pain: post answers, get the assessment. "
    "Self-care support, not a diagnosis. Nothing is stored. And booking a consultation with "
    "a clinic: its free slots, and a booking.",
    urls_namespace="api-v1",
    # The bundled docs page loads scripts from a CDN, which the strict CSP forbids.
    docs_url=None,
)


def _errors_response(code: int, errors: dict[str, list[str]]) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=code, json_dumps_params={"ensure_ascii": False})


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> JsonResponse:
    # ninja only validates the query (lang); its own error shape would differ from the
    # {"errors": {field: [messages]}} every other answer of this API uses.
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        field = str(error.get("loc", ["__all__"])[-1])
        errors.setdefault(field, []).append(
            MSG_BAD_LANG if field == "lang" else str(error.get("msg", ""))
        )
    return _errors_response(422, errors)


def _error_responses() -> dict[int, Any]:
    errors = {JSON: {"schema": {"$ref": REF + "Errors"}}}
    return {
        400: {"description": "The body is not valid JSON.", "content": errors},
        413: {"description": "The body is too large.", "content": errors},
        422: {
            "description": "Some answers are invalid (or lang is not ja/en): messages per "
            'question id, "__all__" for the body as a whole.',
            "content": errors,
        },
    }


@api.post(
    "/assessments",
    summary="Assess self-check answers",
    description="Validates the answers with the same rules as the web self-check and returns "
    "the assessment in one language. Urgent signs give a normal 200 with "
    'triage.urgency = "emergency" or "same_day" (or "within_days"); then self-care is paused: '
    "pattern, priority, plan and weight are null, thermal, tips and education are empty, and "
    "triage.for_doctor says what to tell the doctor. With an emergency or same-day sign the "
    "other answers may be left out (answers_complete = false). Nothing is stored.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {JSON: {"schema": {"$ref": REF + "Answers"}}},
        },
        # int keys: ninja merges these into its own 200 entry, which is keyed by int.
        "responses": {
            200: {
                "description": "The assessment, every text in the chosen language.",
                "content": {JSON: {"schema": {"$ref": REF + "Assessment"}}},
            },
            **_error_responses(),
        },
    },
)
def assessment_create(request: HttpRequest, lang: Lang = "ja") -> JsonResponse:
    try:
        raw = json.loads(request.body)
    except RequestDataTooBig:
        return _errors_response(413, {"__all__": [MSG_TOO_LARGE.get(lang)]})
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are both
        return _errors_response(400, {"__all__": [MSG_MALFORMED.get(lang)]})
    try:
        answers = parse_answers(raw)
    except InvalidAnswers as invalid:
        return _errors_response(422, invalid.localized(lang))
    result = assess(answers).localized(lang)
    return JsonResponse(result, json_dumps_params={"ensure_ascii": False})


@api.get(
    "/schema",
    summary="JSON Schema of the answers",
    description="The JSON Schema (2020-12) that the body of POST /assessments follows.",
    openapi_extra={
        "responses": {
            200: {
                "description": "The answers schema.",
                "content": {JSON: {"schema": {"type": "object"}}},
            }
        }
    },
)
def answers_schema(request: HttpRequest) -> JsonResponse:
    return JsonResponse(json_schema(), json_dumps_params={"ensure_ascii": False})


def component_schemas() -> dict[str, Any]:
    """OpenAPI components: the answers (from the questions), the localized assessment and
    the error shape."""
    answers = dict(json_schema())
    # Inside an OpenAPI 3.1 document the dialect is given by the document itself.
    answers.pop("$schema", None)
    return {
        "Answers": answers,
        **localized_assessment_schemas(),
        "Errors": {
            "type": "object",
            "required": ["errors"],
            "properties": {
                "errors": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                }
            },
        },
    }


def localized_assessment_schemas() -> dict[str, Any]:
    """Schemas of `Assessment.localized(lang)`: the model's own schema with every bilingual
    Text replaced by the plain string it becomes."""
    schema = Assessment.model_json_schema(mode="serialization", ref_template=REF + "{model}")
    defs: dict[str, Any] = schema.pop("$defs", {})
    defs.pop("Text", None)
    defs["Assessment"] = schema
    localized: dict[str, Any] = _text_to_string(defs)
    return localized


def _text_to_string(node: Any) -> Any:
    if isinstance(node, dict):
        if node.get("$ref") == REF + "Text":
            # Siblings of the $ref (a description, a default) stay.
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return {**rest, "type": "string"}
        return {k: _text_to_string(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_text_to_string(v) for v in node]
    return node
