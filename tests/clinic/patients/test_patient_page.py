"""The patient page for the clinic's staff: what the person saw at the self-check (engine
version, content hash, the pattern's reasons), the scores and progress, links to the PDF and
the FHIR export. Reached only through the access door: one audit row per request, with what was
done; staff of another clinic and a reception member get a 404 and leave no row."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from clinic.patients.conftest import Year
from hizakoshi.accounts.models import User
from hizakoshi.care import assess
from hizakoshi.care.questions import parse_answers
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic
from hizakoshi.journey.models import Assessment, AssessmentSource
from hizakoshi.journey.plan.services import journey_start_from_assessment
from people import linked, person, staff, staff_login
from selfcheck.factories import emergency_answers

pytestmark = pytest.mark.django_db

PAGES = (
    ("clinic:patient", AuditAction.READ, "patient_page"),
    ("clinic:patient_pdf", AuditAction.PRINT, "previsit_pdf"),
    ("clinic:patient_fhir", AuditAction.EXPORT, "fhir_bundle"),
)


def url(name: str, year: Year) -> str:
    return reverse(name, kwargs={"person_id": year.person.pk})


def test_the_page_shows_what_the_person_saw_at_the_self_check(client: Client, year: Year) -> None:
    staff_login(client, year.doctor)
    page = client.get(url("clinic:patient", year)).content.decode()
    stored = Assessment.objects.filter(person=year.person).latest("created_at")
    assert f"版 {stored.engine_version}" in page and stored.content_hash[:12] in page
    for reason in stored.assessment["pattern"]["reasons"]:
        assert escape(reason["text"]["ja"]) in page
    assert "受診前のまとめ: 高橋 一郎" in page and "タカハシ イチロウ" in page
    assert "質問票" in page and "MCID" in page and "<svg" in page
    assert "電話で受診を案内し、予約を取った。" in page  # what the clinic did
    assert url("clinic:patient_pdf", year) in page and url("clinic:patient_fhir", year) in page


@pytest.mark.parametrize(("name", "action", "what"), PAGES)
def test_each_request_is_one_audit_row_saying_what_was_done(
    client: Client, year: Year, name: str, action: AuditAction, what: str
) -> None:
    staff_login(client, year.doctor)
    assert client.get(url(name, year)).status_code == 200
    event = AuditEvent.objects.get()
    assert (event.action, event.what, event.actor_id, event.clinic_id) == (
        action,
        what,
        year.doctor.pk,
        year.clinic.pk,
    )
    assert event.subject_ref == year.person.log_ref


@pytest.mark.parametrize(("name", "action", "what"), PAGES)
def test_staff_of_another_clinic_get_a_404_and_leave_no_row(
    client: Client, year: Year, other_clinic: Clinic, name: str, action: AuditAction, what: str
) -> None:
    stranger = staff("elsewhere@other.example.jp", other_clinic, display_name="鈴木")
    staff_login(client, stranger)
    for method in (client.get, client.post):
        response = method(url(name, year))
        assert response.status_code == 404
        assert "高橋" not in response.content.decode(errors="replace")
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("name", "action", "what"), PAGES)
def test_a_reception_member_gets_a_404_and_leaves_no_row(
    client: Client, year: Year, name: str, action: AuditAction, what: str
) -> None:
    staff_login(client, year.reception)
    assert [client.get(url(name, year)).status_code, client.post(url(name, year)).status_code] == [
        404,
        404,
    ]
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("name", "action", "what"), PAGES)
def test_the_pages_only_read_a_post_is_refused_and_audits_nothing(
    client: Client, year: Year, name: str, action: AuditAction, what: str
) -> None:
    staff_login(client, year.doctor)
    response = client.post(url(name, year))
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(("name", "action", "what"), PAGES)
def test_a_get_writes_nothing_but_its_audit_row(
    client: Client, year: Year, name: str, action: AuditAction, what: str
) -> None:
    staff_login(client, year.doctor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(name, year)).status_code == 200
    writes = [
        q["sql"].split()[:3]
        for q in queries.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    # The session is saved on every request on purpose (an idle timeout); the rest is the door's.
    others = [w for w in writes if '"django_session"' not in w]
    assert others == [["INSERT", "INTO", '"clinic_auditevent"']]


def test_a_person_whose_self_check_paused_self_care_is_shown_as_paused(
    client: Client, clinic: Clinic, clinic_staff: User
) -> None:
    someone = person("paused@example.jp")
    answers = parse_answers(emergency_answers())
    journey_start_from_assessment(
        person=someone, answers=answers, assessment=assess(answers), source=AssessmentSource.CLAIMED
    )
    linked(someone, clinic)
    staff_login(client, clinic_staff)
    page = client.get(reverse("clinic:patient", kwargs={"person_id": someone.pk}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "<h2>セルフケアはお休み中です</h2>" in text and "医師の診察を受けるまで" in text
    assert "このパターンと考えた理由" not in text  # no pattern is weighed while paused
