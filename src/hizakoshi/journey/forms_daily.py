"""Forms of the daily pages: the diary check-in and the guided session. They own the parsing:
numbers typed with a Japanese keyboard (full-width digits) are read, anything out of range or
not a number gets one plain message naming the range, in the person's language."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hizakoshi.care.content import exercises
from hizakoshi.care.journey import DiaryEvents, Dose, diary_signs, journey
from hizakoshi.care.model import Lang
from hizakoshi.journey.models import DailyLife, Feeling

MSG_PAIN = _("Please enter a number from 0 (no pain) to 10 (worst imaginable).")
MSG_MINUTES = _("Please enter the minutes as a number from 0 to 600.")
MSG_STEPS = _("Please enter the steps as a number from 0 to 100000.")
MSG_WEIGHT = _("Please enter your weight in kg, from 20 to 300, like 58.5.")
MSG_NOTES = _("Please keep the notes to 2000 characters or fewer.")
MSG_EMPTY_DIARY = _("Please answer at least one question before saving.")
MSG_REPS = _("Please enter how many you did, as a number from 0 to 200.")
MSG_SETS = _("Please enter the sets you finished, as a number from 0 to 20.")
MSG_PAIN_REQUIRED = _("Please choose how much it hurt during the session, from 0 to 10.")
MSG_SESSION_BROKEN = _("This session could not be read. Please open the session page again.")
MSG_CHOICE = _("Please choose one of the answers shown.")
MSG_FOLLOW_UP = _("Please answer this question too: it tells how urgent it is.")
MSG_FOLLOW_UP_NOTE = _("Answer only if you ticked the line above.")

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
YES_NO_UNKNOWN = [
    ("yes", _("Yes")),
    ("no", _("No")),
    ("unknown", pgettext_lazy("journey", "I don't know")),
]
# New events since the last entry (journey.yaml diary.events), each with its follow-up questions:
# shown with a note and asked only when the event is ticked (the page hides them until then).
EVENTS: dict[str, tuple[str, ...]] = {
    "fall": ("fall_four_steps", "fall_bend", "fall_deformity"),
    "calf": ("calf_breathless",),
    "fever": ("fever_back_pain", "fever_hot_knee"),
}
CHECKBOXES = frozenset({"skipped_walk_for_pain", *(f"event_{e}" for e in EVENTS)})
SKIP_REASONS = [
    ("", _("Not skipped")),
    ("pain", _("It hurts")),
    ("unwell", _("I feel unwell")),
    ("no_time", _("No time")),
    ("other", _("Another reason")),
]
SKIP_DEFAULT = "pain"  # "This hurts — skip": one tap, the reason may be changed afterwards
MAX_SESSION_ITEMS = 20
CLOCK_SLACK = timedelta(minutes=5)  # a phone's clock may run a little ahead


def _normal(value: Any) -> Any:
    # Full-width digits and signs (０-９, ．, －) become plain ones; spaces are dropped.
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value).strip()
    return value


class WholeNumber(forms.IntegerField):
    def __init__(self, *, low: int, high: int, message: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": "5"}),
        )
        messages = {"invalid": message, "min_value": message, "max_value": message}
        super().__init__(min_value=low, max_value=high, error_messages=messages, **kwargs)

    def to_python(self, value: Any) -> int | None:
        return super().to_python(_normal(value))


class Kilograms(forms.DecimalField):
    def __init__(self, **kwargs: Any) -> None:
        messages = {
            key: MSG_WEIGHT
            for key in ("invalid", "min_value", "max_value", "max_digits", "max_decimal_places")
        } | {"max_whole_digits": MSG_WEIGHT}
        super().__init__(
            required=False,
            min_value=Decimal(20),
            max_value=Decimal(300),
            max_digits=4,
            decimal_places=1,
            error_messages=messages,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            **kwargs,
        )

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        value = _normal(value)
        if isinstance(value, str):
            value = value.replace(",", ".")
        return super().to_python(value)


def _answered(name: str, value: Any) -> bool:
    if value is None or value == "" or value == []:
        return False
    # An unticked box is no answer; "no" to a yes/no question (False) is one.
    return bool(value) if name in CHECKBOXES else True


def yes_no(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": MSG_CHOICE},
    )


class PainScale(forms.TypedChoiceField):
    """Pain from 0 to 10 as eleven large radio buttons, with "not today" first: the diary
    lets pain be left out. Typed digits (full-width too) are still read, for older pages."""

    def __init__(self, label: Any) -> None:
        super().__init__(
            label=label,
            choices=PAIN_CHOICES,
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": MSG_PAIN},
        )

    def to_python(self, value: Any) -> str:
        return str(super().to_python(_normal(value)))


PAIN_CHOICES = [("", _("Not today")), *((str(n), str(n)) for n in range(11))]


def pain(label: Any) -> PainScale:
    return PainScale(label)


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


# --- the guided session ----------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One exercise of the session as the page showed it."""

    exercise_id: str
    level: int
    dose: Dose


@dataclass(frozen=True)
class ItemDone:
    exercise_id: str
    level: int
    reps_done: int | None
    sets_done: int | None
    hold_seconds: int | None
    skip_reason: str  # "" when it was done


def slots_from_post(data: Mapping[str, str], plan: Mapping[str, Dose]) -> list[Slot] | None:
    """The exercises a posted session names, in order; None when one is not an exercise we
    know. The amount comes from the active plan, or the exercise's first amount if the plan
    has moved on since the page was shown (a session sent later from the phone's queue)."""
    slots: list[Slot] = []
    for i in range(MAX_SESSION_ITEMS):
        exercise_id = data.get(f"exercise_{i}")
        if exercise_id is None:
            break
        found = exercises().get(exercise_id)
        if found is None:
            return None
        dose = plan.get(exercise_id) or Dose.from_dosage(found.dosage)
        try:
            level = int(data.get(f"level_{i}", dose.level))
        except ValueError:
            return None
        if not 1 <= level <= 5:
            return None
        slots.append(Slot(exercise_id, level, dose))
    return slots or None


class SessionForm(forms.Form):
    client_id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    started_at = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    pain_during = forms.TypedChoiceField(
        label=_("How much did it hurt during the session?"),
        choices=[(str(n), str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": MSG_PAIN_REQUIRED, "invalid_choice": MSG_PAIN_REQUIRED},
    )
    feeling = forms.ChoiceField(
        label=_("How do you feel now, compared with before the session?"),
        choices=[
            (Feeling.BETTER.value, _("Better")),
            (Feeling.SAME.value, _("About the same")),
            (Feeling.WORSE.value, _("Worse")),
        ],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": MSG_CHOICE},
    )

    def __init__(self, *args: Any, slots: list[Slot], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slots = slots
        for i, _slot in enumerate(slots):
            self.fields[f"reps_{i}"] = WholeNumber(
                low=0, high=200, message=MSG_REPS, label=_("How many did you do in all?")
            )
            self.fields[f"sets_{i}"] = WholeNumber(
                low=0, high=20, message=MSG_SETS, label=_("Sets finished")
            )
            self.fields[f"skip_{i}"] = forms.ChoiceField(
                label=_("Why are you skipping it?"),
                choices=SKIP_REASONS,
                required=False,
                error_messages={"invalid_choice": MSG_CHOICE},
            )
            # One tick (or one tap with the script) skips it; the reason is pain unless the
            # person chose another one above or afterwards.
            self.fields[f"skipped_{i}"] = forms.BooleanField(
                label=_("It hurts: I skipped this exercise"), required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(len(self.slots)):
            if data.get(f"skipped_{i}") and not data.get(f"skip_{i}"):
                data[f"skip_{i}"] = SKIP_DEFAULT
        return data

    def clean_client_id(self) -> uuid.UUID:
        # The page always carries one; a form without it still saves, just not de-duplicated.
        try:
            return uuid.UUID(self.cleaned_data.get("client_id") or "")
        except ValueError:
            return uuid.uuid4()

    def started(self, now: datetime) -> datetime:
        """When the page was opened (a hidden field), within sense; otherwise now."""
        value = parse_datetime(self.cleaned_data.get("started_at") or "")
        if value is None or timezone.is_naive(value) or value > now + CLOCK_SLACK:
            return now
        return min(value, now)

    def items(self) -> list[ItemDone]:
        done: list[ItemDone] = []
        for i, slot in enumerate(self.slots):
            reps = self.cleaned_data.get(f"reps_{i}")
            sets = self.cleaned_data.get(f"sets_{i}")
            if sets is None and reps is not None:
                # The counter fills in the total only: whole sets follow from the plan's count.
                sets = min(slot.dose.sets, reps // (slot.dose.reps or 1))
            done.append(
                ItemDone(
                    exercise_id=slot.exercise_id,
                    level=slot.level,
                    reps_done=reps,
                    sets_done=sets,
                    hold_seconds=slot.dose.hold_seconds,
                    skip_reason=self.cleaned_data.get(f"skip_{i}") or "",
                )
            )
        return done
