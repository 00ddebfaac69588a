"""The journey's records. Every health row has `person` (the account) with CASCADE, so deleting
the account deletes them; times are stored in UTC, days are the person's Japanese calendar days."""

from hizakoshi.journey.models.access import CalendarFeed, DataLog, DataLogAction
from hizakoshi.journey.models.activity import (
    SESSION_DAY_FROM,
    DailyLife,
    DiaryEntry,
    ExerciseSession,
    Feeling,
    ResumeRecord,
    SessionItem,
)
from hizakoshi.journey.models.measures import (
    Escalation,
    FunctionTest,
    FunctionTestKind,
    OutcomeResponse,
    PsfsActivity,
)
from hizakoshi.journey.models.notes import NOTE_MAX_LENGTH, ClinicianNote
from hizakoshi.journey.models.plan import (
    Assessment,
    AssessmentSource,
    ConsentPurpose,
    JourneyConsent,
    PlanItem,
    PlanOrigin,
    Profile,
    WalkingTarget,
    WalkingUnit,
)

__all__ = [
    "NOTE_MAX_LENGTH",
    "SESSION_DAY_FROM",
    "Assessment",
    "AssessmentSource",
    "CalendarFeed",
    "ClinicianNote",
    "ConsentPurpose",
    "DailyLife",
    "DataLog",
    "DataLogAction",
    "DiaryEntry",
    "Escalation",
    "ExerciseSession",
    "Feeling",
    "FunctionTest",
    "FunctionTestKind",
    "JourneyConsent",
    "OutcomeResponse",
    "PlanItem",
    "PlanOrigin",
    "Profile",
    "PsfsActivity",
    "ResumeRecord",
    "SessionItem",
    "WalkingTarget",
    "WalkingUnit",
]
