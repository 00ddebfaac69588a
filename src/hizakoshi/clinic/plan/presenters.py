"""What the clinic's plan page shows: each exercise in the page's language with its amount,
where the amount came from and who set it when; the forms, bound where a change was refused."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.content import exercises
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.clinic.plan.forms import (
    AddForm,
    DoseForm,
    NoteForm,
    WalkingForm,
    exercise_choices,
)
from hizakoshi.clinic.plan.selectors import PlanRecords
from hizakoshi.journey.models import PlanItem, WalkingTarget
from hizakoshi.journey.session.selectors import dose_of
from hizakoshi.site.language import current_lang

ORIGIN_LABELS = {
    "selfcheck": _("Self-check plan"),
    "weekly": _("Weekly review"),
    "clinician": _("Clinician"),
}


def _name(exercise_id: str) -> str:
    found = exercises().get(exercise_id)
    return found.name.get(current_lang()) if found else exercise_id


def _origin(row: PlanItem | WalkingTarget) -> dict[str, Any]:
    return {
        "origin": row.origin,
        "origin_label": ORIGIN_LABELS.get(row.origin, row.origin),
        "by": row.changed_by_label,
        "at": row.changed_at,
        "started_on": row.started_on,
    }


def _walking_text(row: WalkingTarget) -> str:
    amount = WalkingAmount(unit=row.unit, per_day=row.per_day, days_per_week=row.days_per_week)
    return amount.text().get(current_lang())


def _dose_form(item: PlanItem, bound: forms.Form | None) -> forms.Form:
    refused_here = isinstance(bound, DoseForm) and not isinstance(bound, AddForm)
    if refused_here and bound is not None and bound.data.get("exercise_id") == item.exercise_id:
        return bound
    initial = {
        "exercise_id": item.exercise_id,
        "level": item.level,
        "sets": item.sets,
        "reps": item.reps,
        "hold_seconds": item.hold_seconds,
        "times_per_day": item.times_per_day,
        "per_side": item.per_side,
    }
    return DoseForm(initial=initial, auto_id=f"id_dose_{item.pk}_%s")


def _history(row: PlanItem | WalkingTarget) -> dict[str, Any]:
    if isinstance(row, PlanItem):
        what, amount = _name(row.exercise_id), dose_of(row).text().get(current_lang())
    else:
        what, amount = str(_("Walking")), _walking_text(row)
    return {"what": what, "amount": amount, "active": row.active, **_origin(row)}


def _mark_errors(form: forms.Form) -> None:
    # A screen reader hears each error with its field (the error's id is in _field.html).
    for name in form.errors:
        if name in form.fields:
            attrs = form.fields[name].widget.attrs
            attrs |= {"aria-invalid": "true", "aria-describedby": f"{form[name].auto_id}_error"}


def plan_context(records: PlanRecords, bound: forms.Form | None = None) -> dict[str, Any]:
    """`bound` is the form of a refused change, shown with its errors where it was."""
    if bound is not None:
        _mark_errors(bound)
    walking = records.walking
    walking_initial = (
        {}
        if walking is None
        else {
            "unit": walking.unit,
            "per_day": walking.per_day,
            "days_per_week": walking.days_per_week,
        }
    )
    in_plan = {i.exercise_id for i in records.items}
    add_form = bound if isinstance(bound, AddForm) else AddForm(auto_id="id_add_%s")
    choice = add_form.fields["exercise_id"]
    assert isinstance(choice, forms.ChoiceField)
    choice.choices = [c for c in exercise_choices() if c[0] not in in_plan]
    return {
        "link": records.link,
        "items": [
            {
                "pk": item.pk,
                "exercise_id": item.exercise_id,
                "name": _name(item.exercise_id),
                "level": item.level,
                "sets": item.sets,
                "reps": item.reps,
                "hold_seconds": item.hold_seconds,
                "times_per_day": item.times_per_day,
                "per_side": item.per_side,
                "dose_form": _dose_form(item, bound),
                **_origin(item),
            }
            for item in records.items
        ],
        "walking": None
        if walking is None
        else {
            "text": _walking_text(walking),
            "days_per_week": walking.days_per_week,
            **_origin(walking),
        },
        "history": [_history(r) for r in records.history],
        "notes": records.notes,
        "add_form": add_form,
        "walking_form": bound
        if isinstance(bound, WalkingForm)
        else WalkingForm(initial=walking_initial, auto_id="id_walk_%s"),
        "note_form": bound if isinstance(bound, NoteForm) else NoteForm(auto_id="id_note_%s"),
        "refused": bound is not None,
        "refused_form": bound,
    }
