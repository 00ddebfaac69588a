"""The person ends a link, after a confirmation step; from then on the clinic's staff reach
nothing of theirs through the door (a 404), and nobody else can end it for them."""

from __future__ import annotations

import pytest
from django.test import Client

from clinic.staff_door import PATIENT_PAGE
from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import CareLink, Clinic
from people import linked, staff_login

pytestmark = [pytest.mark.django_db, pytest.mark.urls("clinic.staff_door")]


def test_the_end_button_first_asks_and_ends_nothing(
    client: Client, patient: User, clinic: Clinic
) -> None:
    link = linked(patient, clinic)
    client.force_login(patient)
    page = client.get(f"/me/clinics/{link.pk}/end/").content.decode()
    assert "ひざこしクリニックとの連携をやめますか?" in page
    assert "はい、やめます" in page and "いいえ、つないだままにします" in page
    assert "法律で決められた期間保管することがあります" in page
    link.refresh_from_db()
    assert link.ended_at is None


def test_after_the_person_ends_the_link_the_clinics_staff_get_a_404(
    client: Client, patient: User, clinic: Clinic, clinic_staff: User
) -> None:
    link = linked(patient, clinic)
    doctor = staff_login(Client(), clinic_staff)
    assert doctor.get(PATIENT_PAGE.format(patient.pk)).status_code == 200
    client.force_login(patient)
    response = client.post(f"/me/clinics/{link.pk}/end/")
    assert response.status_code == 302 and response["Location"] == "/me/clinics/?done=ended"
    link.refresh_from_db()
    assert link.ended_at is not None
    assert doctor.get(PATIENT_PAGE.format(patient.pk)).status_code == 404
    listing = client.get(response["Location"]).content.decode()
    assert "連携をやめました。クリニックは、もうあなたの記録を見られません。" in listing


def test_ending_an_ended_link_again_changes_nothing(
    client: Client, patient: User, clinic: Clinic
) -> None:
    link = linked(patient, clinic)
    client.force_login(patient)
    client.post(f"/me/clinics/{link.pk}/end/")
    link.refresh_from_db()
    ended_at = link.ended_at
    assert client.post(f"/me/clinics/{link.pk}/end/").status_code == 302
    link.refresh_from_db()
    assert link.ended_at == ended_at
    assert "この連携は" in client.get(f"/me/clinics/{link.pk}/end/").content.decode()


def test_another_person_cannot_see_or_end_the_link(
    client: Client, patient: User, other_patient: User, clinic: Clinic
) -> None:
    link = linked(patient, clinic)
    client.force_login(other_patient)
    assert client.get(f"/me/clinics/{link.pk}/end/").status_code == 404
    assert client.post(f"/me/clinics/{link.pk}/end/").status_code == 404
    assert CareLink.objects.get(pk=link.pk).ended_at is None


def test_linking_again_after_ending_makes_a_new_link_and_the_staff_see_the_person_again(
    client: Client, patient: User, clinic: Clinic, clinic_staff: User
) -> None:
    first = linked(patient, clinic)
    client.force_login(patient)
    client.post(f"/me/clinics/{first.pk}/end/")
    second = linked(patient, clinic)
    assert second.pk != first.pk
    doctor = staff_login(Client(), clinic_staff)
    assert doctor.get(PATIENT_PAGE.format(patient.pk)).status_code == 200
