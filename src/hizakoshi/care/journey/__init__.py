"""The self-care journey's pure core: progression, diary warning signs, progress, escalation.

Typed values in, typed decisions out, each with its reason (ja/en) and its rule's source; time
is always passed in (`today`), never read from the clock. The rules live in
content/journey.yaml. No Django here: the journey app stores the records and calls these.
"""

from hizakoshi.care.journey.content import journey, load_journey
from hizakoshi.care.journey.diaryflags import (
    DiaryReport,
    UnknownDiarySign,
    diary_signs,
    diary_triage,
)
from hizakoshi.care.journey.escalation import (
    DailyLifeReport,
    EscalationReport,
    Reassessment,
    escalation_review,
)
from hizakoshi.care.journey.ladder import Dose, build_ladder
from hizakoshi.care.journey.painrules import RuleCheck
from hizakoshi.care.journey.progress import Point, SeriesProgress, series_progress
from hizakoshi.care.journey.progression import (
    ExerciseReview,
    ExerciseState,
    SessionRecord,
    review_exercise,
)
from hizakoshi.care.journey.walking import (
    WalkDay,
    WalkingReview,
    WalkingStart,
    WalkingTarget,
    review_walking,
    walking_start,
)

__all__ = [
    "DailyLifeReport",
    "DiaryReport",
    "Dose",
    "EscalationReport",
    "ExerciseReview",
    "ExerciseState",
    "Point",
    "Reassessment",
    "RuleCheck",
    "SeriesProgress",
    "SessionRecord",
    "UnknownDiarySign",
    "WalkDay",
    "WalkingReview",
    "WalkingStart",
    "WalkingTarget",
    "build_ladder",
    "diary_signs",
    "diary_triage",
    "escalation_review",
    "journey",
    "load_journey",
    "review_exercise",
    "review_walking",
    "series_progress",
    "walking_start",
]
