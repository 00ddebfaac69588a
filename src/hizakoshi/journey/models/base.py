"""Shared pieces of the journey's models."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Language(models.TextChoices):
    JA = "ja", "日本語"
    EN = "en", "English"


def person_field(related_name: str) -> models.ForeignKey:  # type: ignore[type-arg]
    # Every health row belongs to one person and goes with their account.
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name=related_name
    )


def between(field: str, low: float, high: float, name: str, *, nullable: bool = True) -> Q:
    """Q for `low <= field <= high` (or NULL), for a CheckConstraint named `name`."""
    inside = Q(**{f"{field}__gte": low, f"{field}__lte": high})
    return inside | Q(**{f"{field}__isnull": True}) if nullable else inside


def range_check(
    field: str, low: float, high: float, *, prefix: str, nullable: bool = True
) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=between(field, low, high, field, nullable=nullable),
        name=f"{prefix}_{field}_range",
    )


def one_of(
    field: str, values: list[str], *, prefix: str, nullable: bool = False
) -> models.CheckConstraint:
    condition = Q(**{f"{field}__in": values})
    if nullable:
        condition |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=f"{prefix}_{field}_known")
