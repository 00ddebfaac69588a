"""Forms own parsing: sign-up (a feature adds its own fields, as the journey adds its consent),
login with one generic message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hizakoshi.accounts.models import Language, User, normalize_email

# One message for every failed login: it never tells whether the address has an account.
MSG_LOGIN_FAILED = _(
    "The e-mail address or the password is not right. Please check both and try again."
)


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter an e-mail address like hanako@example.jp."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        error_messages={"required": _("Please choose a password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters. Not only numbers, and not a common word."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)

    def clean_email(self) -> str:
        # Whether an account uses the address is never said here: see accounts/signup.py.
        return normalize_email(self.cleaned_data["email"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            probe = User(email=cleaned.get("email") or "")
            try:
                password_validation.validate_password(password, probe)
            except ValidationError as problem:
                self.add_error("password", problem)
        return cleaned


class LoginForm(AuthenticationForm):
    error_messages = {  # noqa: RUF012 - Django's own pattern for form messages
        "invalid_login": MSG_LOGIN_FAILED,
        "inactive": MSG_LOGIN_FAILED,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True}
        )
        self.fields["password"].label = _("Password")
