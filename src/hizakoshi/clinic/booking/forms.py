"""The booking form: one set of rules and messages for the page and the API (the API feeds its
JSON body through the same form, so a mistake gets the same words at both doors).

Only what the consultation needs (japan-requirements): a name and its reading, a phone number
and/or an e-mail address, how to be contacted, a short message, and the consent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.booking import Refusal
from hizakoshi.clinic.models import ContactBy
from hizakoshi.site.ratelimit import count_or_refuse

MSG_NAME = _("Please enter your name.")
MSG_NAME_LONG = _("Please keep your name within 60 characters.")
MSG_KANA = _("Please enter the reading of your name in kana, like やまだ はなこ.")
MSG_KANA_FORM = _("Please write the reading in hiragana or katakana only, like やまだ はなこ.")
MSG_PHONE = _("Please enter a phone number of 10 or 11 digits, like 090-1234-5678.")
MSG_EMAIL = _("Please enter an e-mail address like hanako@example.jp.")
MSG_REACH = _("Please give a phone number or an e-mail address, so that the clinic can reach you.")
MSG_CONTACT_BY = _("Please choose how the clinic should contact you.")
MSG_BY_PHONE = _("You chose to be contacted by phone: please enter your phone number.")
MSG_BY_EMAIL = _("You chose to be contacted by e-mail: please enter your e-mail address.")
MSG_MESSAGE_LONG = _("Please keep the message within 1000 characters.")
MSG_CONSENT = _("Please tick the box to agree; without it the clinic cannot receive the booking.")
MSG_SLOT = _("Please choose a time from the list.")
MSG_KEY_REUSED = _(
    "This booking form was already sent with other details. Please start the booking again."
)

REFUSALS = {
    Refusal.PAST: _("This time has already passed. Please choose another time."),
    Refusal.TOO_SOON: _(
        "This time is too soon to book here. Please choose a later time, or phone the clinic."
    ),
    Refusal.TOO_FAR: _("Bookings this far ahead are not open yet. Please choose an earlier day."),
    Refusal.HOLIDAY: _("The clinic is closed on this public holiday. Please choose another day."),
    Refusal.CLOSED: _("The clinic is closed on this day. Please choose another day."),
    Refusal.NOT_A_SLOT: _(
        "This is not one of the clinic's booking times. Please choose a time from the list."
    ),
    Refusal.TAKEN: _(
        "Sorry, this time has just been booked by someone else. Please choose another time."
    ),
}

KANA = re.compile(r"^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc\u30fd\u30fe・ ]+$")
# Spaces, brackets and every kind of dash a Japanese keyboard gives (after NFKC).
PHONE_MARKS = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fc()]")
CONTACT_CHOICES = [
    (ContactBy.PHONE.value, _("By phone")),
    (ContactBy.EMAIL.value, _("By e-mail")),
    (ContactBy.EITHER.value, _("Either is fine")),
]


def _text(value: Any) -> str:
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else ""


class BookingForm(forms.Form):
    resource = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": MSG_SLOT, "invalid": MSG_SLOT}
    )
    starts_at = forms.CharField(
        widget=forms.HiddenInput, error_messages={"required": MSG_SLOT}, max_length=40
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=60,
        error_messages={"required": MSG_NAME, "max_length": MSG_NAME_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    name_kana = forms.CharField(
        label=_("Reading of your name (furigana)"),
        max_length=60,
        error_messages={"required": MSG_KANA, "max_length": MSG_NAME_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        error_messages={"max_length": MSG_PHONE},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "type": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        error_messages={"invalid": MSG_EMAIL, "max_length": MSG_EMAIL},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("The confirmation, a calendar invitation and your private link are sent here."),
    )
    contact_by = forms.ChoiceField(
        label=_("How should the clinic contact you?"),
        choices=CONTACT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": MSG_CONTACT_BY, "invalid_choice": MSG_CONTACT_BY},
    )
    message = forms.CharField(
        label=_("Message to the clinic"),
        required=False,
        max_length=1000,
        error_messages={"max_length": MSG_MESSAGE_LONG},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example what you would like to talk about. You may leave it empty."),
    )
    consent = forms.BooleanField(error_messages={"required": MSG_CONSENT})

    def clean_name(self) -> str:
        name = _text(self.cleaned_data.get("name"))
        if not name:
            raise forms.ValidationError(MSG_NAME)
        return name

    def clean_name_kana(self) -> str:
        kana = re.sub(r"\s+", " ", _text(self.cleaned_data.get("name_kana")))
        if not kana:
            raise forms.ValidationError(MSG_KANA)
        if not KANA.match(kana):
            raise forms.ValidationError(MSG_KANA_FORM)
        return kana

    def clean_phone(self) -> str:
        raw = PHONE_MARKS.sub("", _text(self.cleaned_data.get("phone")))
        if not raw:
            return ""
        if raw.startswith("+81"):
            raw = "0" + raw[3:]
        if not re.fullmatch(r"0\d{9,10}", raw):
            raise forms.ValidationError(MSG_PHONE)
        return raw

    def clean_email(self) -> str:
        email: str = self.cleaned_data.get("email") or ""
        local, _at, domain = email.strip().rpartition("@")
        return f"{local}@{domain.lower()}" if local else ""

    def clean_starts_at(self) -> datetime:
        raw = _text(self.cleaned_data.get("starts_at"))
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            raise forms.ValidationError(MSG_SLOT) from None
        if moment.tzinfo is None:  # a time without a zone is the clinic's own
            moment = moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
        return moment

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "resource" in self.errors and "starts_at" in self.errors:
            del self.errors["resource"]  # one "choose a time" is enough
        phone, email = cleaned.get("phone"), cleaned.get("email")
        typed = {name for name in ("phone", "email") if name in self.errors}
        if not phone and not email and not typed:
            self.add_error("phone", MSG_REACH)
        by = cleaned.get("contact_by")
        if by == ContactBy.PHONE and not phone and "phone" not in self.errors:
            self.add_error("phone", MSG_BY_PHONE)
        if by == ContactBy.EMAIL and not email and "email" not in self.errors:
            self.add_error("email", MSG_BY_EMAIL)
        return cleaned


def refusal_message(refusal: Refusal) -> str:
    return str(REFUSALS[refusal])


def count_contacts(request: HttpRequest, values: dict[str, Any]) -> None:
    """Count a booking against the limit of each phone number and e-mail address it is for
    (settings.RATELIMIT_BOOKING_CONTACT), whichever IP it comes from; over it, the 429 answer.
    The count says nothing about whether anyone booked: it counts requests, not bookings."""
    for contact in (values.get("phone"), values.get("email")):
        if contact:
            count_or_refuse(
                request,
                key=_fixed(f"booking:{contact}"),
                rate="RATELIMIT_BOOKING_CONTACT",
                group="booking-who",
            )


def _fixed(key: str) -> Callable[[str, HttpRequest], str]:
    """A django-ratelimit key function that always gives `key`."""

    def given(_group: str, _request: HttpRequest) -> str:
        return key

    return given
