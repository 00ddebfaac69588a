"""The second factor's tests: django-otp's growing wait between wrong codes is off here (a
test sends a wrong code and then the right one at once), except where a test turns it on."""

from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings


@pytest.fixture(autouse=True)
def _no_wait_between_codes(settings: Settings) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
