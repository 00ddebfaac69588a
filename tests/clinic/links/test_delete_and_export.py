"""The person's rights over their links: the JSON export holds their care links (with the
clinic's name) and who at a clinic looked at their records; deleting the account deletes the
links with it, while the audit trail stays, naming the person only by the random log_ref."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.test import Client

from clinic.staff_door import PATIENT_PAGE
from hizakoshi.accounts.models import User
from hizakoshi.clinic.links.consent import CONSENT_VERSION
from hizakoshi.clinic.models import AuditEvent, CareLink, Clinic
from people import PASSWORD, linked, staff_login

pytestmark = [pytest.mark.django_db, pytest.mark.urls("clinic.staff_door")]


def test_the_export_holds_the_care_links_and_who_looked_at_the_records(
    client: Client, patient: User, other_patient: User, clinic: Clinic, clinic_staff: User
) -> None:
    linked(patient, clinic)
    linked(other_patient, clinic)
    staff_login(Client(), clinic_staff).get(PATIENT_PAGE.format(patient.pk))
    client.force_login(patient)
    data = json.loads(client.get("/me/export.json").content)
    (link,) = data["clinic.carelink"]
    assert (link["clinic_name"], link["name"], link["name_kana"]) == (
        "ひざこしクリニック",
        "佐藤 花子",
        "サトウ ハナコ",
    )
    assert link["consent_version"] == CONSENT_VERSION and link["ended_at"] is None
    (seen,) = data["clinic.auditevent"]
    assert (seen["clinic_name"], seen["actor_label"], seen["action"], seen["what"]) == (
        "ひざこしクリニック",
        "山田 (doctor)",
        "read",
        "patient_page",
    )
    assert "ip" not in seen  # the staff member's address is theirs, not the person's
    assert "田中 太郎" not in json.dumps(data, ensure_ascii=False)


def test_deleting_the_account_deletes_the_links_and_keeps_the_audit_trail(
    client: Client, patient: User, clinic: Clinic, other_clinic: Clinic
) -> None:
    ended = linked(patient, other_clinic)
    client.force_login(patient)
    client.post(f"/me/clinics/{ended.pk}/end/")
    linked(patient, clinic)
    ref = patient.log_ref
    AuditEvent.objects.create(
        at=datetime(2026, 4, 1, tzinfo=UTC),
        clinic=clinic,
        actor_label="山田 (doctor)",
        subject_ref=ref,
        action="read",
        what="patient_page",
    )
    response = client.post("/me/delete/", {"password": PASSWORD})
    assert response["Location"] == "/accounts/deleted/"
    assert not CareLink.objects.exists()
    assert AuditEvent.objects.filter(subject_ref=ref).count() == 1
    page = client.get("/accounts/deleted/").content.decode()
    assert '<th scope="row">クリニックとの連携</th><td>2</td>' in page
    assert "クリニックとの連携は終わり、削除されました。" in page
    assert "ランダムな番号だけで記され、お名前やメールアドレスは含まれません。" in page


def test_the_deletion_page_says_nothing_of_clinics_to_someone_never_linked(
    client: Client, patient: User
) -> None:
    client.force_login(patient)
    client.post("/me/delete/", {"password": PASSWORD})
    page = client.get("/accounts/deleted/").content.decode()
    assert '<th scope="row">クリニックとの連携</th><td>0</td>' in page
    assert "クリニックとの連携は終わり" not in page
