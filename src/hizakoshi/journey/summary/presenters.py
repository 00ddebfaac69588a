"""The printable summary in the person's language: what a doctor reads in two minutes.

Every line comes from a core value or a stored row; nothing here decides a rule. The pain trend
is the core's weekly means (care.journey.series_progress) and its improved / unchanged / worse
label; the exercise amounts are the plan's doses in words.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hizakoshi.care import ENGINE_VERSION
from hizakoshi.care.content import exercises
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.care.journey import series_progress
from hizakoshi.care.journey.content import SeriesId
from hizakoshi.care.model import Lang
from hizakoshi.journey.checkins.views import score_lines
from hizakoshi.journey.escalations.selectors import escalation_shown
from hizakoshi.journey.models import FunctionTest
from hizakoshi.journey.pause.presenters import URGENCY_LABELS, diary_pause_view
from hizakoshi.journey.session.selectors import dose_of
from hizakoshi.journey.summary.selectors import SummaryRecords
from hizakoshi.journey.today.presenters import INSTRUMENT_LABELS
from hizakoshi.selfcheck.presenters import LIKELIHOOD_LABELS, PATTERN_LABELS

PAIN_SERIES: tuple[SeriesId, ...] = ("knee_pain_left", "knee_pain_right", "back_pain")
PAIN_WEEKS = 4  # the last four weeks: the span between two 4-weekly check-ins

TEST_LABELS = {
    "two_step": _("Two-step test"),
    "stand_up": _("Stand-up test"),
    "chair_stand_cdc": _("30-second chair stand (43 cm chair)"),
    "chair_stand_cs30": _("30-second chair stand (40 cm chair)"),
    "steadi": _("Three questions about falls"),
    "one_leg": _("Standing on one leg (eyes open)"),
}
BAND_LABELS = {
    "below_average": _("below the usual range for age and sex"),
    "average": _("within the usual range for age and sex"),
    "above_average": _("above the usual range for age and sex"),
    "at_or_above_cutoff": _("at or above the line for age and sex"),
    "no_reference": _("no reference values for this age"),
}


def summary_view(records: SummaryRecords, lang: Lang) -> dict[str, Any]:
    assessment = records.assessment
    stored = (assessment.assessment or {}) if assessment else {}
    pause = records.pause
    return {
        "today": records.today,
        "start": records.start,
        "age": records.age,
        "self_check": _self_check(stored, lang, assessment.created_at if assessment else None),
        "paused": bool(pause and pause.paused),
        "diary_flag": diary_pause_view(pause.diary, lang) if pause and pause.diary else None,
        "exercises": [_exercise(item, lang) for item in records.plan],
        "walking": _walking(records, lang),
        "pain": [p for p in (_pain(records, sid, lang) for sid in PAIN_SERIES) if p],
        "checkins": [
            {
                "name": INSTRUMENT_LABELS.get(name, name),
                "day": rows[0].taken_on,
                "lines": [line for row in rows for line in score_lines(name, row.scores)],
            }
            for name, rows in records.outcomes.items()
        ],
        "tests": [_test(t) for t in sorted(records.tests.values(), key=lambda t: t.kind)],
        "escalations": [escalation_shown(e, lang) for e in records.escalations],
        # For the clinic, on paper only: which rules and content made these words.
        "engine_version": assessment.engine_version if assessment else ENGINE_VERSION,
        "content_hash": (assessment.content_hash if assessment else "")[:12],
    }


def _self_check(stored: dict[str, Any], lang: Lang, when: Any) -> dict[str, Any] | None:
    if not stored:
        return None
    triage = stored.get("triage") or {}
    pattern = stored.get("pattern") or {}
    urgency = str(triage.get("urgency") or "none")
    likelihood = pattern.get("likelihood")
    return {
        "day": when,
        "urgency": URGENCY_LABELS.get(urgency, urgency),
        "headline": _in(triage.get("headline"), lang),
        "signs": [_in(h.get("sign"), lang) for h in triage.get("hits", []) if isinstance(h, dict)],
        "pattern": PATTERN_LABELS.get(pattern.get("pattern", "")) if pattern else None,
        "likelihood": LIKELIHOOD_LABELS.get(likelihood) if likelihood else None,
        "pattern_summary": _in(pattern.get("summary"), lang),
    }


def _in(value: object, lang: Lang) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("ja") or value.get("en") or "")
    return "" if value is None else str(value)


def _exercise(item: Any, lang: Lang) -> dict[str, str]:
    found = exercises().get(item.exercise_id)
    dose = dose_of(item)
    return {
        "name": found.name.get(lang) if found else item.exercise_id,
        "dosage": dose.text().get(lang),
        "since": item.started_on,
    }


def _walking(records: SummaryRecords, lang: Lang) -> str:
    target = records.walking
    if target is None:
        return ""
    amount = WalkingAmount(
        unit=target.unit, per_day=target.per_day, days_per_week=target.days_per_week
    )
    return amount.text().get(lang)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _pain(records: SummaryRecords, sid: SeriesId, lang: Lang) -> dict[str, Any] | None:
    points = records.measures.series.get(sid, [])
    if not points:
        return None
    progress = series_progress(sid, points, today=records.today)
    weeks = progress.weekly[-PAIN_WEEKS:]
    return {
        "name": progress.name.get(lang),
        "weeks": [{"start": w.start, "value": _number(w.value)} for w in weeks],
        "label": str(progress.label),
        "label_text": progress.label_text.get(lang),
        "reason": progress.reason.get(lang),
    }


def _test(test: FunctionTest) -> dict[str, Any]:
    r = test.result if isinstance(test.result, dict) else {}
    return {
        "name": TEST_LABELS.get(test.kind, test.kind),
        "day": test.taken_on,
        "result": r,
        "kind": test.kind,
        "band": BAND_LABELS.get(r.get("band", ""), ""),
    }
