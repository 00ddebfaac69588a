"""Reads of saved results."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from hizakoshi.selfcheck.models import SavedResult
from hizakoshi.selfcheck.tokens import token_hash


def result_get(*, token: str, now: datetime | None = None) -> SavedResult | None:
    """The saved result behind a link, or None when the link is unknown or has expired."""
    now = now or timezone.now()
    return SavedResult.objects.filter(token_hash=token_hash(token), expires_at__gt=now).first()


def results_expired(*, now: datetime | None = None) -> QuerySet[SavedResult]:
    return SavedResult.objects.filter(expires_at__lte=now or timezone.now())
