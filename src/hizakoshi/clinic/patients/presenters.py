"""Words and charts for the patient report: stored answers and scores in words, labels for the
clinic's own kinds, and the server-drawn SVG charts of journey/progress (no script, print-safe).

Nothing here judges: the labels come from the core; this module only names things.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.content import exercises
from hizakoshi.care.instruments import instruments
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.care.journey.content import series_rule
from hizakoshi.care.journey.scorechange import ScoreChange
from hizakoshi.care.model import Lang
from hizakoshi.care.questions import Question, question_set
from hizakoshi.clinic.models import AttentionKind
from hizakoshi.clinic.patients.report import (
    AnswerLine,
    PatientReport,
    PlanLine,
    ScoreRow,
    SelfCheckShown,
    SeriesRow,
)
from hizakoshi.journey.checkins.views import REGIONS, RISKS, SCORE_WORDS
from hizakoshi.journey.models import AssessmentSource, PlanItem, WalkingTarget
from hizakoshi.journey.progress import charts
from hizakoshi.journey.session.selectors import dose_of
from hizakoshi.selfcheck.presenters import result_view

SOURCE_LABELS = {
    AssessmentSource.SELFCHECK: _("Self-check done while signed in"),
    AssessmentSource.CLAIMED: _("Self-check taken into the account"),
    AssessmentSource.REASSESSMENT: _("Self-check retaken during the journey"),
}
ACK_KIND_LABELS = {
    AttentionKind.RED_FLAG: _("Warning sign"),
    AttentionKind.ESCALATION: _("Advice to see a doctor"),
}


def source_label(source: str) -> str:
    return str(SOURCE_LABELS.get(source, source))  # type: ignore[call-overload]


def ack_kind_label(kind: str) -> str:
    return str(ACK_KIND_LABELS.get(kind, kind))  # type: ignore[call-overload]


# --- the self-check, as the person saw it ------------------------------------------------------


def _texts(items: object, key: str) -> tuple[str, ...]:
    if not isinstance(items, list):
        return ()
    return tuple(str(i[key]) for i in items if isinstance(i, dict) and i.get(key))


def self_check_shown(
    stored: dict[str, Any],
    answers: object,
    *,
    lang: Lang,
    taken_on: date,
    source: str,
    engine_version: str,
    content_hash: str,
    earlier: int,
) -> SelfCheckShown:
    """The stored result through the result page's own presenter (selfcheck.presenters), so the
    clinic reads the same urgency, pattern and reasons the person was shown."""
    view = result_view(stored, lang)
    triage = view["triage"]
    pattern: dict[str, Any] = view.get("pattern") or {}
    judged = bool(pattern) and pattern.get("likelihood") != "not_judged"
    return SelfCheckShown(
        taken_on=taken_on,
        source=source_label(source),
        engine_version=engine_version,
        content_hash=content_hash,
        urgency=str(triage["label"]),
        headline=str(triage.get("headline") or ""),
        signs=_texts(triage.get("hits"), "sign"),
        paused=bool(triage["self_care_paused"]),
        pattern=str(pattern["label"]) if pattern else None,
        likelihood=str(pattern["likelihood_label"]) if judged else None,
        summary=str(pattern.get("summary") or ""),
        reasons=_texts(pattern.get("reasons"), "text") if judged else (),
        other_reasons=_texts(pattern.get("other_reasons"), "text") if judged else (),
        confirm=str(pattern.get("confirm") or ""),
        answers=answer_lines(answers, lang),
        earlier=earlier,
    )


def _number(value: float) -> str:
    return f"{value:g}"


def _answer_words(question: Question, value: object, lang: Lang) -> str:
    if question.type in ("integer", "number") and isinstance(value, int | float):
        unit = question.unit.get(lang) if question.unit else ""
        return _number(float(value)) + ("" if lang == "ja" or not unit else " ") + unit
    values = value if isinstance(value, list | tuple) else [value]
    words = []
    for v in values:
        label = question.option_label(str(v))
        words.append(label.get(lang) if label else str(v))
    return ("、" if lang == "ja" else "; ").join(words)


def answer_lines(answers: object, lang: Lang) -> tuple[AnswerLine, ...]:
    """The stored answers in the question set's order, with each step's title; a question left
    unanswered (or an empty list of signs) adds no line."""
    if not isinstance(answers, dict):
        return ()
    lines = []
    for step in question_set().steps:
        for question in step.questions:
            value = answers.get(question.id)
            if value is None or value == "" or value == [] or value == ():
                continue
            lines.append(
                AnswerLine(
                    group=step.title.get(lang),
                    question=question.label.get(lang),
                    answer=_answer_words(question, value, lang),
                )
            )
    return tuple(lines)


# --- plan -------------------------------------------------------------------------------------


def plan_lines(items: Iterable[PlanItem], lang: Lang) -> tuple[PlanLine, ...]:
    found = []
    for item in items:
        known = exercises().get(item.exercise_id)
        name = known.name.get(lang) if known else item.exercise_id
        found.append(PlanLine(name, dose_of(item).text().get(lang), item.started_on))
    return tuple(found)


def walking_words(target: WalkingTarget | None, lang: Lang) -> str:
    if target is None:
        return ""
    amount = WalkingAmount(
        unit=target.unit, per_day=target.per_day, days_per_week=target.days_per_week
    )
    return amount.text().get(lang)


# --- questionnaire scores ---------------------------------------------------------------------


def _mcid_words(change: ScoreChange | None) -> str:
    if change is None:
        return ""
    points = _number(change.mcid_points)
    if change.mcid_percent is None:
        return gettext("MCID %(points)s points") % {"points": points}
    percent = _number(change.mcid_percent)
    return gettext("MCID %(points)s points or %(percent)s%%") % {
        "points": points,
        "percent": percent,
    }


def score_rows(
    instrument: str,
    region: str,
    first: tuple[date, Mapping[str, object]],
    latest: tuple[date, Mapping[str, object]],
    judged: Mapping[str, ScoreChange],
    lang: Lang,
) -> list[ScoreRow]:
    """One row per scored field of the instrument (checkins' own words and scales), with the
    core's MCID label where `judged` has one."""
    name = instruments()[instrument].name.get(lang)
    rows = []
    for key, (label, shape) in SCORE_WORDS.get(instrument, {}).items():
        before, after = first[1].get(key), latest[1].get(key)
        if before is None and after is None:
            continue
        field = REGIONS[region] if instrument == "nrs" and region in REGIONS else label
        change = judged.get(key)
        rows.append(
            ScoreRow(
                instrument=name,
                field=str(field),
                first_on=first[0],
                first="—" if before is None else shape.format(before),
                latest_on=latest[0],
                latest="—" if after is None else shape.format(after),
                label=change.label if change else None,
                label_text=change.label_text.get(lang) if change else "",
                mcid=_mcid_words(change),
            )
        )
    if instrument == "start-back":
        risks = [str(RISKS.get(str(s.get("risk")), "—")) for s in (first[1], latest[1])]
        rows.append(
            ScoreRow(
                name, str(_("Risk group")), first[0], risks[0], latest[0], risks[1], None, "", ""
            )
        )
    return rows


# --- charts -----------------------------------------------------------------------------------


def unit_of(display: str) -> str:
    """The unit after the value in a series' display ("{value}/10" -> "/10"), as the progress
    page's charts show it; a display that words the value otherwise has none."""
    return display.removeprefix("{value}") if display.startswith("{value}") else ""


def series_chart(row: SeriesRow, lang: Lang, *, width: int, height: int) -> SafeString:
    series = charts.Series(
        row.name, row.points, unit=row.unit, decimals=row.decimals, max_gap_days=7
    )
    if row.id == "sessions":
        drawn = charts.bar_chart(
            series, title=row.name, y_label=row.unit.strip(), lang=lang, width=width, height=height
        )
    else:
        low, high = series_rule(row.id).scale
        drawn = charts.line_chart(
            series,
            title=row.name,
            y_label=row.unit.strip(),
            y_min=low,
            y_max=high,
            lang=lang,
            width=width,
            height=height,
        )
    return mark_safe(drawn)  # the charts module escapes every text it draws


def pain_chart(report: PatientReport, lang: Lang, *, width: int, height: int) -> SafeString | None:
    """The diary's pain series in one chart (0-10): the diary trend at a glance."""
    rows = report.pain
    if not rows:
        return None
    low, high = series_rule(rows[0].id).scale  # the pain series share one scale
    drawn = charts.line_chart(
        [charts.Series(r.name, r.points, unit=r.unit, decimals=r.decimals) for r in rows],
        title=gettext("Pain in the diary"),
        y_label=rows[0].unit.strip(),
        y_min=low,
        y_max=high,
        lang=lang,
        width=width,
        height=height,
    )
    return mark_safe(drawn)  # the charts module escapes every text it draws
