"""The outcomes chart: one horizontal bar per measure, the share improved by its MCID at the
horizon, with how many people that share is of. Server-rendered SVG, no JavaScript.

Built like journey/progress/charts.py and with its palette and type size: presentation
attributes only (the site's CSP forbids inline styles), a <title> and a <desc> that says every
figure in words for screen readers, and bars that read in black and white.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from hizakoshi.care.model import Lang
from hizakoshi.journey.progress.chartdata import AXIS, FONT, GRID, INK, STYLES, text_width

ROW, GAP, TOP = 26, 8, 30  # a bar's height, the space between bars, room for the scale


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    improved: int
    pairs: int

    @property
    def percent(self) -> float:
        return 0.0 if self.pairs == 0 else 100 * self.improved / self.pairs


_WORDS: dict[Lang, dict[str, str]] = {
    "ja": {
        "bar": "{label}: {n}人中{k}人({p}%)",
        "none": "はじめと比べる時点の点数がそろった人は、まだいません。",
        "sep": "。",
        "value": "{p}% ({k}/{n})",
    },
    "en": {
        "bar": "{label}: {k} of {n} ({p}%)",
        "none": "Nobody has both scores yet.",
        "sep": ". ",
        "value": "{p}% ({k}/{n})",
    },
}


def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "chart-tick") -> str:
    at = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text class="{cls}" x="{_f(x)}" y="{_f(y)}"{at}>{escape(text)}</text>'


def share_chart(bars: Sequence[Bar], *, title: str, lang: Lang, width: int = 720) -> str:
    """A complete, accessible <svg>; bars without any pair are left out (nothing to show)."""
    say = _WORDS[lang]
    shown = [b for b in bars if b.pairs > 0]
    words = [
        say["bar"].format(label=b.label, n=b.pairs, k=b.improved, p=round(b.percent)) for b in shown
    ]
    desc = say["sep"].join(words) if shown else say["none"]
    height = TOP + max(1, len(shown)) * (ROW + GAP) + 8
    uid = "hzo-" + hashlib.sha1(f"{title}\0{desc}".encode()).hexdigest()[:10]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-share" role="img"'
        f' width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f' aria-labelledby="{uid}-t {uid}-d" font-family="sans-serif" font-size="{FONT}"'
        f' fill="{INK}"><title id="{uid}-t">{escape(title)}</title>'
        f'<desc id="{uid}-d">{escape(desc)}</desc>'
    ]
    if not shown:
        out.append(_text(width / 2, TOP + ROW / 2 + 5, say["none"], "middle", "chart-message"))
        return "".join(out) + "</svg>"
    left = max(text_width(b.label) for b in shown) + 16
    value_room = text_width("100% (000/000)") + 12
    right = width - value_room
    for tick in (0, 25, 50, 75, 100):
        x = left + (right - left) * tick / 100
        out.append(
            f'<path class="chart-grid" d="M{_f(x)} {TOP - 6}V{height - 8}" stroke="{GRID}"/>'
        )
        out.append(_text(x, TOP - 10, f"{tick}%", "middle"))
    colour = STYLES[0][0]
    for n, bar in enumerate(shown):
        y = TOP + n * (ROW + GAP)
        length = (right - left) * bar.percent / 100
        out.append(_text(left - 8, y + ROW / 2 + 5, bar.label, "end", "chart-label"))
        out.append(
            f'<rect class="chart-bar s1" x="{_f(left)}" y="{_f(y)}" width="{_f(max(length, 1))}"'
            f' height="{ROW}" fill="{colour}"/>'
        )
        value = say["value"].format(p=round(bar.percent), k=bar.improved, n=bar.pairs)
        out.append(_text(left + length + 6, y + ROW / 2 + 5, value, cls="chart-value"))
    out.append(
        f'<path class="chart-axis" d="M{_f(left)} {TOP - 6}V{height - 8}" stroke="{AXIS}"'
        ' stroke-width="1.5"/>'
    )
    return "".join(out) + "</svg>"
