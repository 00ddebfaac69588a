"""Forms own parsing: the profile, and the password check before deleting the account."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hizakoshi.accounts.models import Language, User

MSG_WRONG_PASSWORD = _("That is not your password. Please try again.")


class ProfileForm(forms.Form):
    height_cm = forms.DecimalField(
        label=_("Height (cm)"),
        required=False,
        min_value=Decimal(100),
        max_value=Decimal(230),
        decimal_places=1,
        max_digits=4,
        error_messages={
            "invalid": _("Please enter your height as a number, like 155."),
            "min_value": _("Please enter a height between 100 and 230 cm."),
            "max_value": _("Please enter a height between 100 and 230 cm."),
            "max_decimal_places": _("Please use at most one decimal place."),
            "max_digits": _("Please enter a height between 100 and 230 cm."),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    weight_goal_kg = forms.DecimalField(
        label=_("Weight goal (kg)"),
        required=False,
        min_value=Decimal(25),
        max_value=Decimal(250),
        decimal_places=1,
        max_digits=4,
        error_messages={
            "invalid": _("Please enter the weight as a number, like 58.5."),
            "min_value": _("Please enter a weight between 25 and 250 kg."),
            "max_value": _("Please enter a weight between 25 and 250 kg."),
            "max_decimal_places": _("Please use at most one decimal place."),
            "max_digits": _("Please enter a weight between 25 and 250 kg."),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    session_time = forms.TimeField(
        label=_("Preferred time for your exercises"),
        required=False,
        input_formats=["%H:%M"],
        error_messages={"invalid": _("Please enter a time like 09:30.")},
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        error_messages={"required": _("Please enter your password to confirm.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, person: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.person.check_password(password):
            raise forms.ValidationError(MSG_WRONG_PASSWORD, code="wrong")
        return password
