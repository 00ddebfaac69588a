"""What Today shows, put together from the reads: the session, the diary, what is due, the
plan's changes, messages, and a pause when self-care is paused."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from hizakoshi.accounts.models import User
from hizakoshi.care.content import exercises
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.care.journey import review_week
from hizakoshi.care.model import Lang, Urgency
from hizakoshi.journey.checkins.presenters import support_view
from hizakoshi.journey.checkins.selectors import checkins_now
from hizakoshi.journey.diary.presenters import pain_answer_view
from hizakoshi.journey.diary.selectors import diary_entry_get
from hizakoshi.journey.escalations.presenters import escalation_view
from hizakoshi.journey.escalations.selectors import escalations_unseen
from hizakoshi.journey.me.selectors import clinic_contact
from hizakoshi.journey.models import (
    SESSION_DAY_FROM,
    Assessment,
    DiaryEntry,
    ExerciseSession,
    OutcomeResponse,
)
from hizakoshi.journey.pause.forms import ResumeForm
from hizakoshi.journey.pause.presenters import URGENCY_LABELS, diary_pause_view, weight_loss_view
from hizakoshi.journey.pause.selectors import pause_now
from hizakoshi.journey.plan.selectors import (
    assessment_latest,
    plan_changes_since,
    walking_target_active,
)
from hizakoshi.journey.session.forms import Slot
from hizakoshi.journey.session.presenters import exercise_view
from hizakoshi.journey.session.selectors import dose_of, session_for_day
from hizakoshi.selfcheck.presenters import (
    SITE_LABELS,
    THERMAL_LABELS,
    resolve_texts,
)

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
    escalations = [escalation_view(e, lang) for e in escalations_unseen(person=person)]
    stored_triage = stored.get("triage") or {}
    support = support_view(person, lang)
    specialist = (
        any(e["specialist"] for e in escalations)
        or stored_triage.get("urgency") == "soon"
        or bool(support and support["ask_clinic"])
    )
    entry = diary_entry_get(person=person, day=day)
    checkins = checkins_now(person=person, today=day)
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
        "clinic": clinic_contact(person=person) if specialist else None,
        "outcomes_due": [
            INSTRUMENT_LABELS.get(d.instrument, d.instrument) for d in checkins.items if d.due
        ],
        # The very first check-in is the starting point the later ones are compared with.
        "outcomes_first": not OutcomeResponse.objects.filter(person=person).exists(),
        "outcomes_url": url_or_none("journey:measures"),
        "next_outcomes_day": checkins.next_day,
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
            person=person, **{f"{SESSION_DAY_FROM}__date": day}
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
    # The changes of the last seven days: one review week ending today.
    changes = plan_changes_since(person=person, since=review_week(day).first)
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
