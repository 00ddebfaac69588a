"""The diary check-in form. It owns the parsing: numbers typed with a Japanese keyboard
(full-width digits) are read, anything out of range gets one plain message naming the range,
in the person's language; a warning sign asks its follow-up question."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.journey import DiaryEvents, diary_signs, journey
from hizakoshi.care.model import Lang
from hizakoshi.journey.models import DailyLife
from hizakoshi.site.fields import MSG_CHOICE, YES_NO_UNKNOWN, Kilograms, WholeNumber, pain, yes_no

MSG_MINUTES = _("Please enter the minutes as a number from 0 to 600.")


MSG_STEPS = _("Please enter the steps as a number from 0 to 100000.")


MSG_NOTES = _("Please keep the notes to 2000 characters or fewer.")


MSG_EMPTY_DIARY = _("Please answer at least one question before saving.")


MSG_FOLLOW_UP = _("Please answer this question too: it tells how urgent it is.")


MSG_FOLLOW_UP_NOTE = _("Answer only if you ticked the line above.")


# New events since the last entry (journey.yaml diary.events), each with its follow-up questions:
# shown with a note and asked only when the event is ticked (the page hides them until then).
EVENTS: dict[str, tuple[str, ...]] = {
    "fall": ("fall_four_steps", "fall_bend", "fall_deformity"),
    "calf": ("calf_breathless",),
    "fever": ("fever_back_pain", "fever_hot_knee"),
}


CHECKBOXES = frozenset({"skipped_walk_for_pain", *(f"event_{e}" for e in EVENTS)})


def _answered(name: str, value: Any) -> bool:
    if value is None or value == "" or value == []:
        return False
    # An unticked box is no answer; "no" to a yes/no question (False) is one.
    return bool(value) if name in CHECKBOXES else True


class DiaryForm(forms.Form):
    knee_pain_left = pain(_("Left knee pain today"))
    knee_pain_right = pain(_("Right knee pain today"))
    back_pain = pain(_("Low-back pain today"))
    morning_stiffness_min = WholeNumber(
        low=0, high=600, message=MSG_MINUTES, label=_("Morning stiffness (minutes)")
    )
    walking_minutes = WholeNumber(
        low=0, high=600, message=MSG_MINUTES, label=_("Walking today (minutes)")
    )
    steps = WholeNumber(
        low=0, high=100_000, message=MSG_STEPS, label=_("Steps today (if you count them)")
    )
    walking_pain = pain(_("Pain while walking"))
    skipped_walk_for_pain = forms.BooleanField(
        label=_("I did not walk today because of the pain"), required=False
    )
    next_morning_back_to_usual = yes_no(
        _("This morning, was the pain back to its usual level after yesterday's exercise?")
    )
    good_control = yes_no(_("Do you feel the pain is under good control?"))
    sleep_disturbed = yes_no(_("Did pain wake you or keep you awake last night?"))
    daily_life = forms.ChoiceField(
        label=_("How much did the pain get in the way of daily life today?"),
        choices=[
            (DailyLife.LITTLE.value, _("A little or not at all")),
            (DailyLife.MODERATE.value, _("Quite a lot")),
            (DailyLife.SEVERE.value, _("Very much: I could hardly manage")),
        ],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": MSG_CHOICE},
    )
    weight_kg = Kilograms(label=_("Weight (kg), once a week"))
    red_flag_signs = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": MSG_CHOICE},
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": "3"}),
        error_messages={"max_length": MSG_NOTES},
    )

    def __init__(
        self,
        *args: Any,
        lang: Lang,
        sides: tuple[str, ...] = ("left", "right"),
        show_weight: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for side in ("left", "right"):
            if side not in sides:
                del self.fields[f"knee_pain_{side}"]
        if len(sides) == 1:
            self.fields[f"knee_pain_{sides[0]}"].label = _("Knee pain today")
        if not show_weight:
            del self.fields["weight_kg"]
        signs = self.fields["red_flag_signs"]
        assert isinstance(signs, forms.MultipleChoiceField)
        signs.choices = [(rule.id, rule.sign.get(lang)) for rule in diary_signs()]
        words = journey().diary.events
        for event, follow_ups in EVENTS.items():
            self.fields[f"event_{event}"] = forms.BooleanField(
                label=getattr(words, event).get(lang), required=False
            )
            for name in follow_ups:
                field: forms.Field = (
                    forms.ChoiceField(
                        choices=YES_NO_UNKNOWN,
                        required=False,
                        widget=forms.RadioSelect,
                        error_messages={"invalid_choice": MSG_CHOICE},
                    )
                    if event == "fall"
                    else yes_no("")
                )
                field.label = getattr(words, name).get(lang)
                self.fields[name] = field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for event, follow_ups in EVENTS.items():
            for name in follow_ups:
                if not cleaned.get(f"event_{event}"):
                    cleaned[name] = None  # answered without the event: not asked
                elif cleaned.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, ValidationError(MSG_FOLLOW_UP, code="follow_up"))
        if not self.errors and not any(_answered(n, v) for n, v in cleaned.items()):
            raise ValidationError(MSG_EMPTY_DIARY, code="empty")
        return cleaned

    def events(self) -> DiaryEvents:
        data = self.cleaned_data
        return DiaryEvents.model_validate(
            {f"{e}": bool(data.get(f"event_{e}")) for e in EVENTS}
            | {n: data.get(n) for f in EVENTS.values() for n in f if data.get(n) is not None}
        )

    def events_view(self) -> list[dict[str, Any]]:
        """The event questions for the page: each event with its bound follow-up fields."""
        return [
            {
                "event": self[f"event_{e}"],
                "follow_ups": [self[n] for n in f],
                "id": e,
                "has_errors": any(n in self.errors for n in f),
            }
            for e, f in EVENTS.items()
        ]

    def values(self) -> dict[str, Any]:
        """The answers as DiaryEntry fields; only the fields this form showed."""
        event_fields = set(EVENTS) | {n for f in EVENTS.values() for n in f}
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name.removeprefix("event_") not in event_fields
        }

    @staticmethod
    def initial_events(events: Mapping[str, Any]) -> dict[str, Any]:
        """A stored DiaryEvents (as JSON) as the form's initial values."""
        initial: dict[str, Any] = {}
        for event, follow_ups in EVENTS.items():
            initial[f"event_{event}"] = bool(events.get(event))
            for name in follow_ups:
                value = events.get(name)
                initial[name] = ("yes" if value else "no") if isinstance(value, bool) else value
        return initial
