"""The self-care journey's pure core: progression, diary warning signs, progress, escalation.

Typed values in, typed decisions out, each with its reason (ja/en) and its rule's source; time
is always passed in (`today`), never read from the clock. The rules live in
content/journey.yaml. No Django here: the journey app stores the records and calls these.
"""

from hizakoshi.care.journey.content import journey, load_journey
from hizakoshi.care.journey.dayanswers import (
    PainAnswer,
    Weight,
    WeightLossNotice,
    pain_answer,
    weight_loss_check,
    weight_loss_window_start,
)
from hizakoshi.care.journey.diaryflags import (
    DiaryEvents,
    DiaryReport,
    UnknownDiarySign,
    diary_known_signs,
    diary_signs,
    diary_triage,
    event_signs,
)
from hizakoshi.care.journey.escalation import (
    DailyLifeReport,
    EscalationReport,
    Reassessment,
    escalation_review,
)
from hizakoshi.care.journey.ladder import Dose, build_ladder
from hizakoshi.care.journey.painrules import RuleCheck
from hizakoshi.care.journey.pause import Clearance, DiaryPause, diary_pause
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
    "Clearance",
    "DailyLifeReport",
    "DiaryEvents",
    "DiaryPause",
    "DiaryReport",
    "Dose",
    "EscalationReport",
    "ExerciseReview",
    "ExerciseState",
    "PainAnswer",
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
    "Weight",
    "WeightLossNotice",
    "build_ladder",
    "diary_known_signs",
    "diary_pause",
    "diary_signs",
    "diary_triage",
    "escalation_review",
    "event_signs",
    "journey",
    "load_journey",
    "pain_answer",
    "review_exercise",
    "review_walking",
    "series_progress",
    "walking_start",
    "weight_loss_check",
    "weight_loss_window_start",
]
