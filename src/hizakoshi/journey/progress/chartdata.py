"""What the progress charts say and how they scale: words (ja/en), dates, ticks, weekly means.

Split from charts.py (the drawing) so each stays short; pure Python, no Django.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hizakoshi.care.journey.progress import Point
from hizakoshi.care.model import Lang

DOWNSAMPLE_ABOVE = 120  # more points than this in a series: draw weekly means instead


MARKERS_UP_TO = 60  # beyond this, dots merge into a smear; isolated points keep theirs


FONT = 15  # user units: >= 14 px when the chart is shown at its natural width


INK, GRID, AXIS, BAND = "#222", "#d4d4d4", "#555", "#e4e4e4"


_DOTTED = f' stroke="{INK}" stroke-width="2" stroke-dasharray="2 4"/>'  # a target line


# colour (>= 6.5:1 on white), dash pattern, marker: each differs from the others in grey too
STYLES: tuple[tuple[str, str | None, str], ...] = (
    ("#1d4f91", None, "round"),
    ("#a13a00", "10 5", "square"),
    ("#1e6b34", "1 6", "hollow"),
    ("#5b2a86", "14 4 2 4", "round"),
)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# Everything a chart says, per language; {mid} is a name as it reads mid-sentence.
_WORDS: dict[Lang, dict[str, str]] = {
    "ja": {
        "one": "{name}は{span}で{a}から{b}になりました。",
        "many": "{span}で、{each}になりました。",
        "each": "{name}は{a}から{b}",
        "and": "、",
        "single": "{name}の記録は{when}の{v}だけです。",
        "none": "{name}はまだ記録がありません。",
        "weekly": "週ごとの平均で表示しています。",
        "gaps": "線の切れ目は記録のない期間です。",
        "band": "灰色の帯は{name}({low}〜{high})です。",
        "bars": "{span}の{name}は平均{mean}、最後の週({when}〜)は{latest}でした。",
        "week_of": "{when}の週",
        "no_data": "まだ記録がありません",
        "no_records": "まだ記録がありません。",
        "space": "",
    },
    "en": {
        "one": "{name} went from {a} to {b} over {span}.",
        "many": "Over {span}, {each}.",
        "each": "{mid} went from {a} to {b}",
        "and": "; ",
        "single": "{name} has one record: {v} on {when}.",
        "none": "No records yet for {mid}.",
        "weekly": "Shown as weekly averages.",
        "gaps": "Breaks in a line are times without records.",
        "band": "The grey band shows {mid} ({low} to {high}).",
        "bars": "{name} over {span}: {mean} on average, {latest} in the last week (from {when}).",
        "week_of": "Week of {when}",
        "no_data": "No data yet",
        "no_records": "No records yet.",
        "space": " ",
    },
}


@dataclass(frozen=True)
class Series:
    name: str  # already in the person's language
    points: Sequence[Point]
    unit: str = ""  # appended to values in words and tables: "/10", " kg", " min"
    decimals: int = 1
    max_gap_days: int = 3  # points further apart than this are not joined by the line

    def shown(self, value: float) -> str:
        return num(value, self.decimals) + self.unit


@dataclass(frozen=True)
class Band:
    """A shaded range (a target, the MCID band); low == high draws a reference line."""

    low: float
    high: float
    label: str


# --- words --------------------------------------------------------------------------------


def num(value: float, decimals: int = 1) -> str:
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def day_label(day: date, lang: Lang) -> str:
    return f"{day.month}/{day.day}" if lang == "ja" else f"{day.day} {_MONTHS[day.month - 1]}"


def full_date(day: date, lang: Lang) -> str:
    if lang == "ja":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def month_label(day: date, lang: Lang, *, with_year: bool) -> str:
    if lang == "ja":
        return f"{day.year}年{day.month}月" if with_year else f"{day.month}月"
    return f"{_MONTHS[day.month - 1]} {day.year}" if with_year else _MONTHS[day.month - 1]


def span_words(days: int, lang: Lang) -> str:
    if days < 14:
        n, ja, en = days, "日間", "day"
    elif days < 91:
        n, ja, en = round(days / 7), "週間", "week"
    else:
        n, ja, en = round(days / 30.44), "か月", "month"
    return f"{n}{ja}" if lang == "ja" else f"{n} {en}{'' if n == 1 else 's'}"


def text_width(text: str, size: float = FONT) -> float:
    """Rough advance width: CJK glyphs are square, Latin ones about 0.6 em."""
    return sum(size if ord(c) >= 0x2E80 else size * 0.6 for c in text)


def _named(name: str, **more: str) -> dict[str, str]:
    # "Back pain" reads mid-sentence as "back pain"; "PSFS" keeps its capitals
    mid = name[0].lower() + name[1:] if name[1:2].islower() else name
    return {"name": name, "mid": mid, **more}


def _line_desc(series: Sequence[Series], drawn: list[list[Point]], lang: Lang) -> list[str]:
    say = _WORDS[lang]
    days = [p.day for points in drawn for p in points]
    span = span_words((max(days) - min(days)).days, lang)
    pairs = list(zip(series, drawn, strict=True))
    moved = [
        _named(s.name, a=s.shown(p[0].value), b=s.shown(p[-1].value)) for s, p in pairs if p[1:]
    ]
    parts = []
    if len(moved) == 1:
        parts.append(say["one"].format(span=span, **moved[0]))
    elif moved:
        each = say["and"].join(say["each"].format(**m) for m in moved)
        parts.append(say["many"].format(span=span, each=each))
    for s, p in pairs:
        if len(p) == 1:
            when = full_date(p[0].day, lang)
            parts.append(say["single"].format(**_named(s.name, v=s.shown(p[0].value), when=when)))
        elif not p:
            parts.append(say["none"].format(**_named(s.name)))
    return parts


# --- data ---------------------------------------------------------------------------------


def weekly_means(points: Sequence[Point]) -> list[Point]:
    """Mean of each Monday-to-Sunday week, dated on its Monday; weeks without records drop out."""
    weeks: dict[date, tuple[float, int]] = {}
    for day, value in points:
        monday = day - timedelta(days=day.weekday())
        total, count = weeks.get(monday, (0.0, 0))
        weeks[monday] = (total + value, count + 1)
    return [Point(monday, total / count) for monday, (total, count) in sorted(weeks.items())]


def _prepared(series: Sequence[Series]) -> tuple[list[list[Point]], bool]:
    """The points each series draws, and whether they are weekly means (then for every series,
    so that they stay comparable)."""
    ordered = [sorted(s.points) for s in series]
    weekly = max((len(p) for p in ordered), default=0) > DOWNSAMPLE_ABOVE
    return ([weekly_means(p) for p in ordered] if weekly else ordered), weekly


def segments(points: Sequence[Point], max_gap_days: int) -> list[list[Point]]:
    runs: list[list[Point]] = []
    for point in points:
        if runs and (point.day - runs[-1][-1].day).days <= max_gap_days:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


def summary_rows(series: Series | Sequence[Series], *, lang: Lang = "ja") -> list[tuple[str, str]]:
    """(date, value) rows of what the chart shows, for a table beside it or in print."""
    many = [series] if isinstance(series, Series) else list(series)
    drawn, weekly = _prepared(many)
    by_day: dict[date, list[str]] = {}
    for i, (s, points) in enumerate(zip(many, drawn, strict=True)):
        for day, value in points:
            by_day.setdefault(day, ["—"] * len(many))[i] = s.shown(value)
    rows = []
    for day, values in sorted(by_day.items()):
        when = full_date(day, lang)
        if weekly:
            when = _WORDS[lang]["week_of"].format(when=when)
        named = _WORDS[lang]["and"].join(f"{s.name} {v}" for s, v in zip(many, values, strict=True))
        rows.append((when, values[0] if len(many) == 1 else named))
    return rows


# --- scales -------------------------------------------------------------------------------


def nice_ticks(low: float, high: float, most: int = 6, *, whole: bool = False) -> list[float]:
    """Round values (steps of 1, 2, 2.5, 5 x 10^n) inside [low, high]: the finest step that
    gives at most `most` ticks, which always leaves at least two when `most` >= 4. `whole`:
    the values are counts, so the step is a whole number (0, 1, 2, never 0.2 or 2.5)."""
    most = max(most, 4)
    if high <= low:
        return [low]
    mag = 10 ** math.floor(math.log10((high - low) / most))
    steps = (m * mag for m in (1, 2, 2.5, 5, 10, 20, 25, 50, 100))
    for step in (s for s in steps if not whole or (s >= 1 and float(s).is_integer())):
        first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
        if last - first < most:
            return [round(i * step, 10) for i in range(first, last + 1)]
    return [low, high]


def _y_range(
    values: list[float], y_min: float | None, y_max: float | None, *, whole: bool = False
) -> tuple[float, float]:
    if y_min is not None and y_max is not None and y_max <= y_min:
        raise ValueError(f"y_max ({y_max}) must be above y_min ({y_min})")
    low = min(values) if y_min is None else y_min
    high = max(values) if y_max is None else y_max
    if high - low < 1e-9:
        low, high = (low, low + 1) if y_max is None else (high - 1, high)
    ticks = nice_ticks(low, high, whole=whole)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    if y_min is None:
        low = math.floor(low / step + 1e-9) * step
    if y_max is None:
        high = math.ceil(high / step - 1e-9) * step
    return low, high


def date_ticks(first: date, last: date, most: int, lang: Lang) -> list[tuple[date, str]]:
    span = (last - first).days
    for step in (1, 2, 7, 14, 28):
        if span // step + 1 <= most:
            start = first + timedelta(days=(-first.weekday()) % 7) if step >= 7 else first
            days = [start + timedelta(days=step * i) for i in range(span // step + 2)]
            return [(d, day_label(d, lang)) for d in days if d <= last]
    for months in (1, 2, 3, 4, 6, 12, 24, 60, 120):
        index, stops = first.year * 12 + first.month, []  # from the month after `first`
        while (d := date(index // 12, index % 12 + 1, 1)) <= last:
            if index % months == 0:
                stops.append(d)
            index += 1
        if len(stops) <= most:
            return [
                (d, month_label(d, lang, with_year=not i or d.month == 1))
                for i, d in enumerate(stops)
            ]
    return []
