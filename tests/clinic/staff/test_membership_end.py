"""Ending a membership ends the member's sessions at once and is on the audit trail; and even a
session that outlived it (ended another way) reaches nothing of the clinic at its next request."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.clinic.members.services import membership_end
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic, Membership, Role, SetupCode
from people import staff, staff_login

from .helpers import setup_code_given

pytestmark = pytest.mark.django_db
PAGE = "/clinic/recovery-codes/"


def sessions_of(user: User) -> int:
    return sum(
        1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    )


def test_ending_a_membership_ends_every_session_of_the_member_and_no_one_elses(
    clinic_staff: User, clinic: Clinic, patient: User
) -> None:
    admin = staff("admin@clinic.example.jp", clinic, role=Role.ADMIN, display_name="院長")
    sessions = [staff_login(Client(), clinic_staff) for _ in range(2)]
    patients_session = Client()
    patients_session.force_login(patient)
    admins_session = staff_login(Client(), admin)
    now = timezone.now()
    ended = membership_end(membership=clinic_staff.memberships.get(), by=admin, now=now)
    assert ended == 2 and sessions_of(clinic_staff) == 0
    assert clinic_staff.memberships.get().ended_at == now
    for client in sessions:
        assert client.get(PAGE)["Location"].startswith("/accounts/login/")
    assert patients_session.get("/me/").status_code == 200
    assert admins_session.get(PAGE).status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.MEMBERSHIP)
    assert (event.actor_id, event.actor_label, event.clinic_id) == (
        admin.pk,
        "院長 (clinic admin)",
        clinic.pk,
    )
    assert event.at == now and "2 session(s)" in event.detail


def test_ending_an_ended_membership_changes_nothing(clinic_staff: User) -> None:
    membership = clinic_staff.memberships.get()
    membership_end(membership=membership, by=None, now=timezone.now())
    assert membership_end(membership=membership, by=None, now=timezone.now()) == 0
    assert AuditEvent.objects.filter(action=AuditAction.MEMBERSHIP).count() == 1


def test_ending_a_membership_drops_a_setup_code_not_yet_used(clinic: Clinic) -> None:
    newcomer = staff("new@clinic.example.jp", clinic, second_factor=False)
    setup_code_given(newcomer)
    membership_end(membership=newcomer.memberships.get(), by=None, now=timezone.now())
    assert not SetupCode.objects.exists()


def test_a_session_that_outlived_the_membership_reaches_nothing_at_its_next_request(
    clinic_staff: User,
) -> None:
    client = staff_login(Client(), clinic_staff)
    assert client.get(PAGE).status_code == 200
    Membership.objects.filter(user=clinic_staff).update(ended_at=timezone.now())
    assert client.get(PAGE).status_code == 404
    assert client.get("/clinic/verify/").status_code == 404
    assert client.get("/signed-in/")["Location"] == "/me/today/"
