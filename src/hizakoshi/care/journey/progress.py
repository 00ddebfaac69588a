"""Progress over time: each series labelled improved / unchanged / worse by its threshold.

A series is a list of dated values (knee pain per side, back pain, PSFS mean, function tests,
sessions done, walking minutes, weight). The first `window_days` from the start (the baseline)
are compared with the last `window_days` up to `today`; the thresholds and their sources are
in journey.yaml (NRS and PSFS thresholds come from instruments.yaml through classify_change).
Every function is a single pass over the points, in any order, so two years of daily data
cost the same few milliseconds whatever the history holds.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Literal, NamedTuple

from hizakoshi.care.instruments import classify_change
from hizakoshi.care.journey.content import (
    Direction,
    Label,
    SeriesId,
    SeriesRule,
    fill,
    journey,
    series_rule,
)
from hizakoshi.care.journey.schedule import DAY
from hizakoshi.care.model import Frozen, Text

Change = Literal["improved", "unchanged", "worse"]
_EPS = 1e-9  # a change of exactly the threshold counts despite binary floating point


class Point(NamedTuple):
    day: date
    value: float


class WeekValue(NamedTuple):
    start: date
    value: float | None  # mean of the week, or the count for a rate; None = no record
    records: int


class Window(NamedTuple):
    first: date
    last: date


class SeriesProgress(Frozen):
    series: SeriesId
    name: Text
    label: Label
    label_text: Text
    baseline: float | None
    recent: float | None
    change: float | None
    reason: Text  # the two windows and the change, with the person's numbers
    rule: Text  # the threshold in words
    source: str
    weekly: tuple[WeekValue, ...]  # for the chart, from the start week to today's week


def window_sums(points: Iterable[Point], windows: Sequence[Window]) -> list[tuple[float, int]]:
    """(sum, count) of the values inside each window, in one pass over the points."""
    sums = [0.0] * len(windows)
    counts = [0] * len(windows)
    for day, value in points:
        for i, (first, last) in enumerate(windows):
            if first <= day <= last:
                sums[i] += value
                counts[i] += 1
    return list(zip(sums, counts, strict=True))


def window_value(rule: SeriesRule, total: float, count: int) -> float | None:
    """The value a window stands for: the mean, or for a rate the count per week."""
    if rule.aggregate == "rate":
        return count / (rule.window_days / 7)
    if count < max(1, rule.min_points):
        return None
    return total / count


def classify(
    rule: SeriesRule, before: float, after: float, direction: Direction | None = None
) -> Change:
    """improved / unchanged / worse for one series, by its own threshold."""
    direction = direction or rule.higher_is
    delta = after - before
    if rule.bands:
        moved = bisect_right(rule.bands, after) - bisect_right(rule.bands, before)
        if moved == 0:
            return "unchanged"
        return _direction_label(moved, direction)
    if abs(delta) + _EPS < rule.floor or delta == 0:
        return "unchanged"
    if rule.instrument is not None:
        assert rule.field is not None
        if direction != rule.higher_is:
            raise ValueError(f"{rule.id}: the instrument fixes the direction")
        return classify_change(rule.instrument, rule.field, before, after, rule.context)
    size = abs(delta) + _EPS
    met = (rule.points is not None and size >= rule.points) or (
        rule.percent is not None and before != 0 and size / abs(before) * 100 >= rule.percent
    )
    return _direction_label(delta, direction) if met else "unchanged"


def _direction_label(delta: float, direction: Direction) -> Change:
    if direction == "neither":  # e.g. weight when the goal is to keep it steady
        return "worse"
    better = delta > 0 if direction == "better" else delta < 0
    return "improved" if better else "worse"


def shown(rule: SeriesRule, value: float | None) -> Text:
    if value is None:
        return Text(ja="—", en="—")
    return rule.display.format(value=f"{value:.{rule.decimals}f}")


def weekly(points: Iterable[Point], rule: SeriesRule, start: date, today: date) -> list[WeekValue]:
    weeks = max(0, (today - start).days // 7 + 1)
    sums, counts = [0.0] * weeks, [0] * weeks
    for day, value in points:
        if start <= day <= today:
            i = (day - start).days // 7
            sums[i] += value
            counts[i] += 1
    return [
        WeekValue(
            start + timedelta(days=7 * i),
            float(counts[i])
            if rule.aggregate == "rate"
            else sums[i] / counts[i]
            if counts[i]
            else None,
            counts[i],
        )
        for i in range(weeks)
    ]


def series_progress(
    series: SeriesId,
    points: Iterable[Point],
    *,
    today: date,
    start: date | None = None,
    direction: Direction | None = None,
) -> SeriesProgress:
    """Compare the first and the last `window_days` of a series.

    `start`: the start of self-care (defaults to the first point's day). For a rate series
    (sessions) give it, since a week without sessions has no point. `direction` overrides the
    rule's for weight: "worse" when the goal is to lose weight, "neither" to keep it steady.
    """
    rule = series_rule(series)
    kept = [p for p in points if p.day <= today]
    if start is None:
        start = min((p.day for p in kept), default=today)
    kept = [p for p in kept if p.day >= start]
    content = journey()
    w = rule.window_days
    baseline_w = Window(start, start + (w - 1) * DAY)
    recent_w = Window(today - (w - 1) * DAY, today)
    (b_sum, b_n), (r_sum, r_n) = window_sums(kept, (baseline_w, recent_w))
    base, recent = window_value(rule, b_sum, b_n), window_value(rule, r_sum, r_n)

    label: Label
    change: float | None = None
    if recent_w.first <= baseline_w.last:
        label = "not_enough_data"
        reason = content.too_early.format(days=2 * w)
    elif base is None or recent is None:
        label = "not_enough_data"
        reason = content.missing.format(window=w, min_points=max(1, rule.min_points))
    else:
        change = recent - base
        label = classify(rule, base, recent, direction)
        reason = fill(
            content.compare,
            window=w,
            baseline=shown(rule, base),
            recent=shown(rule, recent),
            change=f"{change:+.{rule.decimals}f}",
        )
    return SeriesProgress(
        series=series,
        name=rule.name,
        label=label,
        label_text=content.labels[label],
        baseline=base,
        recent=recent,
        change=change,
        reason=reason,
        rule=rule.rule,
        source=rule.source,
        weekly=tuple(weekly(kept, rule, start, today)),
    )


def weight_direction(points: Sequence[Point], goal_kg: float | None) -> Direction | None:
    """The weight series' direction from the person's goal (journey.yaml weight_goal): "worse"
    (a higher weight is worse) when the goal is below the first weight, "better" when above,
    "neither" (keep it steady) within same_kg; None without a goal or a weight."""
    if goal_kg is None or not points:
        return None
    first = min(points).value
    if abs(goal_kg - first) < journey().weight_goal.same_kg:
        return "neither"
    return "worse" if goal_kg < first else "better"


class Line(NamedTuple):
    value: float
    label: Text


def band_lines(series: SeriesId) -> tuple[Line, ...]:
    """The lines a series is judged by crossing (e.g. one-leg standing's 15 s), named for a
    chart; empty for a series judged by a change size."""
    rule = series_rule(series)
    if rule.band_label is None:
        return ()
    return tuple(Line(b, rule.band_label.format(value=f"{b:g}")) for b in rule.bands)
