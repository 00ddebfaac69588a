"""Reads of saved results."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from hizakoshi.selfcheck.models import SavedResult
from hizakoshi.selfcheck.tokens import token_hash


def result_get(*, token: str, now: datetime | None = None) -> SavedResult | None:
    """The saved result behind a link, or None when the link is unknown or has expired.

    The answers and the assessment are loaded only when used: the saved page usually shows a
    cached rendering, and decoding their JSON would be most of the page's cost.
    """
    now = now or timezone.now()
    found = SavedResult.objects.filter(token_hash=token_hash(token), expires_at__gt=now)
    return found.defer("answers", "assessment").first()


def results_expired(*, now: datetime | None = None) -> QuerySet[SavedResult]:
    return SavedResult.objects.filter(expires_at__lte=now or timezone.now())
