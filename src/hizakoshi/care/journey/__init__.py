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
from hizakoshi.care.journey.progress import (
    Point,
    SeriesProgress,
    band_lines,
    series_progress,
    weight_direction,
)
from hizakoshi.care.journey.progression import (
    ExerciseReview,
    ExerciseState,
    SessionRecord,
    review_exercise,
)
from hizakoshi.care.journey.repeats import (
    Raised,
    held_back,
    red_flag_window_start,
    repeat_lookback_start,
    shown_since,
)
from hizakoshi.care.journey.schedule import (
    Due,
    ReviewWeek,
    checkins_due,
    diary_days,
    diary_editable,
    diary_first_editable,
    next_checkin,
    reassessment_days,
    review_week,
    review_week_end,
    weight_due,
)
from hizakoshi.care.journey.session import SessionPick, dose_minutes, dose_seconds, pick_session
from hizakoshi.care.journey.usualpain import DayPains, next_morning_pain, usual_pain
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
    "DayPains",
    "DiaryEvents",
    "DiaryPause",
    "DiaryReport",
    "Dose",
    "Due",
    "EscalationReport",
    "ExerciseReview",
    "ExerciseState",
    "PainAnswer",
    "Point",
    "Raised",
    "Reassessment",
    "ReviewWeek",
    "RuleCheck",
    "SeriesProgress",
    "SessionPick",
    "SessionRecord",
    "UnknownDiarySign",
    "WalkDay",
    "WalkingReview",
    "WalkingStart",
    "WalkingTarget",
    "Weight",
    "WeightLossNotice",
    "band_lines",
    "build_ladder",
    "checkins_due",
    "diary_days",
    "diary_editable",
    "diary_first_editable",
    "diary_known_signs",
    "diary_pause",
    "diary_signs",
    "diary_triage",
    "dose_minutes",
    "dose_seconds",
    "escalation_review",
    "event_signs",
    "held_back",
    "journey",
    "load_journey",
    "next_checkin",
    "next_morning_pain",
    "pain_answer",
    "pick_session",
    "reassessment_days",
    "red_flag_window_start",
    "repeat_lookback_start",
    "review_exercise",
    "review_walking",
    "review_week",
    "review_week_end",
    "series_progress",
    "shown_since",
    "usual_pain",
    "walking_start",
    "weight_direction",
    "weight_due",
    "weight_loss_check",
    "weight_loss_window_start",
]
