"""The guided session's form: what was done of each exercise, what was skipped and why, and how
much it hurt. Numbers typed with a Japanese keyboard are read."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.content import exercises
from hizakoshi.care.journey import Dose
from hizakoshi.care.journey.schedule import kept_record_keeps_its_day
from hizakoshi.journey.models import Feeling
from hizakoshi.site.fields import MSG_CHOICE, WholeNumber

MSG_REPS = _("Please enter how many you did, as a number from 0 to 200.")


MSG_SETS = _("Please enter the sets you finished, as a number from 0 to 20.")


MSG_PAIN_REQUIRED = _("Please choose how much it hurt during the session, from 0 to 10.")


MSG_SESSION_BROKEN = _("This session could not be read. Please open the session page again.")


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
    finished_at = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
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
        """When the person began (session.js: the first start, else the page's opening)."""
        return self._phone_time("started_at", now, not_before=None)

    def finished(self, now: datetime) -> datetime:
        """When the person pressed "save" (session.js), which for a session kept on the phone
        without a connection is earlier than its arrival; without JavaScript, now."""
        return self._phone_time("finished_at", now, not_before=self.started(now))

    def _phone_time(self, name: str, now: datetime, not_before: datetime | None) -> datetime:
        """A time the phone sent, believed within sense: not ahead of the server's clock (past a
        little slack), not before `not_before`, and of a day a kept record may still have
        (care.journey.schedule); otherwise now."""
        value = parse_datetime(self.cleaned_data.get(name) or "")
        if value is None or timezone.is_naive(value) or value > now + CLOCK_SLACK:
            return now
        if not_before is not None and value < not_before:
            return now
        if not kept_record_keeps_its_day(timezone.localdate(value), today=timezone.localdate(now)):
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
