"""The sign-up form of a patient: the account's fields, the consent to keep health data, and the
self-check result carried into it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hizakoshi.accounts.forms import SignupForm

MSG_CONSENT_REQUIRED = _("To make an account, please tick the box to show that you agree.")


class PatientSignupForm(SignupForm):
    consent = forms.BooleanField(required=True, error_messages={"required": MSG_CONSENT_REQUIRED})
    # A self-check result to take into the account: the signed state of a result page, or the
    # private link of a saved result. Checked by the view, never trusted as given.
    state = forms.CharField(required=False, widget=forms.HiddenInput)
    result = forms.CharField(required=False, widget=forms.HiddenInput, max_length=100)
