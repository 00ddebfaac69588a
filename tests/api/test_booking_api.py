"""The booking API: GET /api/v1/clinics/{id}/slots and POST /api/v1/clinics/{id}/bookings, in
the OpenAPI document, with the page's rules and words, field by field."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta
from typing import Any

import jsonschema
import pytest
from django.test import Client
from django.utils import timezone
from openapi_spec_validator import validate as validate_openapi

from clinic.booking.factories import at, availability, booked, next_weekday
from hizakoshi.clinic.booking.forms import BookingForm
from hizakoshi.clinic.models import Availability, Booking, Clinic

pytestmark = pytest.mark.django_db
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture
def api_client() -> Client:
    return Client(enforce_csrf_checks=True)  # a script has no CSRF cookie


@pytest.fixture
def doctor(clinic: Clinic) -> Availability:
    return availability(clinic, lead_minutes=60)


def body(doctor: Availability, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "resource": doctor.pk,
        "starts_at": at(next_weekday(), "14:00").isoformat(),
        "name": "山田 花子",
        "name_kana": "やまだ はなこ",
        "phone": "090-1234-5678",
        "email": "hanako.yamada@example.jp",
        "contact_by": "email",
        "message": "",
        "consent": True,
    }
    return values | changes


def post(client: Client, clinic: Clinic, data: Any, key: str | None = "", query: str = "") -> Any:
    headers = {} if key is None else {"Idempotency-Key": key or str(uuid.uuid4())}
    return client.post(
        f"/api/v1/clinics/{clinic.pk}/bookings{query}",
        data=json.dumps(data),
        content_type="application/json",
        headers=headers,
    )


# --- GET slots ---------------------------------------------------------------------------------


def test_the_slots_come_with_the_value_to_book_and_the_time_in_words(
    api_client: Client, doctor: Availability, clinic: Clinic
) -> None:
    day = next_weekday()
    answer = api_client.get(f"/api/v1/clinics/{clinic.pk}/slots?from={day}&to={day}")
    assert answer.status_code == 200
    found = answer.json()
    assert found["clinic"]["name"] == "ひざこしクリニック"
    first = found["slots"][0]
    assert first["starts_at"] == at(day, "09:00").isoformat()
    assert first["starts_at"].endswith("+09:00")
    assert re.fullmatch(r"\d{1,2}月\d{1,2}日\([月火水木金土日]\) 09:00", first["label"])
    assert len(found["slots"]) == 14


def test_a_taken_slot_is_not_listed_and_nothing_says_who_took_it(
    api_client: Client, doctor: Availability, clinic: Clinic
) -> None:
    day = next_weekday()
    booked(doctor, at(day, "09:00"))
    answer = api_client.get(f"/api/v1/clinics/{clinic.pk}/slots?from={day}&to={day}")
    text = answer.content.decode()
    assert at(day, "09:00").isoformat() not in text
    assert "山田" not in text and "example.jp" not in text


@pytest.mark.parametrize(
    ("query", "field"),
    [("from=12/03", "from"), ("to=tomorrow", "to"), ("from=2026-12-10&to=2026-12-01", "to")],
)
def test_a_bad_date_or_range_gets_422_in_japanese(
    api_client: Client, doctor: Availability, clinic: Clinic, query: str, field: str
) -> None:
    answer = api_client.get(f"/api/v1/clinics/{clinic.pk}/slots?{query}")
    assert answer.status_code == 422
    assert JAPANESE.search(answer.json()["errors"][field][0])


def test_more_than_31_days_at_once_is_refused(
    api_client: Client, doctor: Availability, clinic: Clinic
) -> None:
    today = timezone.localdate()
    query = f"from={today}&to={today + timedelta(days=31)}"
    assert api_client.get(f"/api/v1/clinics/{clinic.pk}/slots?{query}").status_code == 422


def test_a_clinic_that_does_not_exist_or_takes_no_bookings_is_404(
    api_client: Client, clinic: Clinic
) -> None:
    assert api_client.get(f"/api/v1/clinics/{clinic.pk}/slots").status_code == 404
    assert api_client.get("/api/v1/clinics/999999/slots").status_code == 404


# --- POST bookings -----------------------------------------------------------------------------


def test_a_booking_gets_201_with_its_private_link(
    api_client: Client, doctor: Availability, clinic: Clinic
) -> None:
    answer = post(api_client, clinic, body(doctor))
    assert answer.status_code == 201, answer.content
    made = answer.json()
    assert made["booking"]["starts_at"] == at(next_weekday(), "14:00").isoformat()
    assert made["booking"]["status"] == "confirmed"
    assert re.search(r"/book/m/[A-Za-z0-9_-]{40,}/$", made["manage_url"])
    assert made["replayed"] is False
    assert api_client.cookies == {} or "sessionid" not in api_client.cookies


def test_a_retry_with_the_same_key_gets_the_same_booking_not_a_second(
    api_client: Client, doctor: Availability, clinic: Clinic
) -> None:
    key = str(uuid.uuid4())
    first = post(api_client, clinic, body(doctor), key=key).json()
    again = post(api_client, clinic, body(doctor), key=key)
    assert again.status_code == 200
    assert again.json()["manage_url"] == first["manage_url"]
    assert again.json()["replayed"] is True
    assert Booking.objects.count() == 1


def test_the_same_key_with_another_body_is_refused(
    api_client: Client, doctor: Availability, clinic: Clinic
) -> None:
    key = str(uuid.uuid4())
    post(api_client, clinic, body(doctor), key=key)
    other = post(api_client, clinic, body(doctor, name="田中 一郎"), key=key)
    assert other.status_code == 409
    assert JAPANESE.search(other.json()["errors"]["Idempotency-Key"][0])
    assert "山田" not in other.content.decode()


@pytest.mark.parametrize("key", [None, "short", "has spaces in it, sixteen+"])
def test_without_a_proper_idempotency_key_nothing_is_booked(
    api_client: Client, doctor: Availability, clinic: Clinic, key: str | None
) -> None:
    answer = post(api_client, clinic, body(doctor), key=key)
    assert answer.status_code == 422
    assert JAPANESE.search(answer.json()["errors"]["Idempotency-Key"][0])
    assert Booking.objects.count() == 0


@pytest.mark.parametrize("raw", ["not json", "[1, 2]", '"text"'])
def test_a_body_that_is_not_a_json_object_gets_400(
    api_client: Client, doctor: Availability, clinic: Clinic, raw: str
) -> None:
    answer = api_client.post(
        f"/api/v1/clinics/{clinic.pk}/bookings",
        data=raw,
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert answer.status_code == 400


@pytest.mark.parametrize(
    "changes",
    [
        {"name": ""},
        {"name_kana": "Yamada"},
        {"phone": "12345"},
        {"email": "hanako@"},
        {"phone": "", "email": ""},
        {"contact_by": "fax"},
        {"message": "あ" * 1001},
        {"consent": False},
        {"consent": "yes"},
        {"starts_at": "tomorrow"},
        {"resource": "one"},
    ],
)
def test_each_mistake_gets_the_page_s_own_words_on_its_field(
    api_client: Client, doctor: Availability, clinic: Clinic, changes: dict[str, Any]
) -> None:
    answer = post(api_client, clinic, body(doctor, **changes))
    assert answer.status_code == 422
    errors = answer.json()["errors"]
    page = BookingForm(data=_as_page_form(body(doctor, **changes)))
    assert not page.is_valid()
    assert errors == {f: [str(m) for m in ms] for f, ms in page.errors.items()}
    assert all(JAPANESE.search(m) for ms in errors.values() for m in ms)


def _as_page_form(data: dict[str, Any]) -> dict[str, Any]:
    form = {k: v for k, v in data.items() if k != "consent"}
    if data.get("consent") is True:
        form["consent"] = "on"
    return form


def test_english_words_with_lang_en(
    api_client: Client, doctor: Availability, clinic: Clinic
) -> None:
    answer = post(api_client, clinic, body(doctor, name=""), query="?lang=en")
    assert answer.json()["errors"]["name"] == ["Please enter your name."]


def test_a_slot_taken_gets_409_in_japanese_with_the_next_free_slots_and_no_one_s_details(
    api_client: Client, doctor: Availability, clinic: Clinic
) -> None:
    booked(doctor, at(next_weekday(), "14:00"), name="田中 一郎", email="ichiro@example.jp")
    answer = post(api_client, clinic, body(doctor))
    assert answer.status_code == 409
    refused = answer.json()
    assert "たった今ほかの方の予約が入りました" in refused["errors"]["starts_at"][0]
    assert [s["starts_at"][11:16] for s in refused["next_free"]] == ["14:30", "15:00", "15:30"]
    assert "田中" not in answer.content.decode() and "ichiro" not in answer.content.decode()


@pytest.mark.parametrize(
    ("clock", "words"),
    [("12:30", "予約を受け付けていません"), ("09:10", "予約を受け付けていません")],
)
def test_a_time_outside_the_hours_is_refused_with_its_reason(
    api_client: Client, doctor: Availability, clinic: Clinic, clock: str, words: str
) -> None:
    answer = post(api_client, clinic, body(doctor, starts_at=at(next_weekday(), clock).isoformat()))
    assert answer.status_code == 409
    assert words in answer.json()["errors"]["starts_at"][0]


def test_a_start_in_another_time_zone_is_the_same_moment(
    api_client: Client, doctor: Availability, clinic: Clinic
) -> None:
    utc = at(next_weekday(), "14:00").astimezone(timezone.get_fixed_timezone(0))
    answer = post(api_client, clinic, body(doctor, starts_at=utc.isoformat()))
    assert answer.status_code == 201
    assert answer.json()["booking"]["starts_at"].endswith("T14:00:00+09:00")


# --- the OpenAPI document ----------------------------------------------------------------------


@pytest.fixture
def openapi() -> dict[str, Any]:
    document: dict[str, Any] = Client().get("/api/v1/openapi.json").json()
    return document


def test_the_document_with_the_booking_endpoints_is_valid(openapi: dict[str, Any]) -> None:
    validate_openapi(openapi)
    slots = openapi["paths"]["/api/v1/clinics/{clinic_id}/slots"]["get"]
    create = openapi["paths"]["/api/v1/clinics/{clinic_id}/bookings"]["post"]
    assert {p["name"] for p in slots["parameters"]} >= {"clinic_id", "from", "to"}
    assert any(p["name"] == "Idempotency-Key" and p["required"] for p in create["parameters"])
    assert set(create["responses"]) >= {"200", "201", "409", "422"}


def test_real_answers_match_the_documented_schemas(
    openapi: dict[str, Any], api_client: Client, doctor: Availability, clinic: Clinic
) -> None:
    def check(component: str, value: Any) -> None:
        schema = {"$ref": f"#/components/schemas/{component}", "components": openapi["components"]}
        jsonschema.Draft202012Validator(schema).validate(value)

    check("Slots", api_client.get(f"/api/v1/clinics/{clinic.pk}/slots").json())
    check("BookingMade", post(api_client, clinic, body(doctor)).json())
    check("BookingRefused", post(api_client, clinic, body(doctor)).json())
    check("Errors", post(api_client, clinic, body(doctor, name="")).json())
