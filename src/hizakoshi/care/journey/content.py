"""Typed models and the loader for content/journey.yaml: the journey's rules as data.

Loaded once and cross-checked: every text uses the same {placeholders} in ja and en, every
diary sign is a rule in redflags.yaml, every NRS/PSFS series names an MCID that
instruments.yaml has. A typo fails at start-up and in CI, never in front of a person.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import Field, model_validator

from hizakoshi.care.model import Frozen, Text
from hizakoshi.care.rules import placeholders
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError, load_yaml_model

Status = Literal["met", "not_met", "unknown"]
CheckId = Literal[
    "sessions", "pain_during", "pain_skips", "next_morning", "weekly_average", "control"
]
Notch = Literal["reps", "sets", "level"]
HoldReason = Literal["too_few", "unknown", "top", "bottom"]
Label = Literal["improved", "unchanged", "worse", "not_enough_data"]
SeriesId = Literal[
    "knee_pain_left",
    "knee_pain_right",
    "back_pain",
    "psfs",
    "chair_stand",
    "locomo_stage",
    "one_leg_standing",
    "sessions",
    "walking_minutes",
    "weight",
]
Direction = Literal["better", "worse", "neither"]
EscalationId = Literal[
    "red_flag_diary",
    "red_flag_reassessment",
    "worse_two_weeks",
    "six_months_no_better",
    "no_better_after_weeks",
    "daily_life_badly_affected",
]

FILE = "journey.yaml"


def _same_placeholders(text: Text, where: str) -> None:
    ja, en = placeholders(text)
    if ja != en:
        raise ValueError(f"{where}: ja uses {sorted(ja)} but en uses {sorted(en)}")


class Words(Frozen):
    """What to say for each outcome of one check."""

    met: Text
    not_met: Text
    unknown: Text


class PainModel(Frozen):
    max_pain_during: int = Field(ge=0, le=10)
    rising_points: float = Field(gt=0, le=10)
    min_sessions: int = Field(ge=1, le=7)
    usual_days: int = Field(ge=7, le=28)  # the diary days before a week that set "usual" pain
    usual_source: str = Field(min_length=3)
    rule: Text
    source: str = Field(min_length=3)
    checks: dict[CheckId, Words]

    @model_validator(mode="after")
    def _every_check_worded(self) -> PainModel:
        missing = set(get_args(CheckId)) - set(self.checks)
        if missing:
            raise ValueError(f"checks: no words for {sorted(missing)}")
        return self


class LadderRule(Frozen):
    id: Literal["strength", "hold"]
    # Hold ladder only: exercises held this long or longer use it.
    min_hold_seconds: int | None = Field(default=None, ge=1)
    rep_step: int = Field(default=1, ge=1, le=10)
    rep_cap: int | None = Field(default=None, ge=1, le=50)  # None: the count stays as planned
    set_cap: int | None = Field(default=None, ge=1, le=5)  # None: the sets stay as planned
    levels: int = Field(ge=1, le=5)
    text: Text
    source: str = Field(min_length=3)


class ProgressionWords(Frozen):
    level: Text
    level_now: Text  # "{text}": what is different at the new level
    step_up: dict[Notch, Text]
    step_back: dict[Notch, Text]
    hold: dict[HoldReason, Text]


class Walking(Frozen):
    step_minutes: int = Field(ge=1, le=30)
    step_steps: int = Field(ge=100, le=2000)
    min_minutes: int = Field(ge=1)
    min_steps: int = Field(ge=100)
    goal_minutes: int = Field(ge=5, le=120)
    goal_days: int = Field(ge=1, le=7)
    goal_steps: int = Field(ge=1000, le=20000)
    older_age: int = Field(ge=40, le=100)
    baseline_min_days: int = Field(ge=1, le=7)
    round_minutes: int = Field(ge=1)
    round_steps: int = Field(ge=1)
    source: str = Field(min_length=3)
    rule: Text
    sessions: Words
    amount: dict[Literal["minutes", "steps"], Text]
    goal: dict[Literal["minutes", "steps", "steps_older"], Text]
    start: dict[Literal["baseline", "fallback"], Text]
    step_up: Text
    step_back: Text
    hold: dict[HoldReason, Text]


class DiaryEvents(Frozen):
    """The wording of the diary's new-event questions and their follow-ups."""

    heading: Text
    fall: Text
    fall_four_steps: Text
    fall_bend: Text
    fall_deformity: Text
    calf: Text
    calf_breathless: Text
    fever: Text
    fever_back_pain: Text
    fever_hot_knee: Text
    source: str = Field(min_length=3)


class PainAnswerWords(Frozen):
    headline: Text  # {pain}
    ease_off: Text
    plan: Text
    seek_help: Text
    source: str = Field(min_length=3)


class WeightLossRule(Frozen):
    percent: float = Field(gt=0, le=50)
    kg: float = Field(gt=0, le=50)
    months: int = Field(ge=1, le=24)
    headline: Text  # {lost} {percent} {months}
    text: Text
    source: str = Field(min_length=3)


class Diary(Frozen):
    heading: Text
    none: Text
    signs: tuple[str, ...] = Field(min_length=1)  # ticked directly
    event_signs: tuple[str, ...] = Field(min_length=1)  # raised by the event questions
    events: DiaryEvents
    pain_answer: PainAnswerWords
    weight_loss: WeightLossRule


class SeriesRule(Frozen):
    id: SeriesId
    name: Text
    display: Text  # "{value}" plus the unit, per language
    # Threshold from instruments.yaml ...
    instrument: str | None = None
    field: str | None = None
    context: str | None = None
    # ... or given here.
    points: float | None = Field(default=None, gt=0)
    percent: float | None = Field(default=None, gt=0)
    bands: tuple[float, ...] = ()
    floor: float = Field(default=0, ge=0)
    # The ends of the scale, for drawing (None: open, e.g. a count or a weight).
    scale: tuple[float | None, float | None] = (None, None)
    band_label: Text | None = None  # "{value}": how a band's line is named on a chart
    higher_is: Direction
    aggregate: Literal["mean", "rate"] = "mean"
    window_days: int = Field(ge=1, le=366)
    min_points: int = Field(ge=0)
    decimals: int = Field(ge=0, le=2)
    rule: Text
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _one_kind_of_threshold(self) -> SeriesRule:
        kinds = [
            self.instrument is not None,
            self.points is not None or self.percent is not None,
            bool(self.bands),
        ]
        if sum(kinds) != 1:
            raise ValueError(f"{self.id}: give one of instrument, points/percent or bands")
        if (self.instrument is None) != (self.field is None):
            raise ValueError(f"{self.id}: instrument and field go together")
        if list(self.bands) != sorted(set(self.bands)):
            raise ValueError(f"{self.id}: bands must rise")
        if (self.band_label is not None) != bool(self.bands):
            raise ValueError(f"{self.id}: band_label goes with bands")
        return self


class WeightGoal(Frozen):
    same_kg: float = Field(gt=0, le=10)  # a goal this close to the first weight: keep it steady
    source: str = Field(min_length=3)


class EscalationWords(Frozen):
    reason: Text
    source: str = Field(min_length=3)


class Escalation(Frozen):
    red_flag_days: int = Field(ge=1, le=60)
    worse_series: tuple[SeriesId, ...]
    no_better_series: tuple[SeriesId, ...]
    back_weeks: int = Field(ge=1, le=26)
    no_better_months: int = Field(ge=1, le=24)
    no_better_recent_days: int = Field(ge=7, le=91)
    specialist_repeat_days: int = Field(ge=1, le=91)
    shown_days: int = Field(ge=1, le=91)
    repeat_source: str = Field(min_length=3)
    specialist_headline: Text
    not_enough_data: Text
    not_fired: Text
    rules: dict[EscalationId, EscalationWords]

    @model_validator(mode="after")
    def _every_rule_worded(self) -> Escalation:
        missing = set(get_args(EscalationId)) - set(self.rules)
        if missing:
            raise ValueError(f"rules: no words for {sorted(missing)}")
        return self


RiskGroup = Literal["low", "medium", "high"]


class StratifiedGroup(Frozen):
    headline: Text  # the risk group in words
    intensity: Text  # the level of care around the self-care plan, in a few words
    plan: Text  # what it means for the plan
    ask_clinic: bool  # recommend asking the clinic for support (show its contact)
    education: tuple[Text, ...]


class Stratified(Frozen):
    source: str = Field(min_length=3)
    shared_education: tuple[Text, ...] = Field(min_length=1)
    groups: dict[RiskGroup, StratifiedGroup]

    @model_validator(mode="after")
    def _every_group(self) -> Stratified:
        if set(self.groups) != set(get_args(RiskGroup)):
            raise ValueError("give the low, medium and high groups")
        return self


class JourneyFile(Frozen):
    pain_model: PainModel
    ladders: tuple[LadderRule, ...]
    progression: ProgressionWords
    walking: Walking
    diary: Diary
    labels: dict[Label, Text]
    compare: Text
    too_early: Text
    missing: Text
    series: tuple[SeriesRule, ...]
    weight_goal: WeightGoal
    escalation: Escalation
    stratified: Stratified

    @model_validator(mode="after")
    def _complete(self) -> JourneyFile:
        if {lad.id for lad in self.ladders} != {"strength", "hold"} or len(self.ladders) != 2:
            raise ValueError("ladders: give one strength and one hold ladder")
        if set(self.labels) != set(get_args(Label)):
            raise ValueError("labels: need improved, unchanged, worse, not_enough_data")
        if {s.id for s in self.series} != set(get_args(SeriesId)) or len(self.series) != len(
            get_args(SeriesId)
        ):
            raise ValueError("series: give each series exactly once")
        for name, words in (
            ("progression.step_up", self.progression.step_up),
            ("progression.step_back", self.progression.step_back),
        ):
            if set(words) != set(get_args(Notch)):
                raise ValueError(f"{name}: need reps, sets and level")
        for name, holds in (
            ("progression.hold", self.progression.hold),
            ("walking.hold", self.walking.hold),
        ):
            if set(holds) != set(get_args(HoldReason)):
                raise ValueError(f"{name}: need too_few, unknown, top and bottom")
        for where, text in _all_texts(self):
            _same_placeholders(text, where)
        return self


def _all_texts(item: object, where: str = "") -> list[tuple[str, Text]]:
    if isinstance(item, Text):
        return [(where, item)]
    found: list[tuple[str, Text]] = []
    if isinstance(item, Frozen):
        for name in type(item).model_fields:
            found += _all_texts(getattr(item, name), f"{where}.{name}".lstrip("."))
    elif isinstance(item, dict):
        for key, value in item.items():
            found += _all_texts(value, f"{where}.{key}")
    elif isinstance(item, tuple):
        for i, value in enumerate(item):
            found += _all_texts(value, f"{where}[{i}]")
    return found


def _cross_check(data: JourneyFile, path: Path) -> None:
    from hizakoshi.care.content import red_flags
    from hizakoshi.care.functiontests import ONE_LEG_CHECK_BELOW_S
    from hizakoshi.care.instruments import instruments

    one_leg = next(s for s in data.series if s.id == "one_leg_standing")
    if one_leg.bands != (ONE_LEG_CHECK_BELOW_S,):
        raise ContentError(
            f"{path}: series one_leg_standing: bands must be the function test's line "
            f"[{ONE_LEG_CHECK_BELOW_S}] (care/functiontests.py)"
        )
    rule_ids = {r.id for r in red_flags().rules}
    for sign in (*data.diary.signs, *data.diary.event_signs):
        if sign not in rule_ids:
            raise ContentError(f"{path}: diary.signs: {sign!r} is not a rule in redflags.yaml")
    known = instruments()
    for s in data.series:
        if s.instrument is None:
            continue
        inst = known.get(s.instrument)
        mcid = None if inst is None else inst.mcid_for(s.field or "", s.context)
        if mcid is None or mcid.context != s.context:
            raise ContentError(
                f"{path}: series {s.id}: instruments.yaml has no MCID "
                f"{s.instrument}.{s.field} (context {s.context})"
            )


def load_journey(directory: Path = CONTENT_DIR) -> JourneyFile:
    data = load_yaml_model(FILE, JourneyFile, directory)
    _cross_check(data, directory / FILE)
    return data


@cache
def journey() -> JourneyFile:
    return load_journey()


def series_rule(series: SeriesId) -> SeriesRule:
    return next(s for s in journey().series if s.id == series)


def fill(template: Text, **parts: Text | object) -> Text:
    """Fill a template with values that may themselves be Texts (each language gets its own)."""

    def pick(lang: Literal["ja", "en"]) -> dict[str, object]:
        return {k: v.get(lang) if isinstance(v, Text) else v for k, v in parts.items()}

    return Text(ja=template.ja.format(**pick("ja")), en=template.en.format(**pick("en")))
