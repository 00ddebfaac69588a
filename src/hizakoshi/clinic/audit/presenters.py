"""The audit trail in words: for the person (what a clinic did with their records, in plain
Japanese) and for the clinic's admin (the action and the page, in staff terms), and as CSV rows.

An event stores codes (`action`, `what`) and the staff member's label as it was at the time
(「山田 (doctor)」, written by the access door); the words are chosen here, when shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hizakoshi.clinic.models import AuditAction, AuditEvent, Role
from hizakoshi.clinic.roles import role_word

# What a clinic did, as the person reads it. Keyed by (what, action); ("what", "") is any action
# on that page; the action alone is the fallback for a page not named here.
_FOR_PERSON: dict[tuple[str, str], Promise] = {
    ("patient_page", ""): _("Looked at your records"),
    ("dashboard", ""): _("Saw you in the clinic's list of patients"),
    ("previsit_pdf", ""): _("Printed the summary of your records for your visit"),
    ("fhir_bundle", ""): _("Copied your records into the clinic's medical records system"),
    ("plan", AuditAction.WRITE): _("Changed your exercise plan"),
    ("plan", ""): _("Looked at your exercise plan"),
    ("acknowledge", ""): _("Noted that they saw a warning sign in your records"),
}
_ACTION_FOR_PERSON: dict[str, Promise] = {
    AuditAction.READ: _("Looked at your records"),
    AuditAction.WRITE: _("Changed your records"),
    AuditAction.EXPORT: _("Copied your records into a file"),
    AuditAction.PRINT: _("Printed your records"),
}


def what_for_person(event: AuditEvent) -> str:
    words = (
        _FOR_PERSON.get((event.what, event.action))
        or _FOR_PERSON.get((event.what, ""))
        or _ACTION_FOR_PERSON.get(event.action)
        or _("Used your records")
    )
    return str(words)


# The staff's terms, for the admin's page and the CSV.
ACTION_LABELS: dict[str, Promise] = {
    AuditAction.LOGIN: _("Login"),
    AuditAction.LOGIN_FAILED: _("Login failed"),
    AuditAction.SECOND_FACTOR_FAILED: _("Second factor refused"),
    AuditAction.READ: _("Read"),
    AuditAction.WRITE: _("Change"),
    AuditAction.EXPORT: _("Export"),
    AuditAction.PRINT: _("Print"),
    AuditAction.AUDIT_EXPORT: _("Audit trail export"),
    AuditAction.MEMBERSHIP: _("Staff membership change"),
}
WHAT_LABELS: dict[str, Promise] = {
    "patient_page": _("Patient page"),
    "dashboard": _("Dashboard"),
    "previsit_pdf": _("Pre-visit summary (PDF)"),
    "fhir_bundle": _("FHIR file"),
    "plan": _("Exercise plan"),
    "acknowledge": _("Acknowledgement of a flag"),
    "audit_csv": _("Audit trail (CSV)"),
    "records": _("Records"),
    "availability": _("Consultation hours"),
    "day_exception": _("Closed day or one-off hours"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def what_label(what: str) -> str:
    return str(WHAT_LABELS.get(what, what))


def actor_words(label: str) -> str:
    """「山田 (doctor)」 as 「山田 (医師)」: the role ending the label, in the page language."""
    for role in Role:
        suffix = f" ({role.label})"
        if label.endswith(suffix):
            return f"{label[: -len(suffix)]} ({role_word(role)})"
    return label


def short_ref(ref: uuid.UUID | None) -> str:
    """A person named by their random log_ref, shortened for a table (the CSV has it whole)."""
    return str(ref)[:8] if ref else ""


def access_rows(events: Iterable[AuditEvent]) -> list[dict[str, Any]]:
    """The person's page: when, who, which clinic, what, in their words."""
    return [
        {
            "at": e.at,
            "who": actor_words(e.actor_label),
            "clinic": e.clinic.name if e.clinic else "",
            "what": what_for_person(e),
        }
        for e in events
    ]


def audit_rows(
    events: Iterable[AuditEvent], names: Mapping[uuid.UUID, str]
) -> list[dict[str, Any]]:
    """The admin's page: one row per event, the person by name while their link is live."""
    return [
        {
            "at": e.at,
            "who": actor_words(e.actor_label),
            "action": action_label(e.action),
            "what": what_label(e.what) if e.what else "",
            "person": names.get(e.subject_ref, "") if e.subject_ref else "",
            "ref": short_ref(e.subject_ref),
            "detail": e.detail,
            "ip": e.ip or "",
        }
        for e in events
    ]


CSV_HEADER = (
    _("Time (UTC)"),
    _("Time (Japan)"),
    _("Staff"),
    _("Staff account id"),
    _("Action"),
    _("Action code"),
    _("Page or record"),
    _("Person (random id)"),
    _("Detail"),
    _("IP address"),
)


JAPAN = ZoneInfo("Asia/Tokyo")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Text a spreadsheet would run as a formula (a staff name typed as 「=HYPERLINK(…)」) is
    kept as text (OWASP: CSV injection)."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def csv_rows(events: Iterable[AuditEvent]) -> Iterator[list[str]]:
    """The header, then one row per event: each time in ISO 8601 in UTC (as stored) and in
    Japanese time, the codes beside their words (a spreadsheet filters on either)."""
    yield [str(h) for h in CSV_HEADER]
    for e in events:
        yield [
            e.at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            e.at.astimezone(JAPAN).isoformat(),
            _cell(actor_words(e.actor_label)),
            str(e.actor_id or ""),
            action_label(e.action),
            e.action,
            _cell(e.what),
            str(e.subject_ref or ""),
            _cell(e.detail),
            e.ip or "",
        ]
