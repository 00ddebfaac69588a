"""The outcomes report as the page and the CSV file show it: the core's figures in words and
percentages, in the reader's language. Aggregates only."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from hizakoshi.care.clinic.outcomes import ClinicOutcomes, MeasureSummary, horizon_day, rules
from hizakoshi.care.model import Lang
from hizakoshi.clinic.reports.charts import Bar, share_chart


def percent(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


@dataclass(frozen=True, slots=True)
class MeasureRow:
    name: str
    pairs: int
    improved: int
    unchanged: int
    worse: int
    missing: int
    pending: int
    no_baseline: int
    share: str


def measure_row(summary: MeasureSummary, lang: Lang) -> MeasureRow:
    return MeasureRow(
        name=summary.measure.name.get(lang),
        pairs=summary.pairs,
        improved=summary.improved,
        unchanged=summary.unchanged,
        worse=summary.worse,
        missing=summary.missing,
        pending=summary.pending,
        no_baseline=summary.no_baseline,
        share=percent(summary.share_improved),
    )


def report_context(report: ClinicOutcomes, lang: Lang) -> dict[str, object]:
    rows = [measure_row(s, lang) for s in report.measures]
    bars = [Bar(label=r.name, improved=r.improved, pairs=r.pairs) for r in rows]
    shown = rules()
    weeks = horizon_day() // 7
    title = _("Share improved at %(weeks)s weeks") % {"weeks": weeks}
    return {
        "weeks": weeks,
        "report": report,
        "rows": rows,
        "adherence": percent(report.adherence),
        "dropout": percent(report.dropout_share),
        # Built from numbers and escaped text in charts.py: safe to put in the page as it is.
        "chart": mark_safe(share_chart(bars, title=title, lang=lang)),
        "rules": [shown[k].get(lang) for k in ("horizon", "adherence", "dropout")],
    }


def report_csv(report: ClinicOutcomes, lang: Lang) -> str:
    """One row per measure, then the clinic's figures; UTF-8 with a BOM written by the view, so
    that spreadsheet programs on Japanese Windows read it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("As on"), report.today.isoformat()])
    writer.writerow([_("Linked patients"), report.linked])
    writer.writerow(
        [_("Sessions done"), report.sessions_done, _("Sessions planned"), report.sessions_planned]
    )
    writer.writerow([_("Session adherence"), percent(report.adherence)])
    writer.writerow([_("Dropped out"), report.dropped_out, percent(report.dropout_share)])
    writer.writerow([])
    writer.writerow(
        [
            _("Measure"),
            _("Both scores"),
            _("Improved"),
            _("Unchanged"),
            pgettext("outcome", "Worse"),
            _("Share improved"),
            _("No week-%(weeks)s score") % {"weeks": horizon_day() // 7},
            _("Not yet due"),
            _("No baseline"),
        ]
    )
    for s in report.measures:
        r = measure_row(s, lang)
        writer.writerow(
            [
                r.name,
                r.pairs,
                r.improved,
                r.unchanged,
                r.worse,
                r.share,
                r.missing,
                r.pending,
                r.no_baseline,
            ]
        )
    return out.getvalue()
