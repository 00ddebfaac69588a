"""The person sees who at which clinic looked at their records: each staff access through the
door, in Japanese time and plain words, newest first, a page at a time; never another person's."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from clinic.staff_door import PATIENT_PAGE
from hizakoshi.accounts.models import User
from hizakoshi.clinic.audit.presenters import what_for_person
from hizakoshi.clinic.links.views import ACCESS_PER_PAGE
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic
from people import linked, staff_login

pytestmark = [pytest.mark.django_db, pytest.mark.urls("clinic.staff_door")]

LOG = "/me/clinics/access/"


def event(person: User, clinic: Clinic, at: datetime, **fields: object) -> AuditEvent:
    values: dict[str, object] = {
        "actor_label": "山田 (doctor)",
        "action": AuditAction.READ,
        "what": "patient_page",
    } | fields
    return AuditEvent.objects.create(at=at, clinic=clinic, subject_ref=person.log_ref, **values)


def test_a_staff_read_through_the_door_is_on_the_persons_access_log(
    client: Client, patient: User, clinic: Clinic, clinic_staff: User
) -> None:
    linked(patient, clinic)
    assert (
        staff_login(Client(), clinic_staff).get(PATIENT_PAGE.format(patient.pk)).status_code == 200
    )
    client.force_login(patient)
    page = client.get(LOG).content.decode()
    assert "ひざこしクリニックの山田 (医師)" in page
    assert "あなたの記録を見ました" in page
    assert "(doctor)" not in page and "patient_page" not in page


def test_times_are_japanese_time_in_japanese_words(
    client: Client, patient: User, clinic: Clinic
) -> None:
    event(patient, clinic, datetime(2026, 3, 31, 15, 30, tzinfo=UTC))  # 00:30 on 1 April in Japan
    client.force_login(patient)
    page = client.get(LOG).content.decode()
    assert '<span class="nowrap">2026年4月1日 00:30</span>' in page


def test_another_persons_events_are_not_shown(
    client: Client, patient: User, other_patient: User, clinic: Clinic, other_clinic: Clinic
) -> None:
    now = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)
    event(other_patient, other_clinic, now, actor_label="鈴木 (doctor)")
    AuditEvent.objects.create(  # a staff login: about no one
        at=now, clinic=clinic, actor_label="山田 (doctor)", action=AuditAction.LOGIN, what="login"
    )
    client.force_login(patient)
    page = client.get(LOG).content.decode()
    assert "鈴木" not in page and "となりの整形外科" not in page and "山田" not in page
    assert "クリニックの人があなたの記録を見たことは、まだありません。" in page


@pytest.mark.parametrize(
    ("what", "action", "words"),
    [
        ("patient_page", AuditAction.READ, "あなたの記録を見ました"),
        ("previsit_pdf", AuditAction.PRINT, "受診のための記録のまとめを印刷しました"),
        (
            "fhir_bundle",
            AuditAction.EXPORT,
            "あなたの記録をクリニックのカルテのシステムに取り込みました",
        ),
        ("plan", AuditAction.WRITE, "体操の計画を変えました"),
        ("plan", AuditAction.READ, "体操の計画を見ました"),
        ("acknowledge", AuditAction.WRITE, "あなたの記録にあった注意のしるしを確認しました"),
        ("dashboard", AuditAction.READ, "クリニックの患者一覧で、あなたの様子を見ました"),
        ("something_new", AuditAction.PRINT, "あなたの記録を印刷しました"),
    ],
)
def test_each_kind_of_access_is_said_in_plain_japanese(
    patient: User, clinic: Clinic, what: str, action: str, words: str
) -> None:
    from django.utils import translation

    row = event(patient, clinic, datetime(2026, 4, 1, tzinfo=UTC), what=what, action=action)
    with translation.override("ja"):
        assert what_for_person(row) == words


def test_the_log_is_newest_first_a_page_at_a_time_and_a_bad_page_number_is_no_error(
    client: Client, patient: User, clinic: Clinic
) -> None:
    start = datetime(2026, 4, 1, 0, 0, tzinfo=UTC)
    for n in range(ACCESS_PER_PAGE + 5):
        event(patient, clinic, start + timedelta(minutes=n), detail=f"n={n}")
    client.force_login(patient)
    first = client.get(LOG)
    assert len(first.context["rows"]) == ACCESS_PER_PAGE
    assert first.context["rows"][0]["at"] == start + timedelta(minutes=ACCESS_PER_PAGE + 4)
    assert "?page=2" in first.content.decode()
    second = client.get(LOG + "?page=2")
    assert len(second.context["rows"]) == 5
    assert second.context["rows"][-1]["at"] == start
    for bad in ("abc", "999", "-1"):
        assert client.get(LOG + f"?page={bad}").status_code == 200


def test_events_outlive_the_link_and_stay_the_persons_to_see(
    client: Client, patient: User, clinic: Clinic
) -> None:
    link = linked(patient, clinic)
    event(patient, clinic, datetime(2026, 4, 1, tzinfo=UTC))
    client.force_login(patient)
    client.post(f"/me/clinics/{link.pk}/end/")
    assert "ひざこしクリニックの山田 (医師)" in client.get(LOG).content.decode()
    assert AuditEvent.objects.filter(subject_ref=uuid.UUID(str(patient.log_ref))).count() == 1
