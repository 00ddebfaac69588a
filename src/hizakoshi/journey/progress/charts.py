"""Server-rendered SVG charts for the progress page: pure Python, no Django, no JavaScript.

Hand-written rather than a chart library because the site's CSP forbids inline styles
(style-src 'self'): matplotlib's SVG puts a style attribute on every element and pygal ships a
<style> block and scripts. Here everything is a presentation attribute or a class the site's
stylesheet may refine. Charts must print in black and white, so series differ by dash pattern
and marker shape, not only by colour. The visible heading belongs to the page; the chart
carries its title and a text summary in <title>/<desc> for screen readers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from xml.sax.saxutils import escape

from hizakoshi.care.journey.progress import Point
from hizakoshi.care.model import Lang
from hizakoshi.journey.progress.chartdata import (
    _DOTTED,
    _WORDS,
    AXIS,
    BAND,
    FONT,
    GRID,
    INK,
    MARKERS_UP_TO,
    STYLES,
    Band,
    Series,
    _line_desc,
    _named,
    _prepared,
    _y_range,
    date_ticks,
    day_label,
    nice_ticks,
    num,
    segments,
    span_words,
    summary_rows,
    text_width,
    weekly_means,
)

# The page imports everything from here; the words and scales live in chartdata.py.
__all__ = [
    "Band",
    "Series",
    "bar_chart",
    "date_ticks",
    "line_chart",
    "nice_ticks",
    "no_data_chart",
    "summary_rows",
    "weekly_means",
]


@dataclass(frozen=True)
class Frame:
    left: float
    top: float
    right: float
    bottom: float
    first: date
    last: date
    low: float
    high: float

    def x(self, day: date) -> float:
        span = (self.last - self.first).days
        if span <= 0:
            return (self.left + self.right) / 2
        return self.left + (self.right - self.left) * (day - self.first).days / span

    def y(self, value: float) -> float:
        value = min(max(value, self.low), self.high)  # off-scale values sit on the edge
        return self.bottom - (self.bottom - self.top) * (value - self.low) / (self.high - self.low)


# --- drawing ------------------------------------------------------------------------------


def _f(v: float) -> str:
    return num(v, 1)


def _svg_open(width: int, height: int, title: str, desc: str, kind: str) -> str:
    # ids unique per content, so several charts on one page do not clash
    uid = "hzc-" + hashlib.sha1(f"{title}\0{desc}\0{width}x{height}".encode()).hexdigest()[:10]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img"'
        f' width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f' aria-labelledby="{uid}-t {uid}-d" font-family="sans-serif" font-size="{FONT}"'
        f' fill="{INK}"><title id="{uid}-t">{escape(title)}</title>'
        f'<desc id="{uid}-d">{escape(desc)}</desc>'
    )


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "chart-tick") -> str:
    at = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text class="{cls}" x="{_f(x)}" y="{_f(y)}"{at}>{escape(text)}</text>'


def no_data_chart(*, title: str, lang: Lang, width: int = 640, height: int = 240) -> str:
    return (
        _svg_open(width, height, title, _WORDS[lang]["no_records"], "empty")
        + f'<rect x="1" y="1" width="{width - 2}" height="{height - 2}" fill="none"'
        f' stroke="{AXIS}" stroke-dasharray="6 4"/><g font-size="18">'
        + _text(width / 2, height / 2 + 6, _WORDS[lang]["no_data"], "middle", "chart-message")
        + "</g></svg>"
    )


def _line_path(i: int, d: str) -> str:
    colour, dash, _ = STYLES[i % len(STYLES)]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<path class="chart-line s{i + 1}" d="{d}" fill="none" stroke="{colour}"'
        f' stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"{dashes}/>'
    )


def _markers(i: int, spots: Sequence[tuple[float, float]]) -> str:
    if not spots:
        return ""
    colour, _, shape = STYLES[i % len(STYLES)]
    d = "".join(f"M{_f(x)} {_f(y)}h0" for x, y in spots)  # a zero-length stroke draws its cap
    cap = "square" if shape == "square" else "round"
    out = f'<path class="chart-points s{i + 1}" d="{d}" stroke="{colour}" stroke-width="8"'
    out += f' stroke-linecap="{cap}"/>'
    if shape == "hollow":
        out += f'<path d="{d}" stroke="#fff" stroke-width="3.5" stroke-linecap="round"/>'
    return out


def _band(frame: Frame, band: Band, *, line: bool) -> str:
    """The shaded range under the data, or (low == high) a reference line over it."""
    if line != (band.low == band.high):
        return ""
    top, bottom = frame.y(max(band.low, band.high)), frame.y(min(band.low, band.high))
    if line:
        return (
            f'<path class="chart-band" d="M{_f(frame.left)} {_f(top)}H{_f(frame.right)}"' + _DOTTED
        )
    return (
        f'<rect class="chart-band" x="{_f(frame.left)}" y="{_f(top)}" fill="{BAND}"'
        f' width="{_f(frame.right - frame.left)}" height="{_f(bottom - top)}"/>'
    )


def _legend(
    series: Sequence[Series], band: Band | None, width: int, y0: float
) -> tuple[str, float]:
    """Entries flowing left to right, wrapping; returns the markup and its height."""
    items: list[tuple[int | None, str]] = []
    if len(series) > 1:  # one series is named by the chart's label
        items += [(i, s.name) for i, s in enumerate(series)]
    items += [(None, band.label)] if band else []
    out, x, y = [], 12.0, y0
    for style, label in items:
        need = 36 + text_width(label) + 18
        if x > 12 and x + need > width - 8:
            x, y = 12.0, y + 22
        if style is not None:
            out.append(_line_path(style, f"M{_f(x)} {_f(y)}h28") + _markers(style, [(x + 14, y)]))
        elif band is not None and band.low == band.high:
            out.append(f'<path d="M{_f(x)} {_f(y)}h28"' + _DOTTED)
        else:
            out.append(f'<rect x="{_f(x)}" y="{_f(y - 7)}" width="28" height="14" fill="{BAND}"/>')
        out.append(_text(x + 36, y + 5, label, cls="chart-legend"))
        x += need
    return "".join(out), (y - y0 + 22) if items else 0.0


def _scaffold(
    kind: str,
    title: str,
    desc: str,
    y_label: str,
    legend: tuple[Sequence[Series], Band | None],
    span: tuple[date, date],
    y_range: tuple[float, float],
    size: tuple[int, int],
    lang: Lang,
    whole: bool = False,
) -> tuple[list[str], Frame]:
    """Everything but the data: label, legend, band, grid, axes and ticks (whole numbers only
    when the values are counts)."""
    (width, height), band = size, legend[1]
    keys, keys_h = _legend(*legend, width, 28 + FONT)
    top = 20 + FONT + keys_h + 4
    y_ticks = nice_ticks(*y_range, 6 if height - top > 140 else 4, whole=whole)
    left = max(text_width(num(t, 2)) for t in y_ticks) + 18
    frame = Frame(left, top, width - 24, height - FONT - 16, *span, *y_range)
    out = [
        _svg_open(width, height, title, desc, kind),
        _text(12, 8 + FONT, y_label, cls="chart-label"),
        keys,
    ]
    out.append(_band(frame, band, line=False) if band else "")
    for t in y_ticks:
        y = frame.y(t)
        out.append(
            f'<path class="chart-grid" d="M{_f(left)} {_f(y)}H{_f(frame.right)}" stroke="{GRID}"/>'
        )
        out.append(_text(left - 8, y + 5, num(t, 2), "end"))
    axis = f"M{_f(left)} {_f(top)}V{_f(frame.bottom)}H{_f(frame.right)}"
    out.append(
        f'<path class="chart-axis" d="{axis}" fill="none" stroke="{AXIS}" stroke-width="1.5"/>'
    )
    for day, label in date_ticks(*span, max(2, int((frame.right - left) // 90)), lang):
        x, half = frame.x(day), text_width(label) / 2
        anchor, tx = ("end", width - 2.0) if x + half > width - 2 else ("middle", x)
        if x - half < 2:
            anchor, tx = "start", 2.0
        out.append(f'<path d="M{_f(x)} {_f(frame.bottom)}v5" stroke="{AXIS}" stroke-width="1.5"/>')
        out.append(_text(tx, frame.bottom + FONT + 6, label, anchor))
    return out, frame


# --- charts -------------------------------------------------------------------------------


def line_chart(
    series: Series | Sequence[Series],
    *,
    title: str,
    y_label: str,
    y_min: float | None,
    y_max: float | None,
    band: Band | None = None,
    width: int = 640,
    height: int = 240,
    lang: Lang,
) -> str:
    """A complete, accessible <svg> of one or more series over time.

    y_min / y_max None: fitted to the data. Long series are drawn as weekly means and the
    description says so; off-scale values sit on the edge of the plot.
    """
    many = [series] if isinstance(series, Series) else list(series)
    drawn, weekly = _prepared(many)
    if not any(drawn):
        return no_data_chart(title=title, lang=lang, width=width, height=height)
    say, words = _WORDS[lang], _line_desc(many, drawn, lang)
    if weekly:  # a week's mean sits mid-week
        drawn = [[Point(p.day + timedelta(days=3), p.value) for p in ps] for ps in drawn]
        words.append(say["weekly"])
    gap = 7 if weekly else 0
    runs = [segments(p, max(s.max_gap_days, gap)) for s, p in zip(many, drawn, strict=True)]
    if any(len(r) > 1 for r in runs):
        words.append(say["gaps"])
    if band is not None:
        words.append(
            say["band"].format(**_named(band.label, low=num(band.low), high=num(band.high)))
        )
    days = [p.day for ps in drawn for p in ps]
    values = [p.value for ps in drawn for p in ps] + ([band.low, band.high] if band else [])
    whole = all(s.decimals == 0 for s in many)
    out, frame = _scaffold(
        "line",
        title,
        say["space"].join(words),
        y_label,
        (many, band),
        (min(days), max(days)),
        _y_range(values, y_min, y_max, whole=whole),
        (width, height),
        lang,
        whole,
    )
    for i, series_runs in enumerate(runs):
        xy = [[(frame.x(p.day), frame.y(p.value)) for p in run] for run in series_runs]
        d = "".join("M" + " ".join(f"{_f(x)} {_f(y)}" for x, y in run) for run in xy if run[1:])
        out.append(_line_path(i, d) if d else "")
        dots = sum(map(len, xy)) <= MARKERS_UP_TO
        out.append(_markers(i, [spot for run in xy if dots or not run[1:] for spot in run]))
    return "".join(out) + (_band(frame, band, line=True) if band else "") + "</svg>"


def bar_chart(
    series: Series,
    *,
    title: str,
    y_label: str,
    y_max: float | None = None,
    band: Band | None = None,
    width: int = 640,
    height: int = 240,
    lang: Lang,
) -> str:
    """Bars of weekly values (sessions done per week), each point dated on its week's first day.

    A week with no sessions should be given as 0, so it shows as a week, not as missing.
    """
    points = sorted(series.points)
    if not points:
        return no_data_chart(title=title, lang=lang, width=width, height=height)
    first, last = points[0].day, points[-1].day
    desc = _WORDS[lang]["bars"].format(
        span=span_words((last - first).days + 7, lang),
        name=series.name,
        mean=series.shown(sum(p.value for p in points) / len(points)),
        latest=series.shown(points[-1].value),
        when=day_label(last, lang),
    )
    values = [p.value for p in points] + ([band.low, band.high] if band else [])
    whole = all(float(v).is_integer() for v in values)  # counts: sessions in a week
    out, frame = _scaffold(
        "bar",
        title,
        desc,
        y_label,
        ((), band),
        (first, last + timedelta(days=7)),
        _y_range(values, 0.0, y_max, whole=whole),
        (width, height),
        lang,
        whole,
    )
    slot = frame.x(first + timedelta(days=7)) - frame.left
    bar_w, bars, labels = max(slot * 0.7, 1.0), [], []
    for day, value in points:
        x, y = frame.x(day) + slot * 0.15, frame.y(value)
        bars.append(f"M{_f(x)} {_f(frame.bottom)}V{_f(y)}h{_f(bar_w)}V{_f(frame.bottom)}z")
        if len(points) <= 16 and bar_w >= 18:
            labels.append(
                _text(x + bar_w / 2, y - 5, num(value, series.decimals), "middle", "chart-value")
            )
    out.append(f'<path class="chart-bar s1" d="{"".join(bars)}" fill="{STYLES[0][0]}"/>')
    return "".join(out + labels) + (_band(frame, band, line=True) if band else "") + "</svg>"
