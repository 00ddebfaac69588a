"""The progress page: each series with its chart and its improved / unchanged / worse label by
its threshold (the rule in words), and the escalation messages with the clinic's contact."""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from hizakoshi.care.journey import SeriesProgress, band_lines, series_progress, weight_direction
from hizakoshi.care.journey.content import SeriesId, series_rule
from hizakoshi.care.journey.progress import Point
from hizakoshi.care.model import Lang
from hizakoshi.journey.diary.selectors import knee_sides
from hizakoshi.journey.escalations.selectors import escalation_shown, escalations_recent
from hizakoshi.journey.me.selectors import clinic_contact, local_today
from hizakoshi.journey.plan.selectors import assessment_latest
from hizakoshi.journey.progress import charts
from hizakoshi.journey.progress.selectors import MeasureRecords, measure_records
from hizakoshi.site.access import person_for
from hizakoshi.site.language import current_lang

# Page order: pain first, then what the person can do, then what they did (the core's order).
SHOWN: tuple[SeriesId, ...] = get_args(SeriesId)


TABLE_ROWS = 12  # the latest rows beside each chart; the chart itself shows the whole span


@dataclass(frozen=True, slots=True)
class SeriesView:
    id: SeriesId
    progress: SeriesProgress
    lang: Lang
    chart: SafeString | None  # None: no records yet
    rows: list[tuple[str, str]]

    @property
    def name(self) -> str:
        return self.progress.name.get(self.lang)

    @property
    def label_text(self) -> str:
        return self.progress.label_text.get(self.lang)

    @property
    def reason(self) -> str:
        return self.progress.reason.get(self.lang)

    @property
    def rule(self) -> str:
        return self.progress.rule.get(self.lang)


def _unit(sid: SeriesId, lang: Lang) -> str:
    shown = series_rule(sid).display.get(lang)
    return shown.removeprefix("{value}") if shown.startswith("{value}") else ""


def _drawn(sid: SeriesId, progress: SeriesProgress, points: list[Point]) -> list[Point]:
    if sid == "sessions":  # one point per session: drawn as sessions per week, 0 included
        return [Point(w.start, w.value or 0.0) for w in progress.weekly]
    return points


# Drawn a little narrower than a phone's content width, so the chart's 15-unit text is shown at
# 15 px or more on a 390 px screen; site.css caps how far a desktop enlarges it.
CHART_WIDTH, CHART_HEIGHT = 340, 220


def _chart(sid: SeriesId, points: list[Point], lang: Lang) -> str:
    rule = series_rule(sid)
    name, unit = rule.name.get(lang), _unit(sid, lang)
    series = charts.Series(name, points, unit=unit, decimals=rule.decimals, max_gap_days=7)
    if sid == "sessions":
        return charts.bar_chart(
            series,
            title=name,
            y_label=unit.strip(),
            lang=lang,
            width=CHART_WIDTH,
            height=CHART_HEIGHT,
        )
    # The line the series is judged by crossing (one-leg standing's 15 s), from the core.
    lines = band_lines(sid)
    band = (
        None if not lines else charts.Band(lines[0].value, lines[0].value, lines[0].label.get(lang))
    )
    low, high = rule.scale
    return charts.line_chart(
        series,
        title=name,
        y_label=unit.strip(),
        y_min=low,
        y_max=high,
        band=band,
        lang=lang,
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
    )


def _not_theirs(sid: SeriesId, points: list[Point], sides: tuple[str, ...]) -> bool:
    # A knee that does not hurt (by the latest self-check) is left out, unless it has records.
    side = sid.removeprefix("knee_pain_") if sid.startswith("knee_pain_") else None
    return side is not None and side not in sides and not points


def series_views(
    records: MeasureRecords, lang: Lang, sides: tuple[str, ...] = ("left", "right")
) -> list[SeriesView]:
    views = []
    goal = None if records.weight_goal is None else float(records.weight_goal)
    for sid in SHOWN:
        points = records.series.get(sid, [])
        if _not_theirs(sid, points, sides):
            continue
        direction = weight_direction(points, goal) if sid == "weight" else None
        start = records.start if sid == "sessions" else None
        progress = series_progress(
            sid, points, today=records.today, start=start, direction=direction
        )
        drawn = _drawn(sid, progress, points)
        if not points and not (sid == "sessions" and records.start is not None):
            views.append(SeriesView(sid, progress, lang, None, []))
            continue
        # The charts module escapes every text it draws into the SVG.
        chart = mark_safe(_chart(sid, drawn, lang))
        rule = series_rule(sid)
        table = charts.Series(rule.name.get(lang), drawn, _unit(sid, lang), rule.decimals)
        rows = charts.summary_rows(table, lang=lang)[-TABLE_ROWS:]
        views.append(SeriesView(sid, progress, lang, chart, rows))
    return views


@never_cache
@login_required
@require_safe
def progress(request: HttpRequest) -> HttpResponse:
    person, lang, today = person_for(actor=request.user), current_lang(), local_today()
    records = measure_records(person=person, today=today)
    # Only reads: the messages are raised by the daily job (`hizakoshi review_journeys`).
    context = {
        "views": series_views(records, lang, knee_sides(assessment_latest(person=person))),
        "escalations": [
            escalation_shown(e, lang) for e in escalations_recent(person=person, today=today)
        ],
        "clinic": clinic_contact(person=person),
        "chair": records.chair,
        "lang": lang,
        "today": today,
    }
    return render(request, "journey/measures/progress.html", context)
