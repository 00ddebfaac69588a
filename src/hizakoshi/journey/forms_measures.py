"""Forms own parsing: questionnaires (one radio group per official item), the PSFS activities,
the safety screen before a home function test, and each test's measurements."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.instruments import Instrument
from hizakoshi.care.model import Lang
from hizakoshi.journey.models import PsfsActivity

if TYPE_CHECKING:  # django-stubs only; not installed in production
    from django_stubs_ext import StrOrPromise

    from hizakoshi.journey.selectors_wording import Wording

MSG_CHOOSE = _("Please choose one answer.")
MSG_NEEDED = _("Please answer this question: without it the questionnaire cannot be scored.")
MSG_ACTIVITIES = _("Please name at least 3 activities (up to 5).")
MSG_ACTIVITY_TOO_LONG = _("Please keep each activity under 200 characters.")
MSG_CONFIRM = _("Please confirm this before the test. If you cannot, do the test another day.")
MSG_CHAIR = _("Please say which chair you used: the count depends on the seat height.")
MSG_NUMBER = _("Please enter a number.")
MSG_WHOLE = _("Please enter a whole number.")
MSG_ONE_LEG_LOWEST = _("Please choose the lowest seat you could stand up from on one leg.")
MSG_BOTH_LEGS_LOWEST = _("Please choose the lowest seat you could stand up from on both legs.")

ITEM_PREFIX = "item_"


def _range_messages(low: object, high: object, unit: str = "") -> dict[str, Any]:
    words = format_lazy(
        _("Please enter a number from {low} to {high}{unit}."), low=low, high=high, unit=unit
    )
    return {
        "required": _("Please fill this in."),
        "invalid": MSG_NUMBER,
        "min_value": words,
        "max_value": words,
        "max_digits": words,
        "max_decimal_places": _("Please use at most one decimal place."),
    }


RADIO_ERRORS: dict[str, StrOrPromise] = {"required": MSG_CHOOSE, "invalid_choice": MSG_CHOOSE}


def _radio(
    label: StrOrPromise, choices: Sequence[tuple[str, object]], *, required: bool = True
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        error_messages=RADIO_ERRORS,
    )


class ItemField(forms.ChoiceField):
    """One questionnaire item as radio buttons, with what the template needs to know about its
    wording: its language when it is not the page's, and whether the options are words (a
    published wording's own) rather than a number scale."""

    widget = forms.RadioSelect
    default_error_messages = RADIO_ERRORS

    def __init__(self, *args: Any, text_lang: str = "", worded: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.text_lang = text_lang
        self.worded = worded


def scale_choices(low: int, high: int) -> list[tuple[str, str]]:
    return [(str(n), str(n)) for n in range(low, high + 1)]


# --- questionnaires ------------------------------------------------------------------------------


class InstrumentForm(forms.Form):
    """One radio group per item, keyed by the official item id (field name item_<id>).

    With a published wording, the items and the answer options are its own, unmodified, and the
    fields say which language they are in (`text_lang`) when it differs from the page's; otherwise
    the answers are numbers explained by our own anchors.
    """

    def __init__(
        self,
        *args: Any,
        instrument: Instrument,
        wording: Wording,
        lang: Lang,
        optional: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for item in instrument.items:
            scale = instrument.scale_of(item)
            values = scale_choices(scale.min, scale.max)
            options = wording.choices.get(item)
            choices = list(zip((v for v, _ in values), options, strict=True)) if options else values
            self.fields[ITEM_PREFIX + item] = ItemField(
                label=wording.items[item],
                choices=choices,
                required=not optional,
                help_text="" if options else scale.anchors.get(lang),
                text_lang=wording.lang if wording.lang != lang else "",
                worded=bool(options),
            )

    def answers(self) -> dict[str, int | None]:
        return {
            name.removeprefix(ITEM_PREFIX): None if value in ("", None) else int(value)
            for name, value in self.cleaned_data.items()
        }


NRS_CHOICES = scale_choices(0, 10)


class NrsForm(forms.Form):
    knee = _radio(_("Your knees (the one that hurts more)"), NRS_CHOICES)
    back = _radio(_("Your lower back"), NRS_CHOICES)


class PsfsActivitiesForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, 6):
            self.fields[f"activity_{n}"] = forms.CharField(
                label=format_lazy(_("Activity {n}"), n=n),
                required=False,
                max_length=200,
                error_messages={"max_length": MSG_ACTIVITY_TOO_LONG},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and len(self.names()) < 3:
            self.add_error("activity_1", MSG_ACTIVITIES)
        return data

    def names(self) -> list[str]:
        found = (str(self.cleaned_data.get(f"activity_{n}") or "").strip() for n in range(1, 6))
        return [name for name in found if name]


class PsfsRatingForm(forms.Form):
    def __init__(
        self, *args: Any, activities: Sequence[PsfsActivity], labels: Sequence[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.activities = list(activities)
        for activity, label in zip(self.activities, labels, strict=True):
            self.fields[f"rate_{activity.pk}"] = _radio(label, scale_choices(0, 10))

    def ratings(self) -> list[tuple[PsfsActivity, int]]:
        return [(a, int(self.cleaned_data[f"rate_{a.pk}"])) for a in self.activities]


# --- home function tests -------------------------------------------------------------------------


def _confirm(label: StrOrPromise) -> forms.BooleanField:
    return forms.BooleanField(label=label, error_messages={"required": MSG_CONFIRM})


class SafetyForm(forms.Form):
    """Every box must be ticked; otherwise the test is not offered today (JOA safety wording)."""

    someone_present = _confirm(_("Someone is with me during the test."))
    non_slip_floor = _confirm(_("The floor is not slippery, and I am in shoes or bare feet."))
    support_nearby = _confirm(_("Something steady to hold is within reach (a table, a wall)."))
    no_acute_pain = _confirm(_("Today I have no sharp pain and I do not feel dizzy."))


SAFETY_FIELDS = tuple(SafetyForm.base_fields)


def _decimal(label: StrOrPromise, low: int, high: int, unit: str, **kw: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=Decimal(low),
        max_value=Decimal(high),
        max_digits=5,
        decimal_places=1,
        error_messages=_range_messages(low, high, unit),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": "6"}),
        **kw,
    )


def _whole(label: StrOrPromise, low: int, high: int, unit: str = "") -> forms.IntegerField:
    messages = _range_messages(low, high, unit) | {"invalid": MSG_WHOLE}
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages=messages,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": "4"}),
    )


class TwoStepForm(forms.Form):
    trial_1 = _decimal(_("First try: length of the two steps (cm)"), 0, 500, " cm")
    trial_2 = _decimal(_("Second try: length of the two steps (cm)"), 0, 500, " cm", required=False)
    height_cm = _decimal(_("Your height (cm)"), 100, 230, " cm")


SEATS = [("40", _("40 cm")), ("30", _("30 cm")), ("20", _("20 cm")), ("10", _("10 cm"))]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class StandUpForm(forms.Form):
    one_leg_40 = _radio(
        _("Could you stand up on one leg from the 40 cm seat, with each leg?"), YES_NO
    )
    one_leg_lowest = _radio(
        _("If yes: the lowest seat you stood up from on one leg, with each leg"),
        SEATS,
        required=False,
    )
    both_legs_lowest = _radio(
        _("If no: the lowest seat you stood up from on both legs"),
        [*SEATS, ("none", _("I could not stand up from 40 cm"))],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("one_leg_40") == "yes" and not data.get("one_leg_lowest"):
            self.add_error("one_leg_lowest", MSG_ONE_LEG_LOWEST)
        if data.get("one_leg_40") == "no" and not data.get("both_legs_lowest"):
            self.add_error("both_legs_lowest", MSG_BOTH_LEGS_LOWEST)
        return data

    def seats(self) -> tuple[int | None, int | None]:
        """(one_leg_lowest_cm, both_legs_lowest_cm) as care.functiontests wants them."""
        data = self.cleaned_data
        if data["one_leg_40"] == "yes":
            return int(data["one_leg_lowest"]), None
        both = data["both_legs_lowest"]
        return None, None if both == "none" else int(both)


CHAIRS = [
    ("steadi_43cm", _("A chair with a seat about 43 cm high (the CDC test)")),
    ("cs30_40cm", _("A chair with a seat about 40 cm high (the Japanese CS-30 test)")),
]
SEXES = [("female", _("Female")), ("male", _("Male")), ("other", _("Other / prefer not to say"))]


class ChairStandForm(forms.Form):
    chair = forms.ChoiceField(
        label=_("Which chair did you use?"),
        choices=CHAIRS,
        widget=forms.RadioSelect,
        error_messages={"required": MSG_CHAIR, "invalid_choice": MSG_CHAIR},
    )
    count = _whole(_("Full stands in 30 seconds"), 0, 60)
    age = _whole(_("Your age"), 18, 120)
    sex = _radio(_("Sex (the norms are given for women and men)"), SEXES)


class SteadiForm(forms.Form):
    fell_past_year = _radio(_("Have you fallen in the past year?"), YES_NO)
    unsteady = _radio(_("Do you feel unsteady when standing or walking?"), YES_NO)
    worried_about_falling = _radio(_("Do you worry about falling?"), YES_NO)

    def answers(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] == "yes" for name in self.fields}


class OneLegForm(forms.Form):
    seconds = _decimal(_("The longer of your two tries (seconds)"), 0, 600, " s")
