"""The access door for clinic staff: a live membership whose role allows the need, a second
factor passed, and the person's live care link with that clinic; one audit event per access."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.http import Http404
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic, Membership, Role
from hizakoshi.site.access import Need, person_for
from people import linked, staff


def verified(user: User) -> User:
    """As OTPMiddleware leaves request.user after the second factor."""
    user.otp_device = TOTPDevice.objects.filter(user=user).first()  # type: ignore[attr-defined]
    user.is_verified = lambda: user.otp_device is not None  # type: ignore[attr-defined]
    return user


def unverified(user: User) -> User:
    user.otp_device = None  # type: ignore[attr-defined]
    user.is_verified = lambda: False  # type: ignore[attr-defined]
    return user


@pytest.fixture
def linked_patient(patient: User, clinic: Clinic) -> User:
    linked(patient, clinic)
    return patient


def test_staff_of_the_linked_clinic_reach_the_person_and_it_is_on_record(
    linked_patient: User, clinic_staff: User, clinic: Clinic
) -> None:
    got = person_for(
        actor=verified(clinic_staff),
        person_id=linked_patient.pk,
        what="patient_page",
        ip="10.1.2.3",
    )
    assert got == linked_patient
    event = AuditEvent.objects.get()
    assert (event.actor_id, event.clinic_id, event.subject_ref) == (
        clinic_staff.pk,
        clinic.pk,
        linked_patient.log_ref,
    )
    assert (event.action, event.what, event.ip) == (AuditAction.READ, "patient_page", "10.1.2.3")
    assert event.actor_label == "山田 (doctor)"
    assert abs((timezone.now() - event.at).total_seconds()) < 60


@pytest.mark.parametrize("need", list(Need))
def test_each_need_is_recorded_as_its_own_action(
    need: Need, linked_patient: User, clinic_staff: User
) -> None:
    person_for(actor=verified(clinic_staff), person_id=linked_patient.pk, need=need)
    assert AuditEvent.objects.get().action == need.value


def test_without_the_second_factor_staff_reach_nothing(
    linked_patient: User, clinic_staff: User
) -> None:
    with pytest.raises(Http404):
        person_for(actor=unverified(clinic_staff), person_id=linked_patient.pk)
    assert not AuditEvent.objects.exists()


def test_staff_of_another_clinic_reach_nothing(
    linked_patient: User, other_clinic_staff: User
) -> None:
    with pytest.raises(Http404):
        person_for(actor=verified(other_clinic_staff), person_id=linked_patient.pk)
    assert not AuditEvent.objects.exists()


def test_a_person_who_did_not_link_with_the_clinic_is_not_reachable(
    patient: User, clinic_staff: User
) -> None:
    with pytest.raises(Http404):
        person_for(actor=verified(clinic_staff), person_id=patient.pk)


def test_an_ended_link_ends_the_clinics_access(
    patient: User, clinic: Clinic, clinic_staff: User
) -> None:
    link = linked(patient, clinic)
    link.ended_at = timezone.now()
    link.save()
    with pytest.raises(Http404):
        person_for(actor=verified(clinic_staff), person_id=patient.pk)


def test_an_ended_membership_ends_the_staff_members_access(
    linked_patient: User, clinic_staff: User
) -> None:
    Membership.objects.filter(user=clinic_staff).update(ended_at=timezone.now())
    with pytest.raises(Http404):
        person_for(actor=verified(clinic_staff), person_id=linked_patient.pk)


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.ADMIN])
def test_reception_and_the_clinic_admin_reach_no_health_record(
    role: Role, linked_patient: User, clinic: Clinic
) -> None:
    member = verified(staff("desk@clinic.example.jp", clinic, role=role))
    for need in Need:
        with pytest.raises(Http404):
            person_for(actor=member, person_id=linked_patient.pk, need=need)


def test_a_patient_never_reaches_another_patient_even_in_the_same_clinic(
    linked_patient: User, other_patient: User, clinic: Clinic
) -> None:
    linked(other_patient, clinic)
    with pytest.raises(Http404):
        person_for(actor=verified(other_patient), person_id=linked_patient.pk)


def test_the_person_reaching_their_own_records_is_not_audited(linked_patient: User) -> None:
    assert person_for(actor=linked_patient) == linked_patient
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_audit_row_goes_with_the_transaction_of_the_write(
    linked_patient: User, clinic_staff: User
) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        person_for(actor=verified(clinic_staff), person_id=linked_patient.pk, need=Need.WRITE)
        raise RuntimeError("the write failed")
    assert not AuditEvent.objects.exists()


def test_the_audit_trail_outlives_the_persons_account(
    linked_patient: User, clinic_staff: User
) -> None:
    person_for(actor=verified(clinic_staff), person_id=linked_patient.pk)
    linked_patient.delete()
    assert AuditEvent.objects.count() == 1


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_database_refuses_to_change_or_delete_an_audit_event(
    linked_patient: User, clinic_staff: User
) -> None:
    person_for(actor=verified(clinic_staff), person_id=linked_patient.pk)
    event = AuditEvent.objects.get()
    assert connection.vendor == "postgresql"
    for change in (
        lambda: AuditEvent.objects.filter(pk=event.pk).update(what="nothing"),
        lambda: AuditEvent.objects.filter(pk=event.pk).delete(),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            change()
    assert AuditEvent.objects.get().what == "records"
