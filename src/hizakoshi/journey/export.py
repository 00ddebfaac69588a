"""Everything a person has given or been given, as JSON (APPI: the right to get one's data).

Built from the models themselves: every model of the journey app with a `person` field is
included, so a model added later is exported without anyone remembering to add it here.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import DataLog

EXPORT_FORMAT = "hizakoshi-export-1"
# Fields that are not the person's data: internal links, and a secret's hash.
_LEFT_OUT = {"person", "token_hash"}


def person_models() -> list[type[models.Model]]:
    """Every model (any app) with a `person` foreign key to the user, in a stable order."""
    found = [
        m
        for m in apps.get_models()
        if any(f.name == "person" and f.is_relation for f in m._meta.get_fields())
    ]
    return sorted(found, key=lambda m: m._meta.label)


def _rows(model: type[models.Model], person: User) -> list[dict[str, Any]]:
    fields = [
        f.attname
        for f in model._meta.concrete_fields
        if f.name not in _LEFT_OUT and f.attname not in _LEFT_OUT
    ]
    return list(model._default_manager.filter(person=person).order_by("pk").values(*fields))


def export_json(*, person: User) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "account": {
            "email": person.email,
            "language": person.language,
            "created_at": person.created_at,
        },
    }
    for model in person_models():
        data[model._meta.label_lower] = _rows(model, person)
    logs = DataLog.objects.filter(subject_ref=person.log_ref).order_by("at")
    data["journey.datalog"] = list(logs.values("action", "recipient", "purpose", "at"))
    return data
