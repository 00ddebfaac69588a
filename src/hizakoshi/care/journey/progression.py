"""Weekly progression of one exercise by the pain-monitoring model (clinical-spec §6).

`review_exercise(state, records, usual_pain=..., today=...)` looks at the week ending on `today`
and decides: step up one rung (repetitions, then sets, then level), hold, or step back one rung.
The decision carries the person's own numbers for every sign, the rule in words, and its source.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from hizakoshi.care.content import exercises
from hizakoshi.care.journey.content import HoldReason, Notch, fill, journey
from hizakoshi.care.journey.ladder import Dose, build_ladder, ladder_rule, notch, step
from hizakoshi.care.journey.painrules import Observation, Outcome, RuleCheck, judge_week
from hizakoshi.care.model import Frozen, Text

SkipReason = Literal["pain", "unwell", "no_time", "other"]


class SessionRecord(Frozen):
    """One exercise on one day: done (with the session's pain) or skipped with a reason."""

    day: date
    done: bool = True
    pain_during: int | None = Field(default=None, ge=0, le=10)
    next_morning_pain: int | None = Field(default=None, ge=0, le=10)
    skip_reason: SkipReason | None = None
    good_control: bool | None = None  # "I feel the pain is under good control"

    @model_validator(mode="after")
    def _skips_say_why(self) -> SessionRecord:
        if self.done == (self.skip_reason is not None):
            raise ValueError("a skipped exercise needs a reason; a done one has none")
        return self

    def observation(self) -> Observation:
        return Observation(
            self.day,
            self.done,
            self.pain_during,
            self.next_morning_pain,
            self.skip_reason == "pain",
            self.good_control,
        )


class ExerciseState(Frozen):
    exercise_id: str
    start: Dose  # the amount the plan began with; it defines the ladder
    current: Dose


class ExerciseReview(Frozen):
    exercise_id: str
    action: Outcome
    notch: Notch | None  # what moved; None when it holds
    hold_reason: HoldReason | None
    before: Dose
    after: Dose
    reason: Text  # what changed and why, in one sentence
    checks: tuple[RuleCheck, ...]  # every sign with the person's numbers
    rule: Text  # the pain rule and how this exercise steps
    source: str


def review_exercise(
    state: ExerciseState,
    records: Iterable[SessionRecord],
    *,
    usual_pain: int,
    today: date,
) -> ExerciseReview:
    """The week's decision for one exercise. `records` are this exercise's, any span of dates;
    `usual_pain` is the person's usual level (0-10) that next-morning pain must settle to."""
    if not 0 <= usual_pain <= 10:
        raise ValueError("usual_pain must be 0-10")
    content = journey()
    verdict = judge_week((r.observation() for r in records), usual_pain=usual_pain, today=today)
    rule = ladder_rule(state.start)
    exercise = exercises().get(state.exercise_id)
    ladder = build_ladder(state.start, rule, exercise.levels if exercise else None)
    before = state.current
    after: Dose | None = None
    hold_reason = verdict.hold_reason
    if verdict.outcome != "hold":
        after = step(before, ladder, up=verdict.outcome == "step_up")
        if after is None:
            hold_reason = "top" if verdict.outcome == "step_up" else "bottom"

    words = content.progression
    if after is None:
        assert hold_reason is not None
        action: Outcome = "hold"
        moved: Notch | None = None
        template = words.hold[hold_reason]
    else:
        action, moved = verdict.outcome, notch(before, after)
        template = (words.step_up if action == "step_up" else words.step_back)[moved]
    reason = fill(template, before=before.text(), after=(after or before).text())
    level_text = None
    if exercise is not None and after is not None and moved == "level":
        level_text = exercise.level_text(after.level)
    if level_text is not None:
        now = fill(words.level_now, text=level_text)
        reason = Text(ja=f"{reason.ja}{now.ja}", en=f"{reason.en} {now.en}")
    model = content.pain_model
    return ExerciseReview(
        exercise_id=state.exercise_id,
        action=action,
        notch=moved,
        hold_reason=hold_reason if action == "hold" else None,
        before=before,
        after=after or before,
        reason=reason,
        checks=verdict.checks,
        rule=Text(ja=f"{model.rule.ja}{rule.text.ja}", en=f"{model.rule.en} {rule.text.en}"),
        source=f"{model.source}; {rule.source}",
    )
