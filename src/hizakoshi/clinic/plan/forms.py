"""The plan page's forms: add an exercise, take one out, set a dose, set the walking target, write
a note. The limits are the core's (care.journey.planorigin: dose_problems, walking_problems), and
each problem is said at its field, in the page's language; a form never lets a bad amount reach
the database's range checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.content import Exercise, exercises
from hizakoshi.care.journey import Dose
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.care.journey.planorigin import dose_problems, walking_problems
from hizakoshi.journey.models import NOTE_MAX_LENGTH
from hizakoshi.site.language import current_lang

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NUMBER_ERRORS = {
    "required": _("Enter a number."),
    "invalid": _("Enter a whole number."),
    "min_value": _("Enter a number from 1 up."),
    "max_value": _("This number is too large."),
}
DOSE_FIELDS = ("level", "sets", "reps", "hold_seconds", "times_per_day")


def _number(label: StrOrPromise, *, required: bool = True) -> forms.IntegerField:
    # The wide bounds only keep absurd numbers out of int(); the core says the real range.
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=1_000_000,
        error_messages=NUMBER_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "short"}),
    )


def exercise_choices() -> list[tuple[str, str]]:
    return [(e.id, e.name.get(current_lang())) for e in exercises().values()]


class NoteField(forms.CharField):
    def __init__(self, *, required: bool = False) -> None:
        super().__init__(
            label=_("Note to the person (shown on their Today page)"),
            required=required,
            max_length=NOTE_MAX_LENGTH,
            strip=True,
            widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX_LENGTH}),
            error_messages={
                "required": _("Write the note."),
                # Django fills in the limit and the length given.
                "max_length": _(
                    "A note has at most %(limit_value)d characters (it has %(show_value)d)."
                ),
            },
        )


class ExerciseField(forms.ChoiceField):
    def __init__(self) -> None:
        super().__init__(
            label=_("Exercise"),
            choices=exercise_choices,
            error_messages={
                "required": _("Choose an exercise from the list."),
                "invalid_choice": _("Choose an exercise from the list."),
            },
        )


class DoseForm(forms.Form):
    """An exercise's level and amount from today on."""

    exercise_id = ExerciseField()
    level = _number(_("Level"))
    sets = _number(_("Sets"))
    reps = _number(_("Repetitions"), required=False)
    hold_seconds = _number(_("Seconds to hold"), required=False)
    times_per_day = _number(_("Times a day"))
    per_side = forms.BooleanField(label=_("Each side"), required=False)
    note = NoteField()

    # An empty amount field of an added exercise takes the catalogue's amount instead.
    defaults_allowed = False

    def exercise(self) -> Exercise | None:
        return exercises().get(str(self.cleaned_data.get("exercise_id", "")))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        found = self.exercise()
        if found is None or any(f in self.errors for f in DOSE_FIELDS):
            return data
        if self.defaults_allowed and all(data.get(f) is None for f in DOSE_FIELDS):
            data["dose"] = Dose.from_dosage(found.dosage)
            return data
        problems = dose_problems(
            level=data.get("level") or 0,
            sets=data.get("sets") or 0,
            reps=data.get("reps"),
            hold_seconds=data.get("hold_seconds"),
            times_per_day=data.get("times_per_day") or 0,
            levels=found.levels,
        )
        for field, text in problems.items():
            self.add_error(field, text.get(current_lang()))
        if not problems:
            data["dose"] = Dose(
                level=data["level"],
                sets=data["sets"],
                reps=data.get("reps"),
                hold_seconds=data.get("hold_seconds"),
                times_per_day=data["times_per_day"],
                per_side=bool(data.get("per_side")),
            )
        return data


class AddForm(DoseForm):
    """An exercise from the catalogue; the amount fields left empty take its usual amount."""

    defaults_allowed = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in DOSE_FIELDS:
            self.fields[name].required = False


class RemoveForm(forms.Form):
    exercise_id = ExerciseField()
    note = NoteField()


class WalkingForm(forms.Form):
    unit = forms.ChoiceField(
        label=_("Unit"),
        choices=[("minutes", _("minutes a day")), ("steps", _("steps a day"))],
        error_messages={
            "required": _("Choose minutes or steps."),
            "invalid_choice": _("Choose minutes or steps."),
        },
    )
    per_day = _number(_("A day"))
    days_per_week = _number(_("Days a week"))
    note = NoteField()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        problems = walking_problems(
            unit=data["unit"], per_day=data["per_day"], days_per_week=data["days_per_week"]
        )
        for field, text in problems.items():
            self.add_error(field, text.get(current_lang()))
        if not problems:
            data["target"] = WalkingAmount(
                unit=data["unit"], per_day=data["per_day"], days_per_week=data["days_per_week"]
            )
        return data


class NoteForm(forms.Form):
    note = NoteField(required=True)
