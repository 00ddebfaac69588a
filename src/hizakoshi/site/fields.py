"""Form fields and messages every form shares: whole numbers and kilograms typed with a Japanese
keyboard (full-width digits), the 0-10 pain scale as buttons, yes/no, radio groups with one
plain message naming the range."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils.text import format_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

import unicodedata
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MSG_PAIN = _("Please enter a number from 0 (no pain) to 10 (worst imaginable).")


MSG_WEIGHT = _("Please enter your weight in kg, from 20 to 300, like 58.5.")


MSG_CHOICE = _("Please choose one of the answers shown.")


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


YES_NO_UNKNOWN = [
    ("yes", _("Yes")),
    ("no", _("No")),
    ("unknown", pgettext_lazy("journey", "I don't know")),
]


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


MSG_CHOOSE = _("Please choose one answer.")


def range_messages(low: object, high: object, unit: str = "") -> dict[str, Any]:
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


def radio(
    label: StrOrPromise, choices: Sequence[tuple[str, object]], *, required: bool = True
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        error_messages=RADIO_ERRORS,
    )


MSG_NUMBER = _("Please enter a number.")
