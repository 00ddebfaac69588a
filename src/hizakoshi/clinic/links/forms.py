"""The person's forms: a clinic's code, and linking with a clinic (how the clinic knows them,
and their consent). Forms own parsing: a code, a name in katakana and a birth date may be
typed in many ways on a Japanese phone; each is read as the one thing it means."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizakoshi.clinic.links.selectors import clinic_by_code, clinic_code_normal
from hizakoshi.clinic.models import Clinic

MSG_CODE_FORM = _("A clinic code is 4 to 12 letters and numbers, like HIZA01. Please check it.")
MSG_CODE_UNKNOWN = _("No clinic has this code. Please check the code the clinic gave you.")
MSG_CODE_NEEDED = _("Please enter the clinic's code.")
MSG_NAME = _("Please enter your name as the clinic knows it.")
MSG_KANA = _("Please write your name in katakana, like ヤマモト カズコ.")
MSG_KANA_NEEDED = _("Please enter your name in katakana (furigana).")
MSG_BIRTH_PARTS = _("Please give the year, month and day of your birth, or leave all three empty.")
MSG_BIRTH_YEAR = _("Please write the year like 1956 or 昭和31.")
MSG_BIRTH_DATE = _("There is no such date. Please check your date of birth.")
MSG_CONSENT = _("To link with the clinic, please tick the box to agree.")

_CODE = re.compile(r"^[A-Z0-9]{4,12}$")
_KANA = re.compile(r"^[\u30a1-\u30fa\u30fc\u30fb\u30fd\u30fe ]+$")  # katakana, ー, ・, spaces
_HIRAGANA = re.compile(r"[\u3041-\u3096\u309d\u309e]")
_KATAKANA_OFFSET = 0x60  # ひ (U+3072) -> ヒ (U+30D2): the blocks are in the same order
# Japanese eras a birth year may be given in: name -> (the Western year before its first year,
# its last year; 昭和64 was its last, 昭和65 never was).
_ERAS: dict[str, tuple[int, int | None]] = {
    **dict.fromkeys(("大正", "T"), (1911, 15)),
    **dict.fromkeys(("昭和", "S"), (1925, 64)),
    **dict.fromkeys(("平成", "H"), (1988, 31)),
    **dict.fromkeys(("令和", "R"), (2018, None)),
}
_ERA_YEAR = re.compile(r"^(大正|昭和|平成|令和|[TSHR])(元|\d{1,2})年?$")
_WESTERN_YEAR = re.compile(r"^(\d{4})年?$")
_OLDEST_YEAR = 1900


def _normal(value: Any) -> str:
    """Full-width letters and digits, half-width katakana: the ordinary form (NFKC)."""
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else ""


class ClinicCodeForm(forms.Form):
    code = forms.CharField(
        label=_("The clinic's code"),
        help_text=_("It is on the paper the clinic gave you: letters and numbers."),
        max_length=40,
        error_messages={"required": MSG_CODE_NEEDED, "max_length": MSG_CODE_FORM},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    clinic: Clinic

    def clean_code(self) -> str:
        code = clinic_code_normal(self.cleaned_data["code"]).replace(" ", "").replace("-", "")
        if not _CODE.match(code):
            raise forms.ValidationError(MSG_CODE_FORM, code="form")
        clinic = clinic_by_code(code=code)
        if clinic is None:
            raise forms.ValidationError(MSG_CODE_UNKNOWN, code="unknown")
        self.clinic = clinic
        return code


def katakana(text: str) -> str:
    """A name in furigana as stored: hiragana turned into katakana, half-width katakana and
    full-width spaces made ordinary, runs of spaces made one."""
    text = _HIRAGANA.sub(lambda m: chr(ord(m.group()) + _KATAKANA_OFFSET), _normal(text))
    return " ".join(text.split())


def birth_year(text: str) -> int | None:
    """1956, 1956年, 昭和31, 昭和31年, S31, 昭和元年 -> the Western year; None if unreadable."""
    text = _normal(text).upper().replace(" ", "")
    if match := _WESTERN_YEAR.match(text):
        return int(match.group(1))
    if match := _ERA_YEAR.match(text):
        number = 1 if match.group(2) == "元" else int(match.group(2))
        before, last = _ERAS[match.group(1)]
        within = number >= 1 and (last is None or number <= last)
        return before + number if within else None
    return None


def _small_number(attrs: dict[str, str]) -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", **attrs})


class CareLinkForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        help_text=_("As the clinic knows you (on your patient card), like 山本 和子."),
        max_length=60,
        error_messages={"required": MSG_NAME, "max_length": MSG_NAME},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    name_kana = forms.CharField(
        label=_("Your name in katakana (furigana)"),
        help_text=_("Like ヤマモト カズコ. Hiragana is fine too."),
        max_length=60,
        error_messages={"required": MSG_KANA_NEEDED, "max_length": MSG_KANA},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_year = forms.CharField(
        label=_("Year"),
        required=False,
        max_length=10,
        error_messages={"max_length": MSG_BIRTH_YEAR},
        widget=_small_number({"inputmode": "text", "size": "8", "placeholder": "1956"}),
    )
    birth_month = forms.CharField(
        label=_("Month"), required=False, max_length=4, widget=_small_number({"size": "3"})
    )
    birth_day = forms.CharField(
        label=_("Day"), required=False, max_length=4, widget=_small_number({"size": "3"})
    )
    consent = forms.BooleanField(
        label=_("I agree to the points above and share my records with this clinic."),
        error_messages={"required": MSG_CONSENT},
    )

    def clean_name(self) -> str:
        name = " ".join(_normal(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError(MSG_NAME, code="required")
        return name

    def clean_name_kana(self) -> str:
        kana = katakana(self.cleaned_data["name_kana"])
        if not kana or not _KANA.match(kana):
            raise forms.ValidationError(MSG_KANA, code="kana")
        return kana

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts = [_normal(data.get(k)) for k in ("birth_year", "birth_month", "birth_day")]
        data["birth_date"] = None
        if not any(parts):
            return data
        if not all(parts):
            self.add_error("birth_year", MSG_BIRTH_PARTS)
            return data
        year = birth_year(parts[0])
        if year is None:
            self.add_error("birth_year", MSG_BIRTH_YEAR)
            return data
        try:
            born = date(year, int(parts[1].rstrip("月")), int(parts[2].rstrip("日")))
        except ValueError:
            self.add_error("birth_year", MSG_BIRTH_DATE)
            return data
        if born.year < _OLDEST_YEAR or born > timezone.localdate():
            self.add_error("birth_year", MSG_BIRTH_DATE)
            return data
        data["birth_date"] = born
        return data

    def link_fields(self) -> dict[str, Any]:
        """What care_link_create takes from the form."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "name_kana": data["name_kana"],
            "birth_date": data["birth_date"],
        }
