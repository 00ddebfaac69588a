"""Acknowledging a patient's flags with a note (/clinic/patients/<id>/acknowledge/): through the
access door (audited, the same transaction as the write), the flags drop off the dashboard until
a new one is raised; another clinic's staff get a 404 and change nothing."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from clinic.dashboard.helpers import DAY, START, at, started_and_linked, status
from hizakoshi.accounts.models import User
from hizakoshi.care.journey import journey
from hizakoshi.clinic.models import Acknowledgement, AuditAction, AuditEvent, Clinic, Role
from hizakoshi.journey.diary.services import diary_save
from people import staff, staff_login

pytestmark = pytest.mark.django_db

SIGN = journey().diary.signs[0]
DAY3 = START + 3 * DAY


def url(person: User) -> str:
    return f"/clinic/patients/{person.pk}/acknowledge/"


@pytest.fixture
def flagged(patient: User, clinic: Clinic) -> User:
    """Hanako, linked, with a warning sign in her diary on the third day."""
    started_and_linked(patient, clinic)
    with time_machine.travel(at(DAY3, 9), tick=False):
        diary_save(person=patient, day=DAY3, values={"red_flag_signs": [SIGN]}, now=at(DAY3, 9))
    assert status(patient, clinic).attention == ["red_flag"]
    return patient


@pytest.fixture
def doctor(client: Client, clinic_staff: User) -> Client:
    return staff_login(client, clinic_staff)


def test_the_page_shows_the_flags_ticked_and_is_audited_as_a_read(
    doctor: Client, flagged: User, clinic_staff: User
) -> None:
    with time_machine.travel(at(DAY3, 10)):
        response = doctor.get(url(flagged))
    html = response.content.decode()
    assert response.status_code == 200
    assert "佐藤 花子" in html and "警告サイン" in html
    assert 'value="red_flag" id="id_kinds_0" checked' in html.replace('name="kinds" ', "")
    event = AuditEvent.objects.get()
    assert (event.action, event.what, event.subject_ref, event.actor_id) == (
        AuditAction.READ,
        "acknowledge",
        flagged.log_ref,
        clinic_staff.pk,
    )


def test_acknowledging_with_a_note_drops_the_flag_and_is_audited_as_a_write(
    doctor: Client, flagged: User, clinic: Clinic, clinic_staff: User
) -> None:
    with time_machine.travel(at(DAY3, 10), tick=False):
        response = doctor.post(url(flagged), {"kinds": ["red_flag"], "note": "電話で受診を確認"})
        assert response.status_code == 302 and response["Location"] == "/clinic/?saved=1"
    ack = Acknowledgement.objects.get()
    assert (ack.kind, ack.note, ack.by_id, ack.by_label, ack.at) == (
        "red_flag",
        "電話で受診を確認",
        clinic_staff.pk,
        "山田 (doctor)",
        at(DAY3, 10),
    )
    assert status(flagged, clinic).attention == []
    event = AuditEvent.objects.get()
    assert (event.action, event.what, event.subject_ref) == (
        AuditAction.WRITE,
        "acknowledge",
        flagged.log_ref,
    )
    with time_machine.travel(at(DAY3, 10), tick=False):
        page = doctor.get(response["Location"]).content.decode()
    assert "確認とメモを記録しました。" in page


def test_a_new_warning_sign_after_the_acknowledgement_is_raised_again(
    doctor: Client, flagged: User, clinic: Clinic
) -> None:
    with time_machine.travel(at(DAY3, 10), tick=False):
        doctor.post(url(flagged), {"kinds": ["red_flag"], "note": "確認済み"})
    later = DAY3 + DAY
    with time_machine.travel(at(later, 9), tick=False):
        diary_save(person=flagged, day=later, values={"red_flag_signs": [SIGN]}, now=at(later, 9))
    assert status(flagged, clinic).attention == ["red_flag"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kinds": ["red_flag"], "note": ""}, "行った対応をメモに書いてください。"),
        ({"note": "電話した"}, "確認した項目を1つ以上選んでください。"),
        ({"kinds": ["everything"], "note": "電話した"}, "確認した項目を1つ以上選んでください。"),
    ],
)
def test_a_missing_choice_or_note_is_said_in_japanese_and_nothing_is_kept(
    doctor: Client, flagged: User, clinic: Clinic, data: dict[str, object], message: str
) -> None:
    response = doctor.post(url(flagged), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Acknowledgement.objects.exists()
    assert status(flagged, clinic).attention == ["red_flag"]


def test_a_note_too_long_is_said_and_the_words_typed_are_kept_on_the_page(
    doctor: Client, flagged: User
) -> None:
    note = "電話" * 501
    response = doctor.post(url(flagged), {"kinds": ["red_flag"], "note": note})
    html = response.content.decode()
    assert response.status_code == 400
    assert "メモは1000文字以内にしてください。" in html
    assert note in html
    assert not Acknowledgement.objects.exists()


def test_another_clinics_staff_get_a_404_and_change_nothing(
    client: Client, flagged: User, clinic: Clinic, other_clinic_staff: User
) -> None:
    other = staff_login(client, other_clinic_staff)
    assert other.get(url(flagged)).status_code == 404
    response = other.post(url(flagged), {"kinds": ["red_flag"], "note": "見た"})
    assert response.status_code == 404
    assert not Acknowledgement.objects.exists()
    assert not AuditEvent.objects.exists()
    assert status(flagged, clinic).attention == ["red_flag"]


def test_reception_cannot_acknowledge(client: Client, flagged: User, clinic: Clinic) -> None:
    desk = staff_login(client, staff("desk@clinic.example.jp", clinic, role=Role.RECEPTION))
    assert desk.post(url(flagged), {"kinds": ["red_flag"], "note": "見た"}).status_code == 404
    assert not Acknowledgement.objects.exists()


def test_a_staff_members_own_id_is_no_patient_of_the_clinic(
    doctor: Client, clinic_staff: User, flagged: User
) -> None:
    assert doctor.get(url(clinic_staff)).status_code == 404
    assert doctor.post(url(clinic_staff), {"kinds": ["red_flag"], "note": "x"}).status_code == 404
    assert not Acknowledgement.objects.exists()
