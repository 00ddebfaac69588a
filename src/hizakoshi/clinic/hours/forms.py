"""The hours page's forms: one staff member's or room's hours (a row per weekday, up to two
periods a day, and the numbers), and a closed day or one day's own hours.

What may be kept is the core's to say (care.booking.availability_problems, day_problem: the
limits of `Availability` itself); each problem is said at its field or its weekday, in the page's
language. The form only turns the inputs into the stored shape ([["09:00", "12:00"], ...]).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date, time
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.booking import availability_problems, day_problem
from hizakoshi.care.booking.hours import NOT_A_TIME, NUMBERS
from hizakoshi.care.model import Text
from hizakoshi.clinic.hours.services import MSG_LABEL_EMPTY, MSG_NOT_NEGATIVE
from hizakoshi.clinic.models import Availability
from hizakoshi.site.language import current_lang

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

WEEKDAYS = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)
PERIODS = 2  # periods a day the form offers (a day stored with more shows them all)
# Wide bounds that only keep absurd numbers out of int(); the core says the real range.
WIDE = 1_000_000

MSG_NUMBER = _("Enter a whole number.")
MSG_REQUIRED = _("Enter a number.")
MSG_TOO_LARGE = _("This number is too large.")
MSG_BOTH_TIMES = _("Enter both times of the period, or neither.")
MSG_DAY = _("Please enter a day like 2026-12-29.")
MSG_PAST = _("Please choose today or a later day.")
MSG_NEEDS_HOURS = _("Enter the hours of that day, or choose closed all day.")
MSG_SCOPE = _("Please choose from the list.")


def _words(text: Text) -> str:
    return text.get(current_lang())


_said = lazy(_words, str)


class _Time(forms.TimeField):
    widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

    def __init__(self, label: StrOrPromise) -> None:
        super().__init__(label=label, required=False, error_messages={"invalid": _said(NOT_A_TIME)})

    def to_python(self, value: Any) -> time | None:
        if isinstance(value, str):  # ０９：００ typed on a Japanese keyboard is 09:00
            value = unicodedata.normalize("NFKC", value).strip()
        return super().to_python(value)


def _number(label: StrOrPromise, *, at_least: int = -WIDE, required: bool = True) -> Any:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=at_least,
        max_value=WIDE,
        error_messages={
            "required": MSG_REQUIRED,
            "invalid": MSG_NUMBER,
            "min_value": MSG_NOT_NEGATIVE,
            "max_value": MSG_TOO_LARGE,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "short"}),
    )


def period_fields(prefix: str, index: int) -> tuple[str, str]:
    return f"{prefix}opens{index}", f"{prefix}closes{index}"


def _pairs(form: forms.Form, prefix: str, periods: int) -> list[list[str]] | None:
    """The periods typed on one row as stored pairs; None when a time is missing or wrong
    (the error is then at its field)."""
    found, whole = [], True
    for index in range(1, periods + 1):
        names = period_fields(prefix, index)
        if any(name in form.errors for name in names):
            whole = False
            continue
        opens, closes = (form.cleaned_data.get(name) for name in names)
        if opens is None and closes is None:
            continue
        if opens is None or closes is None:
            form.add_error(names[0] if opens is None else names[1], MSG_BOTH_TIMES)
            whole = False
            continue
        found.append([f"{opens:%H:%M}", f"{closes:%H:%M}"])
    return found if whole else None


def periods_in(data: Mapping[str, Any] | None, weekly: list[Any] | None = None) -> int:
    """How many periods a day the form shows: two, or as many as the stored week or the sent
    form has on a day."""
    most = max((len(day) for day in weekly or []), default=0)
    for key in data or {}:
        head, _sep, index = str(key).rpartition("opens")
        if head.startswith("d") and index.isdigit():
            most = max(most, int(index))
    return max(PERIODS, most)


FORM_VALUES = (
    "label",
    "weekly",
    "slot_minutes",
    "buffer_minutes",
    "lead_minutes",
    "horizon_days",
    "change_until_minutes",
    "open_on_holidays",
    "confirm_by_staff",
    "price_yen",
    "price_note",
)


class AvailabilityForm(forms.Form):
    label = forms.CharField(
        label=_("Staff member or room"),
        max_length=Availability._meta.get_field("label").max_length,
        help_text=_("For staff: the staff member or the room, such as Dr Yamada or Room 1."),
        error_messages={"required": MSG_LABEL_EMPTY},
    )
    slot_minutes = _number(_("Length of one consultation (minutes)"))
    buffer_minutes = _number(_("Break between consultations (minutes)"))
    lead_minutes = _number(_("People book at least this long before (minutes)"))
    horizon_days = _number(_("People book up to this many days ahead"))
    change_until_minutes = _number(
        _("People may move or cancel online until this long before (minutes)"), at_least=0
    )
    open_on_holidays = forms.BooleanField(label=_("Open on public holidays"), required=False)
    confirm_by_staff = forms.BooleanField(
        label=_("The clinic confirms each booking (otherwise it is confirmed at once)"),
        required=False,
    )
    price_yen = _number(_("Cost shown to people (yen)"), at_least=0, required=False)
    price_note = forms.CharField(
        label=_("Note on the cost"),
        required=False,
        max_length=Availability._meta.get_field("price_note").max_length,
    )
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, periods: int = PERIODS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.periods = periods
        for day, name in enumerate(WEEKDAYS):
            for index in range(1, periods + 1):
                opens, closes = period_fields(f"d{day}_", index)
                self.fields[opens] = _Time(_("%(day)s, period %(n)d, from") % _day(name, index))
                self.fields[closes] = _Time(_("%(day)s, period %(n)d, until") % _day(name, index))

    @classmethod
    def initial_of(cls, row: Availability, seen: str) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(row, name) for name in FORM_VALUES}
        initial["seen"] = seen
        for day, periods in enumerate(row.weekly):
            for index, (opens, closes) in enumerate(periods, start=1):
                names = period_fields(f"d{day}_", index)
                initial[names[0]], initial[names[1]] = opens, closes
        return initial

    def days(self) -> list[dict[str, Any]]:
        """The weekday rows for the template: the name, each period's two fields, the errors."""
        rows = []
        for day, name in enumerate(WEEKDAYS):
            pairs = [
                [self[n] for n in period_fields(f"d{day}_", i)] for i in range(1, self.periods + 1)
            ]
            errors = [e for pair in pairs for field in pair for e in field.errors]
            rows.append({"index": day, "name": name, "periods": pairs, "errors": errors})
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        weekly = [_pairs(self, f"d{day}_", self.periods) for day in range(len(WEEKDAYS))]
        numbers = {name: data.get(name) for name in NUMBERS}
        if any(value is None for value in numbers.values()):
            problems = {
                f"weekly.{day}": found
                for day, pairs in enumerate(weekly)
                if pairs is not None and (found := day_problem(pairs)) is not None
            }
        else:
            checked = [pairs or [] for pairs in weekly]
            problems = availability_problems(weekly=checked, numbers=numbers)  # type: ignore[arg-type]
        for key, text in problems.items():
            self.add_error(_field_of(key), _words(text))
        data["weekly"] = [pairs or [] for pairs in weekly]
        return data

    def values(self) -> dict[str, Any]:
        """What the services keep, once the form is valid."""
        data = self.cleaned_data
        values = {name: data[name] for name in FORM_VALUES}
        values["label"] = values["label"].strip()
        values["price_note"] = values["price_note"].strip()
        return values

    def mark_errors(self, problems: Mapping[str, StrOrPromise]) -> None:
        """Problems the services found (a name taken meanwhile) said at their fields."""
        for key, message in problems.items():
            self.add_error(_field_of(key) if key else None, str(message))


def _day(name: StrOrPromise, index: int) -> dict[str, Any]:
    return {"day": name, "n": index}


def _field_of(key: str) -> str | None:
    """A problem's key as the form's field: "weekly.2" is Wednesday's first time."""
    if key.startswith("weekly."):
        return period_fields(f"d{key.removeprefix('weekly.')}_", 1)[0]
    if key == "weekly":
        return period_fields("d0_", 1)[0]
    return key or None


class DayForm(forms.Form):
    """A closed day, or other hours on one day, for the whole clinic or one entry."""

    day = forms.DateField(
        label=_("Day"),
        input_formats=["%Y-%m-%d", "%Y/%m/%d"],
        error_messages={"required": MSG_DAY, "invalid": MSG_DAY},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    scope = forms.ChoiceField(
        label=_("For"), required=False, error_messages={"invalid_choice": MSG_SCOPE}
    )
    kind = forms.ChoiceField(
        label=_("That day"),
        choices=[("closed", _("Closed all day")), ("hours", _("Open at other hours"))],
        initial="closed",
        widget=forms.RadioSelect,
        error_messages={"required": MSG_SCOPE, "invalid_choice": MSG_SCOPE},
    )
    note = forms.CharField(label=_("Note for staff"), required=False, max_length=100)

    def __init__(self, *args: Any, entries: list[Availability], today: date, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.today = today
        scope = self.fields["scope"]
        assert isinstance(scope, forms.ChoiceField)
        scope.choices = [("", _("The whole clinic")), *((str(r.pk), r.label) for r in entries)]
        for index in range(1, PERIODS + 1):
            opens, closes = period_fields("", index)
            self.fields[opens] = _Time(_("Period %(n)d, from") % {"n": index})
            self.fields[closes] = _Time(_("Period %(n)d, until") % {"n": index})

    def periods(self) -> list[list[forms.BoundField]]:
        return [[self[n] for n in period_fields("", i)] for i in range(1, PERIODS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get("day")
        if day is not None and day < self.today:
            self.add_error("day", MSG_PAST)
        pairs = _pairs(self, "", PERIODS)
        data["hours"] = []
        if data.get("kind") == "hours" and pairs is not None:
            if not pairs:
                self.add_error("opens1", MSG_NEEDS_HOURS)
            elif (problem := day_problem(pairs)) is not None:
                self.add_error("opens1", _words(problem))
            else:
                data["hours"] = pairs
        data["resource_id"] = int(data["scope"]) if data.get("scope") else None
        return data
