"""The booking API, part of the one API at /api/v1/ (site/urls.py adds this router to it):
GET /clinics/{id}/slots and POST /clinics/{id}/bookings.

A booking goes through the same form as the page (forms.BookingForm), so every mistake gets the
same words, field by field; and through the same service, so the same database constraint and
idempotency key decide. The POST needs an Idempotency-Key header: a retry with the same key and
the same body gets the booking it made (200), never a second one. No session or cookie is read
(no CSRF token needed) and nothing about another person's booking is ever answered: a taken
slot says only that it is taken, with the next free times.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from ninja import Router

from hizakoshi.care.booking import Slot
from hizakoshi.care.model import Lang
from hizakoshi.clinic.booking import selectors
from hizakoshi.clinic.booking.emails import manage_url
from hizakoshi.clinic.booking.forms import (
    MSG_KEY_REUSED,
    BookingForm,
    count_contacts,
    refusal_message,
)
from hizakoshi.clinic.booking.presenters import slot_label, slot_value
from hizakoshi.clinic.booking.services import (
    Asked,
    KeyReused,
    Made,
    SlotRefused,
    booking_create,
)
from hizakoshi.clinic.booking.tokens import valid_idempotency_key
from hizakoshi.clinic.models import Clinic
from hizakoshi.site.ratelimit import count_or_refuse

router = Router(tags=["booking"])

JSON = "application/json"
REF = "#/components/schemas/"
MAX_DAYS = 31  # the longest range of days one slots request may ask for
DEFAULT_DAYS = 14
MSG_BAD_DATE = _("Please give a date as YYYY-MM-DD, like 2026-12-03.")
MSG_RANGE = _("The end date must be on or after the start date, and at most 31 days later.")
MSG_NO_CLINIC = _("There is no such clinic, or it takes no bookings here.")
MSG_KEY = _(
    "Please send an Idempotency-Key header: a new random value of 16 to 100 letters, digits "
    "or -_.: for each booking."
)
MSG_MALFORMED = _("The request body must be a JSON object.")


def _answer(status: int, body: dict[str, Any]) -> JsonResponse:
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _errors(status: int, errors: dict[str, list[str]], **more: Any) -> JsonResponse:
    return _answer(status, {"errors": errors, **more})


def _clinic(clinic_id: int) -> Clinic:
    clinic = selectors.clinic_by_id(clinic_id)
    if clinic is None or not selectors.is_bookable(clinic):
        raise Http404
    return clinic


def _slot(resource_id: int, slot: Slot) -> dict[str, Any]:
    return {
        "slot": slot_value(resource_id, slot.starts_at),
        "resource": resource_id,
        "starts_at": timezone.localtime(slot.starts_at).isoformat(),
        "ends_at": timezone.localtime(slot.ends_at).isoformat(),
        "label": slot_label(slot.starts_at),
    }


def _day(raw: str | None, default: date) -> date | None:
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _query(name: str, description: str) -> dict[str, Any]:
    return {
        "in": "query",
        "name": name,
        "required": False,
        "description": description,
        "schema": {"type": "string", "format": "date"},
    }


@router.get(
    "/clinics/{int:clinic_id}/slots",
    url_name="booking_slots",
    summary="Free consultation slots of a clinic",
    description="The bookable slots from `from` to `to` (dates in Japan, both included; default "
    "today and the next 13 days; at most 31 days), one per start time, earliest first. Times "
    "are ISO 8601 in Japan's time (+09:00). `slot` is the value to book.",
    openapi_extra={
        "parameters": [
            _query("from", "First day, YYYY-MM-DD (default: today)."),
            _query("to", "Last day, YYYY-MM-DD (default: from + 13 days)."),
        ],
        "responses": {
            200: {
                "description": "The free slots.",
                "content": {JSON: {"schema": {"$ref": REF + "Slots"}}},
            },
            404: {"description": "No such clinic, or it takes no bookings here."},
            422: {
                "description": "A date is not YYYY-MM-DD or the range is wrong.",
                "content": {JSON: {"schema": {"$ref": REF + "Errors"}}},
            },
        },
    },
)
def booking_slots(request: HttpRequest, clinic_id: int, lang: Lang = "ja") -> JsonResponse:
    with translation.override(lang):
        clinic = _clinic(clinic_id)
        today = timezone.localdate()
        first = _day(request.GET.get("from"), today)
        last = _day(request.GET.get("to"), (first or today) + timedelta(days=DEFAULT_DAYS - 1))
        errors: dict[str, list[str]] = {}
        if first is None:
            errors["from"] = [str(MSG_BAD_DATE)]
        if last is None:
            errors["to"] = [str(MSG_BAD_DATE)]
        if first and last and not timedelta(0) <= last - first < timedelta(days=MAX_DAYS):
            errors["to"] = [str(MSG_RANGE)]
        if errors or first is None or last is None:
            return _errors(422, errors)
        found = selectors.offers(clinic=clinic, now=timezone.now(), first_day=first, last_day=last)
        return _answer(
            200,
            {
                "clinic": {"id": clinic.pk, "name": clinic.name, "phone": clinic.phone},
                "from": first.isoformat(),
                "to": last.isoformat(),
                "slots": [_slot(resource_id, slot) for resource_id, slot in found],
            },
        )


@router.post(
    "/clinics/{int:clinic_id}/bookings",
    url_name="booking_create",
    summary="Book a consultation",
    description="Books one slot with the same rules and messages as the booking page. Send an "
    "Idempotency-Key header (a new random value per booking): the same key with the same body "
    "again (a retry) answers 200 with the booking it made; with another body, 409. A slot "
    "taken meanwhile answers 409 with the next free slots. `consent` must be true: the person "
    "agrees to give the booking to the clinic.",
    openapi_extra={
        "parameters": [
            {
                "in": "header",
                "name": "Idempotency-Key",
                "required": True,
                "schema": {"type": "string", "minLength": 16, "maxLength": 100},
                "description": "A new random value for each booking (a UUID will do).",
            }
        ],
        "requestBody": {
            "required": True,
            "content": {JSON: {"schema": {"$ref": REF + "BookingRequest"}}},
        },
        "responses": {
            200: {
                "description": "A retry: the booking this key made.",
                "content": {JSON: {"schema": {"$ref": REF + "BookingMade"}}},
            },
            201: {
                "description": "Booked.",
                "content": {JSON: {"schema": {"$ref": REF + "BookingMade"}}},
            },
            400: {
                "description": "The body is not a JSON object.",
                "content": {JSON: {"schema": {"$ref": REF + "Errors"}}},
            },
            404: {"description": "No such clinic, or it takes no bookings here."},
            409: {
                "description": "The slot cannot be booked (taken, closed, past): `errors` says "
                "why, `next_free` offers other slots; or the key was used for another body.",
                "content": {JSON: {"schema": {"$ref": REF + "BookingRefused"}}},
            },
            422: {
                "description": "Some fields are wrong: messages per field.",
                "content": {JSON: {"schema": {"$ref": REF + "Errors"}}},
            },
            429: {"description": "Too many requests from this address or for this contact."},
        },
    },
)
def booking_create_api(request: HttpRequest, clinic_id: int, lang: Lang = "ja") -> JsonResponse:
    with translation.override(lang):
        clinic = _clinic(clinic_id)
        count_or_refuse(request, key="ip", rate="RATELIMIT_BOOKING_IP", group="booking-ip")
        key = request.headers.get("Idempotency-Key", "")
        if not valid_idempotency_key(key):
            return _errors(422, {"Idempotency-Key": [str(MSG_KEY)]})
        try:
            body = json.loads(request.body)
        except (ValueError, RecursionError):
            body = None
        if not isinstance(body, dict):
            return _errors(400, {"__all__": [str(MSG_MALFORMED)]})
        form = BookingForm(data=_form_data(body))
        if not form.is_valid():
            return _errors(422, {f: [str(m) for m in ms] for f, ms in form.errors.items()})
        values = form.cleaned_data
        count_contacts(request, values)
        try:
            made = booking_create(
                clinic=clinic,
                asked=Asked.from_form(values, lang=lang),
                idempotency_key=key,
                person=None,
                now=timezone.now(),
            )
        except SlotRefused as refused:
            return _errors(
                409,
                {"starts_at": [refusal_message(refused.refusal)]},
                next_free=[_slot(r, s) for r, s in refused.next_free],
            )
        except KeyReused:
            return _errors(409, {"Idempotency-Key": [str(MSG_KEY_REUSED)]})
        return _answer(200 if made.replayed else 201, _made(made))


def _form_data(body: dict[str, Any]) -> dict[str, Any]:
    """The JSON body as the form's data: strings as given, `consent` true only when true."""
    data = {k: v for k, v in body.items() if isinstance(v, str | int) and not isinstance(v, bool)}
    if body.get("consent") is True:
        data["consent"] = "on"
    else:
        data.pop("consent", None)
    return data


def _made(made: Made) -> dict[str, Any]:
    booking = made.booking
    return {
        "booking": {
            "id": str(booking.public_id),
            "status": booking.status,
            "starts_at": timezone.localtime(booking.starts_at).isoformat(),
            "ends_at": timezone.localtime(booking.ends_at).isoformat(),
            "label": slot_label(booking.starts_at),
            "clinic": {
                "id": booking.clinic_id,
                "name": booking.clinic.name,
                "phone": booking.clinic.phone,
            },
        },
        "manage_url": manage_url(made.token),
        "replayed": made.replayed,
    }


def component_schemas() -> dict[str, Any]:
    """The OpenAPI components of the booking endpoints (added by selfcheck/api.py's document)."""
    slot = {
        "type": "object",
        "required": ["slot", "resource", "starts_at", "ends_at", "label"],
        "properties": {
            "slot": {"type": "string", "examples": ["3-202612031400"]},
            "resource": {"type": "integer"},
            "starts_at": {"type": "string", "format": "date-time"},
            "ends_at": {"type": "string", "format": "date-time"},
            "label": {"type": "string", "examples": ["12月3日(木) 14:00"]},
        },
    }
    clinic = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "phone": {"type": "string"},
        },
    }
    text = {"type": "string"}
    return {
        "Slot": slot,
        "Slots": {
            "type": "object",
            "required": ["clinic", "from", "to", "slots"],
            "properties": {
                "clinic": clinic,
                "from": {"type": "string", "format": "date"},
                "to": {"type": "string", "format": "date"},
                "slots": {"type": "array", "items": {"$ref": REF + "Slot"}},
            },
        },
        "BookingRequest": {
            "type": "object",
            "required": ["resource", "starts_at", "name", "name_kana", "contact_by", "consent"],
            "properties": {
                "resource": {"type": "integer", "description": "`resource` of a free slot."},
                "starts_at": {"type": "string", "format": "date-time"},
                "name": {**text, "maxLength": 60},
                "name_kana": {**text, "maxLength": 60, "description": "In hiragana or katakana."},
                "phone": {**text, "description": "10 or 11 digits; phone and/or email needed."},
                "email": {**text, "format": "email"},
                "contact_by": {"type": "string", "enum": ["phone", "email", "either"]},
                "message": {**text, "maxLength": 1000},
                "consent": {"type": "boolean", "const": True},
            },
        },
        "BookingMade": {
            "type": "object",
            "required": ["booking", "manage_url", "replayed"],
            "properties": {
                "booking": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "status": {"type": "string", "enum": ["pending", "confirmed"]},
                        "starts_at": {"type": "string", "format": "date-time"},
                        "ends_at": {"type": "string", "format": "date-time"},
                        "label": text,
                        "clinic": clinic,
                    },
                },
                "manage_url": {"type": "string", "format": "uri"},
                "replayed": {"type": "boolean"},
            },
        },
        "BookingRefused": {
            "type": "object",
            "required": ["errors"],
            "properties": {
                "errors": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
                "next_free": {"type": "array", "items": {"$ref": REF + "Slot"}},
            },
        },
    }
