"""What the daily pages show, in one language: today's page, the session's exercises, urgent
advice. Reads only; the views stay short and the templates get plain values."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hizakoshi.accounts.models import User
from hizakoshi.care.content import exercises
from hizakoshi.care.journey import DiaryPause, pain_answer
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.care.journey.stratified import support_for
from hizakoshi.care.model import Lang, Triage, Urgency
from hizakoshi.journey.forms_daily import Slot
from hizakoshi.journey.forms_pause import ResumeForm
from hizakoshi.journey.models import Assessment, DiaryEntry, ExerciseSession, OutcomeResponse
from hizakoshi.journey.selectors import assessment_latest, clinic_contact, walking_target_active
from hizakoshi.journey.selectors_daily import (
    diary_entry_get,
    dose_of,
    dose_seconds,
    next_outcomes_day,
    outcomes_due,
    plan_changes_since,
    session_for_day,
)
from hizakoshi.journey.selectors_measures import escalations_unseen, startback_risk_latest
from hizakoshi.journey.selectors_pause import pause_now, weight_loss_now
from hizakoshi.selfcheck.presenters import (
    SITE_LABELS,
    THERMAL_LABELS,
    resolve_texts,
)
from hizakoshi.selfcheck.presenters import URGENCY_LABELS as SELFCHECK_URGENCY_LABELS

# The journey labels every urgency, the same-day level included (care.model.Urgency).
URGENCY_LABELS = {
    **SELFCHECK_URGENCY_LABELS,
    "same_day": pgettext_lazy("urgency", "See a doctor today"),
}

INSTRUMENT_LABELS = {
    "nrs": _("Pain scores for the knee and the back (0-10)"),
    "psfs": _("Your activity goals (how well you can do the things you chose)"),
    "start-back": _("The STarT Back questions"),
    "koos": _("The knee questionnaire (KOOS)"),
    "koos-12": _("The short knee questionnaire (KOOS-12)"),
    "koos-ps": _("The knee function questions (KOOS-PS)"),
    "rmdq": _("The back questionnaire (RMDQ)"),
    "odi": _("The back questionnaire (ODI)"),
}


def url_or_none(name: str) -> str | None:
    """A page another part of the journey may not have yet: link to it only when it exists."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def triage_view(triage: Triage, lang: Lang) -> dict[str, Any]:
    view: dict[str, Any] = resolve_texts(triage.model_dump(mode="json"), lang)
    view["label"] = URGENCY_LABELS.get(triage.urgency.value, triage.urgency.value)
    view["is_emergency"] = triage.urgency == Urgency.EMERGENCY
    return view


def exercise_view(slot: Slot, lang: Lang, caution: str | None = None) -> dict[str, Any]:
    found = exercises().get(slot.exercise_id)
    dose = slot.dose.model_copy(update={"level": slot.level})
    level_text = found.level_text(slot.level) if found else None
    return {
        "id": slot.exercise_id,
        "level": slot.level,
        "level_text": level_text.get(lang) if level_text else "",
        "name": found.name.get(lang) if found else slot.exercise_id,
        "steps": [s.get(lang) for s in found.steps] if found else [],
        "illustration": f"illustrations/{found.illustration}" if found else None,
        "dosage": dose.text().get(lang),
        "hold_seconds": dose.hold_seconds or "",
        "reps": dose.reps or "",
        "sets": dose.sets,
        "minutes": -(-dose_seconds(dose) // 60),
        "caution": caution,
    }


def plan_cautions(assessment: Assessment | None, lang: Lang) -> dict[str, str]:
    """The cautions the self-check gave for each exercise (a change because of an answer)."""
    plan = (assessment.assessment or {}).get("plan") if assessment else None
    found: dict[str, str] = {}
    for item in (plan or {}).get("exercises", []):
        caution = item.get("caution")
        if isinstance(caution, dict) and caution.get(lang):
            found[str(item.get("id"))] = str(caution[lang])
    return found


def _escalation_view(row: Any, lang: Lang) -> dict[str, Any]:
    message = resolve_texts(row.message if isinstance(row.message, dict) else {}, lang)
    return {
        "pk": row.pk,
        "urgency": row.urgency,
        "label": URGENCY_LABELS.get(row.urgency, row.urgency),
        "is_emergency": row.urgency == Urgency.EMERGENCY.value,
        "raised_on": row.raised_on,
        "headline": message.get("headline", ""),
        "reasons": message.get("reasons", []),
        "what_to_do": message.get("what_to_do", []),
        "specialist": bool(message.get("specialist")) or row.urgency == Urgency.SOON.value,
    }


def _tip(assessment: Assessment, day: date, lang: Lang) -> dict[str, Any] | None:
    tips = [t for t in (assessment.assessment or {}).get("tips", []) if isinstance(t, dict)]
    if not tips:
        return None
    chosen: dict[str, Any] = resolve_texts(tips[day.toordinal() % len(tips)], lang)
    return chosen


def _walking(person: User, entry: DiaryEntry | None, lang: Lang) -> dict[str, Any] | None:
    target = walking_target_active(person=person)
    if target is None:
        return None
    amount = WalkingAmount(
        unit=target.unit,
        per_day=target.per_day,
        days_per_week=target.days_per_week,
    )
    return {
        "text": amount.text().get(lang),
        "days_per_week": target.days_per_week,
        "minutes_today": entry.walking_minutes if entry else None,
        "steps_today": entry.steps if entry else None,
    }


def today_context(*, person: User, day: date, lang: Lang) -> dict[str, Any]:
    assessment = assessment_latest(person=person)
    if assessment is None:
        return {"assessment": None, "selfcheck_url": reverse("selfcheck:landing")}
    stored = assessment.assessment or {}
    pause = pause_now(person=person, today=day)
    paused = pause.paused
    escalations = [_escalation_view(e, lang) for e in escalations_unseen(person=person)]
    stored_triage = stored.get("triage") or {}
    support = support_view(person, lang)
    specialist = (
        any(e["specialist"] for e in escalations)
        or stored_triage.get("urgency") == "soon"
        or bool(support and support["ask_clinic"])
    )
    entry = diary_entry_get(person=person, day=day)
    context: dict[str, Any] = {
        "assessment": assessment,
        "day": day,
        "diary_flag": diary_pause_view(pause.diary, lang) if pause.diary else None,
        "resume_form": (
            ResumeForm(first_day=pause.diary.first_day, today=day) if pause.diary else None
        ),
        "stored_triage": _stored_triage(stored_triage, lang),
        "paused": paused,
        "escalations": escalations,
        "support": support,
        "clinic": clinic_contact() if specialist else None,
        "outcomes_due": [
            INSTRUMENT_LABELS.get(name, name) for name in outcomes_due(person=person, today=day)
        ],
        # The very first check-in is the starting point the later ones are compared with.
        "outcomes_first": not OutcomeResponse.objects.filter(person=person).exists(),
        "outcomes_url": url_or_none("journey:measures"),
        "next_outcomes_day": next_outcomes_day(person=person, today=day),
        "selfcheck_url": reverse("selfcheck:landing"),
        "diary_today": entry,
        "walking": None if paused else _walking(person, entry, lang),
        "thermal": [] if paused else _thermal(stored, lang),
        # Paused: no tip (it may say to keep exercising), no plan changes, no pain rule.
        "tip": None if paused else _tip(assessment, day, lang),
        "changes": [] if paused else _changes(person, day, lang),
        "pain_answer": None if paused or entry is None else pain_answer_view(entry, lang),
        "weight_loss": weight_loss_view(person, day, lang),
        "sessions_today": ExerciseSession.objects.filter(
            person=person, started_at__date=day
        ).count(),
    }
    if not paused:
        pick = session_for_day(person=person, day=day)
        context["session"] = {
            "minutes": pick.minutes,
            "items": [
                exercise_view(Slot(i.exercise_id, i.level, dose_of(i)), lang) for i in pick.items
            ],
            "left_out": [
                exercises()[i.exercise_id].name.get(lang)
                for i in pick.left_out
                if i.exercise_id in exercises()
            ],
        }
    return context


def diary_pause_view(pause: DiaryPause, lang: Lang) -> dict[str, Any]:
    """The diary's warning signs that pause the plan, with what to tell the doctor."""
    view = triage_view(pause.triage, lang)
    view["for_doctor"] = [line.get(lang) for line in pause.for_doctor]
    view["first_day"] = pause.first_day
    return view


def pain_answer_view(entry: DiaryEntry, lang: Lang) -> dict[str, Any] | None:
    answer = pain_answer(
        knee_pain_left=entry.knee_pain_left,
        knee_pain_right=entry.knee_pain_right,
        back_pain=entry.back_pain,
    )
    if answer is None:
        return None
    found: dict[str, Any] = resolve_texts(answer.model_dump(mode="json"), lang)
    return found


def weight_loss_view(person: User, day: date, lang: Lang) -> dict[str, Any] | None:
    notice = weight_loss_now(person=person, today=day)
    if notice is None:
        return None
    found: dict[str, Any] = resolve_texts(notice.model_dump(mode="json"), lang)
    found["label"] = URGENCY_LABELS.get(notice.urgency.value, notice.urgency.value)
    return found


def support_view(person: User, lang: Lang) -> dict[str, Any] | None:
    """The care around the plan that the latest STarT Back risk group calls for, if answered."""
    risk = startback_risk_latest(person=person)
    if risk is None:
        return None
    found: dict[str, Any] = resolve_texts(support_for(risk).model_dump(mode="json"), lang)
    return found


def _stored_triage(stored: dict[str, Any], lang: Lang) -> dict[str, Any] | None:
    if not stored or stored.get("urgency") in (None, Urgency.NONE.value):
        return None
    view: dict[str, Any] = resolve_texts(stored, lang)
    view["label"] = URGENCY_LABELS.get(stored["urgency"], stored["urgency"])
    view["is_emergency"] = stored["urgency"] == Urgency.EMERGENCY.value
    return view


def _thermal(stored: dict[str, Any], lang: Lang) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for item in stored.get("thermal", []):
        view: dict[str, Any] = resolve_texts(item, lang)
        view["site_label"] = SITE_LABELS.get(item.get("site"), "")
        view["choice_label"] = THERMAL_LABELS.get(item.get("choice"), "")
        found.append(view)
    return found


def _changes(person: User, day: date, lang: Lang) -> list[dict[str, Any]]:
    changes = plan_changes_since(person=person, since=day - timedelta(days=6))
    return [
        {
            "name": (
                exercises()[c.exercise_id].name.get(lang)
                if c.exercise_id in exercises()
                else c.exercise_id
            )
            if c.exercise_id
            else _("Walking"),
            "on": c.started_on,
            "reason": c.reason.get(lang),
        }
        for c in changes
    ]


def escalation_page(row: Any, lang: Lang) -> dict[str, Any]:
    view = _escalation_view(row, lang)
    view["clinic"] = clinic_contact() if view["specialist"] else None
    return view
