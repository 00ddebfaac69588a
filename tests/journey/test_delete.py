"""Deleting the account, with the password, leaves nothing of the person in any table."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import DataLog
from journey.factories import with_records
from people import PASSWORD

pytestmark = pytest.mark.django_db


def rows_naming(user_pk: int, email: str) -> list[str]:
    """Every row in every table that points to the user or contains their e-mail address."""
    found: list[str] = []
    for model in apps.get_models():
        manager = model._default_manager
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                if manager.filter(**{field.attname: user_pk}).exists():
                    found.append(f"{model._meta.label}.{field.name}")
            elif isinstance(field, models.CharField | models.TextField) and (
                manager.filter(**{f"{field.name}__icontains": email}).exists()
            ):
                found.append(f"{model._meta.label}.{field.name}")
        if model is User and manager.filter(pk=user_pk).exists():
            found.append("accounts.User")
    for session in Session.objects.all():
        if session.get_decoded().get("_auth_user_id") == str(user_pk):
            found.append("sessions.Session")
    return found


def test_the_wrong_password_deletes_nothing(client: Client, patient: User) -> None:
    a = with_records(patient)
    client.force_login(a)
    response = client.post("/me/delete/", {"password": "not it"})
    assert response.status_code == 200
    assert User.objects.filter(pk=a.pk).exists()


def test_export_then_delete_leaves_nothing_of_the_person(
    client: Client, patient: User, other_patient: User
) -> None:
    a, b = with_records(patient), with_records(other_patient, knee=2)
    pk, email, ref = a.pk, a.email, a.log_ref
    Client().post("/accounts/login/", {"username": email, "password": "wrong"})  # an axes row
    assert AccessAttempt.objects.filter(username=email).exists()
    client.force_login(a)
    assert client.get("/me/export.json").status_code == 200
    assert rows_naming(pk, email)  # the check can see the person before deletion
    response = client.post("/me/delete/", {"password": PASSWORD})
    assert response["Location"] == "/accounts/deleted/"
    assert rows_naming(pk, email) == []
    # What stays is the log that the export and the deletion were done, under a random id.
    assert set(DataLog.objects.filter(subject_ref=ref).values_list("action", flat=True)) == {
        "export_json",
        "account_delete",
    }
    assert rows_naming(b.pk, b.email)  # the other patient is untouched
    assert client.get("/me/").status_code == 302
