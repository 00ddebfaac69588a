"""A new (or reset) member's setup code: what lets them set up their authenticator app.

Without it the password alone would be enough to enrol an app at the first login, so whoever
had the password first could make the account's second factor their own (MHLW guideline 6.0:
two independent factors). The clinic admin hands the code over in person; only its keyed hash
is stored (clinic/staff/codes.py), with the time it stops working. One per user: a new code
replaces the old, and the code is deleted once the app is confirmed (used once).
"""

# Model Meta lists are Django convention (the project ignores RUF012 in models.py files too).
# ruff: noqa: RUF012
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class SetupCode(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="setup_code"
    )
    code_hash = models.CharField(max_length=64)  # HMAC-SHA256 keyed with SECRET_KEY, hex
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("issued_at")), name="setupcode_expires_after_issue"
            )
        ]

    def __str__(self) -> str:
        return f"SetupCode {self.pk}"
