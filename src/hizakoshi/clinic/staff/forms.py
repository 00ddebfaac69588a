"""Forms of the staff's sign-in: a second-factor code, the setup code that lets a member set up
their app, and a new member's details (for `hizakoshi staff_add`). Each turns what was typed
into typed values or says what is wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hizakoshi.accounts.models import User, normalize_email
from hizakoshi.clinic.models import Clinic, Role
from hizakoshi.clinic.staff.codes import Code, code_read, setup_code_read
from hizakoshi.clinic.staff.passwords import staff_password_check

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

MSG_CODE_REQUIRED = _("Please enter the code.")
MSG_CODE_SHAPE = _(
    "Please enter the 6-digit code your authenticator app shows, or one of your recovery codes "
    "(10 letters and numbers)."
)
MSG_APP_CODE_SHAPE = _("Please enter the 6-digit code your authenticator app shows.")
MSG_SETUP_CODE_REQUIRED = _("Please enter the setup code.")
MSG_SETUP_CODE_SHAPE = _(
    "A setup code has 12 letters and numbers, for example ABCD-EFGH-JKMN. Please check what you "
    "typed."
)
MSG_NO_CLINIC = _("There is no clinic with the code %(code)s.")
MSG_ACCOUNT_EXISTS = _("An account with this e-mail address exists already.")


def _code_field(
    label: str | _StrPromise, help_text: str | _StrPromise, *, numeric: bool
) -> forms.CharField:
    attrs = {
        "autocomplete": "one-time-code",
        "autocapitalize": "off",
        "spellcheck": "false",
        "autofocus": True,
        "class": "code-input",
    }
    if numeric:
        attrs["inputmode"] = "numeric"
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=40,
        error_messages={"required": MSG_CODE_REQUIRED},
        widget=forms.TextInput(attrs=attrs),
    )


class CodeForm(forms.Form):
    """The code from the member's app, or one recovery code."""

    code = _code_field(
        _("Code"),
        _("The 6 digits your authenticator app shows now, or one unused recovery code."),
        numeric=False,
    )

    def clean_code(self) -> Code:
        code = code_read(self.cleaned_data["code"])
        if code is None:
            raise ValidationError(MSG_CODE_SHAPE, code="shape")
        return code


class AppCodeForm(forms.Form):
    """The code from the app being set up: only the app can confirm itself."""

    code = _code_field(_("Code from the app"), _("The 6 digits the app shows now."), numeric=True)

    def clean_code(self) -> Code:
        code = code_read(self.cleaned_data["code"])
        if code is None or code.kind != "totp":
            raise ValidationError(MSG_APP_CODE_SHAPE, code="shape")
        return code


class SetupCodeForm(forms.Form):
    """The setup code the clinic admin handed over: without it no app can be set up."""

    setup_code = forms.CharField(
        label=_("Setup code"),
        help_text=_(
            "The 12 letters and numbers the clinic's administrator gave you, for example "
            "ABCD-EFGH-JKMN."
        ),
        max_length=40,
        error_messages={"required": MSG_SETUP_CODE_REQUIRED},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
                "class": "code-input",
            }
        ),
    )

    def clean_setup_code(self) -> str:
        code = setup_code_read(self.cleaned_data["setup_code"])
        if code is None:
            raise ValidationError(MSG_SETUP_CODE_SHAPE, code="shape")
        return code


class StaffAddForm(forms.Form):
    """A new member's account, as `hizakoshi staff_add` is given it."""

    email = forms.EmailField(max_length=254)
    clinic_code = forms.CharField(max_length=12)
    role = forms.ChoiceField(choices=Role.choices)
    name = forms.CharField(max_length=60)  # shown to patients: 「山田(医師)」
    password = forms.CharField(strip=False)

    def clean_email(self) -> str:
        email = normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(MSG_ACCOUNT_EXISTS, code="exists")
        return email

    def clean_clinic_code(self) -> Clinic:
        code = self.cleaned_data["clinic_code"].strip().upper()
        clinic = Clinic.objects.filter(code=code).first()
        if clinic is None:
            raise ValidationError(MSG_NO_CLINIC, code="no_clinic", params={"code": code})
        return clinic

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            problems: list[ValidationError] = []
            try:
                staff_password_check(password)
            except ValidationError as problem:
                problems.extend(problem.error_list)
            try:  # Django's own checks too: not a common password, not like the address
                password_validation.validate_password(
                    password, User(email=cleaned.get("email") or "")
                )
            except ValidationError as problem:
                problems.extend(problem.error_list)
            if problems:
                self.add_error("password", problems)
        return cleaned
