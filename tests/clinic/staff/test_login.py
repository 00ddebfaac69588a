"""The password login of clinic staff: it leads to the second factor, not to a patient's
Today page, and every staff login and failed login is on the audit trail (a failure for an
address with no account names no one, and the address typed is not kept)."""

from __future__ import annotations

import pytest
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic
from people import PASSWORD, STAFF_PASSWORD, staff_login

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def log_in(client: Client, email: str, password: str, **extra: str) -> str:
    response = client.post(LOGIN, {"username": email, "password": password}, **extra)
    return str(response.get("Location", response.status_code))


def test_a_staff_member_goes_from_the_password_to_the_second_factor(clinic_staff: User) -> None:
    client = Client()
    assert log_in(client, clinic_staff.email, STAFF_PASSWORD) == "/signed-in/"
    assert client.get("/signed-in/")["Location"] == "/clinic/verify/"


def test_a_patient_goes_on_to_today(patient: User) -> None:
    client = Client()
    log_in(client, patient.email, PASSWORD)
    assert client.get("/signed-in/")["Location"] == "/me/today/"


def test_a_former_member_goes_on_to_today_like_any_patient(clinic_staff: User) -> None:
    clinic_staff.memberships.update(ended_at=clinic_staff.memberships.get().started_at)
    client = Client()
    log_in(client, clinic_staff.email, STAFF_PASSWORD)
    assert client.get("/signed-in/")["Location"] == "/me/today/"


def test_a_login_sent_from_a_clinic_page_goes_back_there_through_the_second_factor(
    clinic_staff: User,
) -> None:
    client = Client()
    client.post(
        f"{LOGIN}?next=/clinic/recovery-codes/",
        {
            "username": clinic_staff.email,
            "password": STAFF_PASSWORD,
            "next": "/clinic/recovery-codes/",
        },
    )
    response = client.get("/clinic/recovery-codes/")
    assert response["Location"] == "/clinic/verify/?next=%2Fclinic%2Frecovery-codes%2F"


def test_nobody_signed_in_is_sent_to_log_in() -> None:
    assert Client().get("/signed-in/")["Location"].startswith("/accounts/login/")


def test_a_staff_login_is_on_the_audit_with_where_it_came_from(
    clinic_staff: User, clinic: Clinic
) -> None:
    log_in(Client(), clinic_staff.email, STAFF_PASSWORD, REMOTE_ADDR="10.4.5.6")
    event = AuditEvent.objects.get()
    assert (event.action, event.what, event.detail) == (AuditAction.LOGIN, "login", "password")
    assert (event.actor_id, event.clinic_id, event.ip) == (clinic_staff.pk, clinic.pk, "10.4.5.6")
    assert event.actor_label == "山田 (doctor)"


def test_a_failed_staff_login_is_on_the_audit_naming_the_member(
    clinic_staff: User, clinic: Clinic
) -> None:
    log_in(Client(), clinic_staff.email.upper(), "not the password", REMOTE_ADDR="10.4.5.7")
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id, event.clinic_id) == (
        AuditAction.LOGIN_FAILED,
        clinic_staff.pk,
        clinic.pk,
    )
    assert event.ip == "10.4.5.7"


def test_a_failed_login_for_an_unknown_address_names_no_one_and_keeps_no_address() -> None:
    log_in(Client(), "Nobody.Here@clinic.example.jp", "a guess", REMOTE_ADDR="10.4.5.8")
    event = AuditEvent.objects.get()
    assert event.action == AuditAction.LOGIN_FAILED
    assert (event.actor_id, event.clinic_id, event.actor_label) == (None, None, "")
    row = " ".join(str(v) for v in AuditEvent.objects.values().get().values()).lower()
    assert "nobody" not in row and "clinic.example.jp" not in row


def test_a_patients_logins_are_not_the_clinics_to_see(patient: User) -> None:
    log_in(Client(), patient.email, "not the password")
    log_in(Client(), patient.email, PASSWORD)
    assert not AuditEvent.objects.exists()


def test_the_tests_shortcut_past_the_login_form_writes_no_login_and_the_real_one_still_does(
    clinic_staff: User,
) -> None:
    staff_login(Client(), clinic_staff)
    assert not AuditEvent.objects.exists()
    log_in(Client(), clinic_staff.email, STAFF_PASSWORD)
    assert AuditEvent.objects.get().action == AuditAction.LOGIN
