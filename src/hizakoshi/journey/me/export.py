"""Everything a person has given or been given, as JSON (APPI: the right to get one's data).

Built from the models themselves: every model of the journey app with a `person` field is
included, so a model added later is exported without anyone remembering to add it here.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from hizakoshi.accounts.models import User, normalize_email
from hizakoshi.clinic.audit.selectors import audit_events_about
from hizakoshi.journey.models import DataLog

EXPORT_FORMAT = "hizakoshi-export-1"


# Fields that are not the person's data: internal links (to the person, to a clinician's
# account: the rows keep the clinician's name and role as text), and secrets and their hashes
# (a saved result's link, a booking's manage link and idempotency key).
_LEFT_OUT = {
    "person",
    "token_hash",
    "changed_by",
    "written_by",
    "manage_nonce",
    "manage_token_hash",
    "idempotency_key",
    "request_hash",
}
# Beside an id a person cannot read, what it names: the clinic of a care link.
_READABLE: dict[str, dict[str, models.F]] = {
    "clinic.carelink": {"clinic_name": models.F("clinic__name")},
    "clinic.patientstatus": {"clinic_name": models.F("clinic__name")},
    "clinic.booking": {"clinic_name": models.F("clinic__name")},
}


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
    extra = _READABLE.get(model._meta.label_lower, {})
    rows = model._default_manager.filter(person=person).order_by("pk")
    return list(rows.values(*fields, **extra))


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
    # Who at a clinic looked at the records, and when (APPI: the record of provision to a
    # third party is the person's to see). The staff's address (ip) is theirs, not the person's.
    seen = audit_events_about(person=person).order_by("at", "pk")
    data["clinic.auditevent"] = list(
        seen.values("at", "actor_label", "action", "what", clinic_name=models.F("clinic__name"))
    )
    data["login_history"] = login_history(person)
    return data


# --- login history ------------------------------------------------------------------------------
# What the site keeps about logins to the person's address: the last successful login (on the
# user), and django-axes' records of failed ones, matched by the address as account_delete
# matches them. With AXES_DISABLE_ACCESS_LOG successful logins are not logged, and failures are
# kept per address, IP and browser (AccessAttempt: the latest time and the count since the last
# success) unless AXES_ENABLE_ACCESS_FAILURE_LOG also keeps each one (AccessFailureLog). Every
# table is read, so the export stays complete whichever of those settings is on. Never the
# typed form data (AccessAttempt.post_data).
def login_history(person: User) -> dict[str, Any]:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    mine = {"username__iexact": normalize_email(person.email)}
    return {
        "last_login": person.last_login,
        "failed_attempts": list(
            AccessAttempt.objects.filter(**mine)
            .order_by("attempt_time", "pk")
            .values(
                "attempt_time",
                "failures_since_start",
                "ip_address",
                browser=models.F("user_agent"),
            )
        ),
        "failed_attempt_log": list(
            AccessFailureLog.objects.filter(**mine)
            .order_by("attempt_time", "pk")
            .values("attempt_time", "ip_address", "locked_out", browser=models.F("user_agent"))
        ),
        "logins": list(
            AccessLog.objects.filter(**mine)
            .order_by("attempt_time", "pk")
            .values("attempt_time", "logout_time", "ip_address", browser=models.F("user_agent"))
        ),
    }
