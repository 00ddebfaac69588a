"""Walking: where it starts and how it changes week by week (clinical-spec §6).

It starts from the person's own first week (or the plan's 10-15 minutes on flat ground) and
goes up by about 5 minutes a day (or 500 steps) in a week that passes the same pain rules as
the exercises, towards 30 minutes on 5 days a week (low-back pain) or 6,000 steps a day; it
goes back one step in a week that does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from pydantic import Field

from hizakoshi.care.journey.content import HoldReason, fill, journey
from hizakoshi.care.journey.painrules import Observation, Outcome, RuleCheck, judge_week
from hizakoshi.care.model import Frozen, Text

Unit = Literal["minutes", "steps"]


class WalkingTarget(Frozen):
    unit: Unit
    per_day: int = Field(ge=1, le=100_000)
    days_per_week: int = Field(default=5, ge=1, le=7)

    def text(self) -> Text:
        value = f"{self.per_day:,}" if self.unit == "steps" else str(self.per_day)
        return journey().walking.amount[self.unit].format(value=value)


class WalkDay(Frozen):
    """One day's walking as the diary or a step counter recorded it."""

    day: date
    minutes: int | None = Field(default=None, ge=0, le=600)
    steps: int | None = Field(default=None, ge=0, le=100_000)
    pain_during: int | None = Field(default=None, ge=0, le=10)
    next_morning_pain: int | None = Field(default=None, ge=0, le=10)
    skipped_for_pain: bool = False  # "I did not walk today because of the pain"
    good_control: bool | None = None

    @property
    def walked(self) -> bool:
        return (self.minutes or 0) > 0 or (self.steps or 0) > 0

    def observation(self) -> Observation:
        return Observation(
            self.day,
            self.walked,
            self.pain_during,
            self.next_morning_pain,
            self.skipped_for_pain,
            self.good_control,
        )


class WalkingStart(Frozen):
    target: WalkingTarget
    from_baseline: bool
    reason: Text
    goal: Text
    source: str


class WalkingReview(Frozen):
    action: Outcome
    hold_reason: HoldReason | None
    before: WalkingTarget
    after: WalkingTarget
    reason: Text
    checks: tuple[RuleCheck, ...]
    goal: Text
    rule: Text
    source: str


def goal_text(unit: Unit, age: int) -> Text:
    rules = journey().walking
    if unit == "minutes":
        return rules.goal["minutes"]
    return rules.goal["steps_older" if age >= rules.older_age else "steps"]


def _rounded(value: float, unit: Unit) -> int:
    rules = journey().walking
    size = rules.round_minutes if unit == "minutes" else rules.round_steps
    floor = rules.min_minutes if unit == "minutes" else rules.min_steps
    return max(floor, int(value / size + 0.5) * size)


def walking_start(
    days: Iterable[WalkDay],
    *,
    start: date,
    today: date,
    fallback_minutes: int,
    age: int,
    unit: Unit = "minutes",
) -> WalkingStart:
    """The first target: the mean of the first week's walking days in `unit` (minutes falls
    back to steps and the other way round), or the plan's `fallback_minutes` when the first week
    is not over yet or has fewer than the needed days recorded."""
    rules = journey().walking
    week_end = start + timedelta(days=6)
    values: dict[Unit, dict[date, int]] = {"minutes": {}, "steps": {}}
    if today >= week_end:
        for d in days:
            if start <= d.day <= week_end:
                if d.minutes:
                    values["minutes"][d.day] = d.minutes
                if d.steps:
                    values["steps"][d.day] = d.steps
    other: Unit = "steps" if unit == "minutes" else "minutes"
    for chosen in (unit, other):
        found = values[chosen]
        if len(found) >= rules.baseline_min_days:
            target = WalkingTarget(
                unit=chosen, per_day=_rounded(sum(found.values()) / len(found), chosen)
            )
            return WalkingStart(
                target=target,
                from_baseline=True,
                reason=fill(rules.start["baseline"], amount=target.text()),
                goal=goal_text(chosen, age),
                source=rules.source,
            )
    target = WalkingTarget(unit="minutes", per_day=max(rules.min_minutes, fallback_minutes))
    return WalkingStart(
        target=target,
        from_baseline=False,
        reason=fill(
            rules.start["fallback"], amount=target.text(), min_days=rules.baseline_min_days
        ),
        goal=goal_text("minutes", age),
        source=rules.source,
    )


def next_target(target: WalkingTarget, up: bool) -> WalkingTarget | None:
    """One step up (capped at the goal) or down (not below the floor); None when already there."""
    rules = journey().walking
    if target.unit == "minutes":
        size, goal, floor = rules.step_minutes, rules.goal_minutes, rules.min_minutes
    else:
        size, goal, floor = rules.step_steps, rules.goal_steps, rules.min_steps
    if up:
        if target.per_day >= goal:
            return None
        return target.model_copy(update={"per_day": min(target.per_day + size, goal)})
    if target.per_day <= floor:
        return None
    return target.model_copy(update={"per_day": max(target.per_day - size, floor)})


def review_walking(
    target: WalkingTarget,
    days: Iterable[WalkDay],
    *,
    usual_pain: int,
    today: date,
    age: int,
) -> WalkingReview:
    if not 0 <= usual_pain <= 10:
        raise ValueError("usual_pain must be 0-10")
    rules = journey().walking
    verdict = judge_week(
        (d.observation() for d in days),
        usual_pain=usual_pain,
        today=today,
        sessions_words=rules.sessions,
    )
    after: WalkingTarget | None = None
    hold_reason = verdict.hold_reason
    if verdict.outcome != "hold":
        after = next_target(target, up=verdict.outcome == "step_up")
        if after is None:
            hold_reason = "top" if verdict.outcome == "step_up" else "bottom"
    if after is None:
        assert hold_reason is not None
        action: Outcome = "hold"
        template = rules.hold[hold_reason]
    else:
        action = verdict.outcome
        template = rules.step_up if action == "step_up" else rules.step_back
    return WalkingReview(
        action=action,
        hold_reason=hold_reason if action == "hold" else None,
        before=target,
        after=after or target,
        reason=fill(template, before=target.text(), after=(after or target).text()),
        checks=verdict.checks,
        goal=goal_text(target.unit, age),
        rule=rules.rule,
        source=rules.source,
    )
