"""What the guided session shows of each exercise: its words, dose and level, and the
cautions from the latest self-check."""

from __future__ import annotations

from typing import Any

from hizakoshi.care.content import exercises
from hizakoshi.care.journey import dose_minutes
from hizakoshi.care.model import Lang
from hizakoshi.journey.models import Assessment
from hizakoshi.journey.session.forms import Slot


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
        "minutes": dose_minutes(dose),
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
