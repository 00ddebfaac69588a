"""Typed values that flow through the core: the person's answers and the assessment.

Everything here is plain data (pydantic models, frozen). The engine (`care.assess`) takes an
`Answers` and returns an `Assessment`; the web page, the JSON API and the CLI all go through it.
Texts the person reads are `Text` pairs (Japanese and English); `Assessment.localized(lang)`
turns every `Text` into a plain string for one language.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from annotated_types import Ge, Le
from pydantic import BaseModel, ConfigDict

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")

YesNoUnknown = Literal["yes", "no", "unknown"]
Duration = Literal["under_6w", "6w_3m", "3m_6m", "6m_1y", "over_1y", "unknown"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def field_bounds(model: type[BaseModel], field: str) -> tuple[int, int]:
    """The smallest and the largest whole value a model's field takes (its Field(ge=, le=)):
    the forms that let people enter one ask the core's own type, never a copy of its limits."""
    low = high = None
    for item in model.model_fields[field].metadata:
        if isinstance(item, Ge):
            low = int(item.ge)  # type: ignore[call-overload]
        if isinstance(item, Le):
            high = int(item.le)  # type: ignore[call-overload]
    assert low is not None and high is not None, f"{model.__name__}.{field} has no bounds"
    return low, high


class Text(Frozen):
    """One sentence or phrase in both languages. Written by us, never copied from a source."""

    ja: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.ja if lang == "ja" else self.en

    def format(self, **params: object) -> Text:
        return Text(ja=self.ja.format(**params), en=self.en.format(**params))


# --- Answers -----------------------------------------------------------------------------------
# Field names are the question ids of care/content/questions.yaml (a test keeps them in step).
# None means "not asked" (hidden by shown_if) or "not answered / don't know" for optional numbers.


class Answers(Frozen):
    """The person's answers. Only the first screen is always complete: when a sign that needs a
    doctor today or sooner is ticked, the rest of the questions become optional (the person may
    go straight to the result), so every later field has a neutral default ("unknown", 0, empty)
    and `complete` says whether the whole questionnaire was answered."""

    # about you
    age: int
    sex: Literal["female", "male", "other"]
    height_cm: float | None = None
    weight_kg: float | None = None
    desk_work: Literal["yes", "no"]
    activity: Literal["low", "some", "active"]
    # red-flag screens
    urgent_signs: tuple[str, ...] = ()
    calf_breathless: Literal["yes", "no"] | None = None
    other_signs: tuple[str, ...] = ()
    osteoporosis_fall: Literal["yes", "no"] | None = None
    # knee
    knee_pain: int = 0
    knee_side: Literal["left", "right", "both"] | None = None
    knee_duration: Duration = "unknown"
    knee_activities: tuple[str, ...] = ()
    knee_stiffness_min: int | None = None
    knee_swelling: YesNoUnknown = "unknown"
    knee_swelling_onset: Literal["days", "longer", "unknown"] | None = None
    knee_warmth: YesNoUnknown = "unknown"
    knee_locking: YesNoUnknown = "unknown"
    knee_giving_way: YesNoUnknown = "unknown"
    knee_crepitus: YesNoUnknown = "unknown"
    knee_recent_injury: Literal["yes", "no"] = "no"
    knee_injury_when: Literal["this_week", "earlier", "unknown"] | None = None
    knee_injury_four_steps: Literal["yes", "no", "unknown"] | None = None
    knee_injury_bend: Literal["yes", "no", "unknown"] | None = None
    knee_injury_deformity: YesNoUnknown | None = None
    # back
    back_pain: int = 0
    back_duration: Duration = "unknown"
    back_leg_symptoms: Literal["none", "buttock", "thigh", "below_knee", "unknown"] = "unknown"
    back_worse_sitting: YesNoUnknown = "unknown"
    knee_pain_after_sitting: YesNoUnknown | None = None
    back_eases_sitting_forward: YesNoUnknown = "unknown"
    back_after_walking: YesNoUnknown = "unknown"
    morning_both_ease: YesNoUnknown = "unknown"
    # timing
    first: Literal["knee", "back", "same_time", "unknown"] = "unknown"
    gap_months: int | None = None
    worse_in_cold: YesNoUnknown = "unknown"
    # balance and general
    unsteady: YesNoUnknown = "unknown"
    falls_past_year: YesNoUnknown = "unknown"
    weight_change: Literal["gained", "stable", "lost", "unknown"] = "unknown"
    legs_feel_weak: YesNoUnknown = "unknown"
    # what they have tried
    tried: tuple[str, ...] = ()
    selfcare_months: int | None = None
    selfcare_helped: Literal["yes", "a_little", "no", "unknown"] | None = None
    # impact
    daily_life: Literal["little", "moderate", "severe"] | None = None
    # False when the person stopped early to get care (a sign that needs a doctor today or
    # sooner); the later answers then hold their defaults and nothing is computed from them.
    complete: bool = True

    @property
    def knee_hurts(self) -> bool:
        return self.knee_pain > 0

    @property
    def back_hurts(self) -> bool:
        return self.back_pain > 0


# --- Assessment --------------------------------------------------------------------------------


class Urgency(StrEnum):
    """Ordered from most to least urgent (see URGENCY_ORDER)."""

    EMERGENCY = "emergency"  # go to hospital now / call 119
    SAME_DAY = "same_day"  # see a doctor today; pause self-care
    WITHIN_DAYS = "within_days"  # see a doctor within a few days; pause self-care
    SOON = "soon"  # book a routine visit; gentle self-care may go on
    NONE = "none"


URGENCY_ORDER: tuple[Urgency, ...] = (
    Urgency.EMERGENCY,
    Urgency.SAME_DAY,
    Urgency.WITHIN_DAYS,
    Urgency.SOON,
    Urgency.NONE,
)


class Pattern(StrEnum):
    KNEE_ORIGIN = "knee_origin"
    BACK_ORIGIN = "back_origin"
    CONCURRENT = "concurrent"
    UNDETERMINED = "undetermined"
    # Only one pain this week: how knee and back are linked is not judged (clinical-spec.md §1).
    KNEE_ONLY = "knee_only"
    BACK_ONLY = "back_only"


class RedFlagHit(Frozen):
    id: str
    urgency: Urgency
    sign: Text  # what the person told us, in plain words
    why: Text  # why it matters, without naming a diagnosis as certain
    source: str


class Triage(Frozen):
    urgency: Urgency
    hits: tuple[RedFlagHit, ...]
    headline: Text
    what_to_do: tuple[Text, ...]  # for an emergency this includes calling 119
    self_care_paused: bool  # emergency, same_day, within_days: no self-care of any kind is given
    # What to tell the doctor: the signs in the person's own words and since when (paused only).
    for_doctor: tuple[Text, ...] = ()


class Reason(Frozen):
    id: str
    points_to: Pattern
    weight: float
    text: Text  # built from the person's own answers
    source: str


class PatternResult(Frozen):
    pattern: Pattern
    # "not_judged": only one pain (or none) this week, so no link between them is weighed.
    likelihood: Literal["likely", "possible", "undetermined", "not_judged"]
    scores: dict[str, float]  # pattern value -> summed weight, for transparency
    # The answers that point to the chosen pattern (for "undetermined": every answer weighed).
    reasons: tuple[Reason, ...]
    summary: Text
    confirm: Text  # always: a clinician should confirm
    hip_note: Text | None = None  # when features fit hip disease presenting as knee pain
    # The answers that point to another pattern, shown apart as "what points elsewhere".
    other_reasons: tuple[Reason, ...] = ()


class Priority(Frozen):
    focus: Literal["knee", "back", "both"]
    headline: Text
    why: Text


class Dosage(Frozen):
    hold_seconds: int | None = None
    reps: int | None = None
    sets: int
    times_per_day: int
    per_side: bool = False
    text: Text


class PlannedExercise(Frozen):
    id: str
    name: Text
    targets: Literal["knee", "back", "both", "balance"]
    dosage: Dosage
    why: Text
    caution: Text | None = None  # a modification because of the person's answers
    source: str


class WalkingPlan(Frozen):
    minutes_per_day: int
    days_per_week: int
    text: Text
    water_walking: Text
    source: str


class Plan(Frozen):
    exercises: tuple[PlannedExercise, ...]
    walking: WalkingPlan
    stop_rule: Text  # pain-monitoring model
    note: Text  # e.g. pain may rise a little at first
    source: str


class ThermalAdvice(Frozen):
    site: Literal["knee", "back", "both"]
    choice: Literal["heat", "cold", "either", "avoid_both"]
    text: Text
    how: Text  # temperature / duration limits
    cautions: tuple[Text, ...]
    rule_id: str
    source: str


class WeightResult(Frozen):
    bmi: float | None
    over_cutoff: bool | None  # BMI >= 25 (JASSO); None when height or weight unknown
    knee_load_per_kg: float  # ~4 kg less knee load per kg lost, every step
    examples: tuple[tuple[float, float], ...]  # (kg lost, kg less load per step)
    target_5pct_kg: float | None
    target_10pct_kg: float | None
    text: Text
    pace: Text
    source: str


class Tip(Frozen):
    id: str
    topic: Literal["daily", "home", "walking", "nutrition", "education"]
    text: Text
    title: Text | None = None  # a short heading, when the content gives one
    why: Text | None = None  # which answers selected it; None for an item for everyone
    source: str


class MedicalOption(Frozen):
    id: str
    name: Text
    text: Text
    evidence: Text
    insurance: Literal["covered", "partly", "not_covered"]
    disclosure: Text | None = None  # required notes for 自由診療 / unapproved treatments
    source: str


class Referral(Frozen):
    headline: Text
    reasons: tuple[Text, ...]
    six_month_rule: bool  # long self-care without improvement (the article's rule)
    options: tuple[MedicalOption, ...]
    source: str


class Assessment(Frozen):
    engine_version: str
    content_hash: str
    triage: Triage
    # Everything below the triage is None or empty when self-care is paused (emergency, same
    # day, within days): red flags override the pattern, the plan, heat/cold, weight and tips.
    pattern: PatternResult | None
    priority: Priority | None
    plan: Plan | None
    thermal: tuple[ThermalAdvice, ...]
    weight: WeightResult | None
    tips: tuple[Tip, ...]
    referral: Referral
    education: tuple[Text, ...]  # the three mechanisms, briefly (empty when paused)
    answers_complete: bool = True  # False when the person stopped early to get care
    disclaimer: Text  # self-care support, not a diagnosis

    def localized(self, lang: Lang) -> dict[str, Any]:
        """The assessment as JSON-ready data with every Text resolved to one language."""
        data: dict[str, Any] = _localize(self.model_dump(mode="json"), lang)
        return data


def _localize(value: Any, lang: Lang) -> Any:
    if isinstance(value, dict):
        if set(value) == {"ja", "en"} and all(isinstance(v, str) for v in value.values()):
            return value[lang]
        return {k: _localize(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [_localize(v, lang) for v in value]
    return value
