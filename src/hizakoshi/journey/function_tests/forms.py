"""Forms of the home function tests: the safety screen before a test, and each test's
measurements."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.functiontests import MAX_AGE, MAX_CHAIR_STANDS, ONE_LEG_MAX_S
from hizakoshi.site.fields import radio, range_messages

if TYPE_CHECKING:  # django-stubs only; not installed in production
    from django_stubs_ext import StrOrPromise


MSG_CONFIRM = _("Please confirm this before the test. If you cannot, do the test another day.")


MSG_CHAIR = _("Please say which chair you used: the count depends on the seat height.")


MSG_WHOLE = _("Please enter a whole number.")


MSG_ONE_LEG_LOWEST = _("Please choose the lowest seat you could stand up from on one leg.")


MSG_BOTH_LEGS_LOWEST = _("Please choose the lowest seat you could stand up from on both legs.")


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
        error_messages=range_messages(low, high, unit),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": "6"}),
        **kw,
    )


def _whole(label: StrOrPromise, low: int, high: int, unit: str = "") -> forms.IntegerField:
    messages = range_messages(low, high, unit) | {"invalid": MSG_WHOLE}
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
    one_leg_40 = radio(
        _("Could you stand up on one leg from the 40 cm seat, with each leg?"), YES_NO
    )
    one_leg_lowest = radio(
        _("If yes: the lowest seat you stood up from on one leg, with each leg"),
        SEATS,
        required=False,
    )
    both_legs_lowest = radio(
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
    count = _whole(_("Full stands in 30 seconds"), 0, MAX_CHAIR_STANDS)
    age = _whole(_("Your age"), 18, MAX_AGE)
    sex = radio(_("Sex (the norms are given for women and men)"), SEXES)


class SteadiForm(forms.Form):
    fell_past_year = radio(_("Have you fallen in the past year?"), YES_NO)
    unsteady = radio(_("Do you feel unsteady when standing or walking?"), YES_NO)
    worried_about_falling = radio(_("Do you worry about falling?"), YES_NO)

    def answers(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] == "yes" for name in self.fields}


class OneLegForm(forms.Form):
    seconds = _decimal(_("The longer of your two tries (seconds)"), 0, ONE_LEG_MAX_S, " s")
