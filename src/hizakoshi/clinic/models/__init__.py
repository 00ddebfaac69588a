"""The clinic's tables. Split by subject; every model is importable from here."""

from hizakoshi.clinic.models.audit import AuditAction, AuditEvent
from hizakoshi.clinic.models.booking import (
    Availability,
    Booking,
    BookingNotice,
    BookingStatus,
    ContactBy,
    DayException,
    NoticeKind,
    ReminderStatus,
)
from hizakoshi.clinic.models.clinic import CareLink, Clinic, Membership, Role
from hizakoshi.clinic.models.enrol import SetupCode
from hizakoshi.clinic.models.status import Acknowledgement, AttentionKind, PatientStatus

__all__ = [
    "Acknowledgement",
    "AttentionKind",
    "AuditAction",
    "AuditEvent",
    "Availability",
    "Booking",
    "BookingNotice",
    "BookingStatus",
    "CareLink",
    "Clinic",
    "ContactBy",
    "DayException",
    "Membership",
    "NoticeKind",
    "PatientStatus",
    "ReminderStatus",
    "Role",
    "SetupCode",
]
