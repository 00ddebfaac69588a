"""The people of the tests, as accounts: the factory behind the personas of tests/conftest.py.

A test that needs a patient asks for the `patient` fixture; a test that needs several people of
its own (a burst of sign-ups, a case-insensitive address) calls `person` with their addresses.
"""

from __future__ import annotations

from hizakoshi.accounts.models import User
from hizakoshi.journey.join.consent import CONSENT_VERSION
from hizakoshi.journey.join.services import patient_create

PASSWORD = "knee-and-back-2025"
PATIENT_EMAIL = "hanako@example.jp"
OTHER_PATIENT_EMAIL = "taro@example.jp"


def person(email: str, *, password: str = PASSWORD, language: str = "ja") -> User:
    """An account with the journey's consent given, as sign-up leaves it."""
    return patient_create(
        email=email,
        password=password,
        language="en" if language == "en" else "ja",
        consent_version=CONSENT_VERSION,
    )
