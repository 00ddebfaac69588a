"""The people of the tests, as accounts: the factory behind the personas of tests/conftest.py.

A test that needs a patient asks for the `patient` fixture; a test that needs several people of
its own (a burst of sign-ups, a case-insensitive address) calls `person` with their addresses.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.signals import user_logged_in
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.accounts.models import User
from hizakoshi.clinic.links.services import care_link_create
from hizakoshi.clinic.models import CareLink, Clinic, Membership, Role
from hizakoshi.clinic.staff.signals import STAFF_LOGIN_AUDIT, staff_logged_in
from hizakoshi.journey.join.consent import CONSENT_VERSION
from hizakoshi.journey.join.services import patient_create

PASSWORD = "knee-and-back-2025"
PATIENT_EMAIL = "hanako@example.jp"
OTHER_PATIENT_EMAIL = "taro@example.jp"
CLINIC_STAFF_EMAIL = "yamada@clinic.example.jp"
OTHER_CLINIC_STAFF_EMAIL = "suzuki@other.example.jp"


def person(email: str, *, password: str = PASSWORD, language: str = "ja") -> User:
    """An account with the journey's consent given, as sign-up leaves it."""
    return patient_create(
        email=email,
        password=password,
        language="en" if language == "en" else "ja",
        consent_version=CONSENT_VERSION,
    )


# --- the clinic's people ----------------------------------------------------------------------

STAFF_PASSWORD = "clinic-staff-passphrase-2026"  # 13+ characters of mixed kinds (MHLW)


def clinic_make(code: str, name: str) -> Clinic:
    return Clinic.objects.create(
        code=code, name=name, phone="03-0000-0000", created_at=timezone.now()
    )


def staff(
    email: str,
    clinic: Clinic,
    *,
    role: str = Role.DOCTOR,
    display_name: str = "山田",
    second_factor: bool = True,
) -> User:
    """A staff account with a live membership and (by default) a confirmed TOTP device."""
    user = User.objects.create_user(email, STAFF_PASSWORD)
    Membership.objects.create(
        user=user, clinic=clinic, role=role, display_name=display_name, started_at=timezone.now()
    )
    if second_factor:
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def staff_login(client: Client, user: User) -> Client:
    """Signs `user` in on `client` as having passed the second factor (their first device).

    A shortcut past the login form, so it leaves no login on the audit trail (the clinic writes
    one for each real staff login: tests/clinic/staff/test_login.py); a test that counts audit
    rows then counts only what the pages it visits wrote."""
    user_logged_in.disconnect(dispatch_uid=STAFF_LOGIN_AUDIT)
    try:
        client.force_login(user)
    finally:
        user_logged_in.connect(staff_logged_in, dispatch_uid=STAFF_LOGIN_AUDIT)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


PATIENT_NAMES = {
    PATIENT_EMAIL: ("佐藤 花子", "サトウ ハナコ"),
    OTHER_PATIENT_EMAIL: ("田中 太郎", "タナカ タロウ"),
}


def linked(person: User, clinic: Clinic) -> CareLink:
    """`person` linked with `clinic`, with the consent to share, as the person's link page does."""
    name, kana = PATIENT_NAMES.get(person.email, ("高橋 一郎", "タカハシ イチロウ"))
    return care_link_create(
        person=person,
        clinic=clinic,
        name=name,
        name_kana=kana,
        birth_date=date(1956, 4, 1),
        language="ja",
        now=timezone.now(),
    )
