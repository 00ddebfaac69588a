"""Staff passwords: 13 or more characters with letters, digits and symbols (MHLW guideline), in
every form that sets the password of an account with a live membership; patients keep theirs."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from hizakoshi.accounts.models import User
from hizakoshi.clinic.staff.passwords import StaffPasswordValidator, staff_password_check
from people import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    [STAFF_PASSWORD, "Knee&Back 2026!", "ひざこし-clinic-7", "abc-def-ghi-1"],
)
def test_long_passwords_of_three_kinds_meet_the_rule(password: str) -> None:
    staff_password_check(password)


@pytest.mark.parametrize(
    ("password", "codes"),
    [
        ("knee-back-2026", set()),  # 14 characters of three kinds
        ("knee-back-26", {"staff_password_too_short"}),
        ("kneeandbackpain2026", {"staff_password_kinds"}),  # no symbol
        ("knee-and-back-pain", {"staff_password_kinds"}),  # no digit
        ("2026-04-01-0900", {"staff_password_kinds"}),  # no letter
        ("short", {"staff_password_too_short", "staff_password_kinds"}),
    ],
)
def test_each_problem_is_named(password: str, codes: set[str]) -> None:
    try:
        staff_password_check(password)
        found: set[str] = set()
    except ValidationError as problem:
        found = {e.code for e in problem.error_list if e.code}
    assert found == codes


def test_the_validator_applies_to_members_only(clinic_staff: User, patient: User) -> None:
    validator = StaffPasswordValidator()
    validator.validate("knee-2026", patient)
    validator.validate("knee-2026", None)
    validator.validate("knee-2026", User(email="new@example.jp"))  # not saved: a sign-up
    with pytest.raises(ValidationError):
        validator.validate("knee-2026", clinic_staff)
    clinic_staff.memberships.update(ended_at=clinic_staff.memberships.get().started_at)
    validator.validate("knee-2026", clinic_staff)


def reset_page(user: User) -> tuple[Client, str]:
    client = Client()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    page = client.get(f"/accounts/reset/{uid}/{token}/", follow=True)
    return client, page.redirect_chain[-1][0]


def test_a_members_password_reset_refuses_a_password_a_patient_may_choose(
    clinic_staff: User,
) -> None:
    client, form = reset_page(clinic_staff)
    weak = "knee-back-26"  # 12 characters: fine for a patient
    response = client.post(form, {"new_password1": weak, "new_password2": weak})
    assert response.status_code == 200
    assert "13文字以上" in response.content.decode()
    clinic_staff.refresh_from_db()
    assert clinic_staff.check_password(STAFF_PASSWORD)
    strong = "knee-back-2026-new"
    response = client.post(form, {"new_password1": strong, "new_password2": strong})
    assert response["Location"] == "/accounts/reset/done/"


def test_a_patients_password_reset_keeps_the_patients_rule(patient: User) -> None:
    client, form = reset_page(patient)
    response = client.post(form, {"new_password1": "knee-back-26", "new_password2": "knee-back-26"})
    assert response["Location"] == "/accounts/reset/done/"


def test_the_reset_page_tells_staff_the_rule_before_they_type(clinic_staff: User) -> None:
    client, form = reset_page(clinic_staff)
    page = client.get(form).content.decode()
    assert re.search(r"クリニックのスタッフのアカウントは.*13文字以上", page)
