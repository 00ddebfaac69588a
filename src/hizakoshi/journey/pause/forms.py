"""The form to record that a doctor has seen the person after a diary warning sign and said
they may resume: the day they were seen (not in the future, not before the sign), a note."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MSG_SEEN_ON = _("Please enter the day the doctor saw you, like 2025-03-05.")


MSG_SEEN_FUTURE = _("The day the doctor saw you cannot be later than today.")


MSG_SEEN_BEFORE_SIGN = _(
    "The day the doctor saw you cannot be before the warning sign was noted (%(day)s)."
)


MSG_RESUME_NOTE = _("Please keep the note to 1000 characters or fewer.")


DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


class DayField(forms.Field):
    """A day typed as 2025-03-05, 2025/3/5 or 2025年3月5日 (full-width digits too)."""

    def to_python(self, value: Any) -> date | None:
        text = unicodedata.normalize("NFKC", str(value or "")).strip()
        if not text:
            return None
        for pattern in DATE_FORMATS:
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValidationError(MSG_SEEN_ON, code="invalid")


class ResumeForm(forms.Form):
    seen_on = DayField(
        label=_("The day the doctor saw you"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}),
        error_messages={"required": MSG_SEEN_ON},
    )
    note = forms.CharField(
        label=_("What the doctor said (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": "2"}),
        error_messages={"max_length": MSG_RESUME_NOTE},
    )

    def __init__(self, *args: Any, first_day: date, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.first_day, self.today = first_day, today
        widget = self.fields["seen_on"].widget
        widget.attrs |= {"min": first_day.isoformat(), "max": today.isoformat()}

    def clean_seen_on(self) -> date:
        seen_on = self.cleaned_data["seen_on"]
        if seen_on > self.today:
            raise ValidationError(MSG_SEEN_FUTURE, code="future")
        if seen_on < self.first_day:
            raise ValidationError(
                MSG_SEEN_BEFORE_SIGN, code="before_sign", params={"day": self.first_day}
            )
        assert isinstance(seen_on, date)
        return seen_on
