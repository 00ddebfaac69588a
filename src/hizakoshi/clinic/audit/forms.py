"""The admin's filters of the audit trail: from and to (days in Japanese time), staff member,
action. Read from the query string, so that a filtered page can be bookmarked and its CSV
asked for with the same filters."""

from __future__ import annotations

import unicodedata
from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizakoshi.clinic.audit.presenters import ACTION_LABELS, actor_words
from hizakoshi.clinic.audit.selectors import AuditFilter, clinic_members
from hizakoshi.clinic.models import Clinic, Role

MSG_DATE = _("Please enter a date like 2026-04-01.")
MSG_ORDER = _("The first day is after the last day. Please check the two dates.")
MSG_STAFF = _("Please choose a staff member from the list.")
MSG_ACTION = _("Please choose an action from the list.")

_DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]


class _Day(forms.DateField):
    def to_python(self, value: Any) -> Any:
        # 2026－04－01 typed on a Japanese keyboard is the same day.
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip()
        return super().to_python(value)


def _day_field(label: Any) -> _Day:
    return _Day(
        label=label,
        required=False,
        input_formats=_DATE_FORMATS,
        error_messages={"invalid": MSG_DATE},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _member_label(display_name: str, role: str, ended: bool) -> str:
    label = (
        actor_words(f"{display_name} ({Role(role).label})") if role in Role.values else display_name
    )
    return f"{label} — {_('former staff')}" if ended else label


class AuditFilterForm(forms.Form):
    since = _day_field(_("From"))
    until = _day_field(_("To"))
    staff = forms.TypedChoiceField(
        label=_("Staff member"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": MSG_STAFF},
    )
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        error_messages={"invalid_choice": MSG_ACTION},
    )

    def __init__(self, *args: Any, clinic: Clinic, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = clinic_members(clinic=clinic)
        staff_field = self.fields["staff"]
        assert isinstance(staff_field, forms.TypedChoiceField)
        staff_field.choices = [
            ("", _("Everyone")),
            *(
                (m.user_id, _member_label(m.display_name, m.role, m.ended_at is not None))
                for m in members
            ),
        ]
        action_field = self.fields["action"]
        assert isinstance(action_field, forms.ChoiceField)
        action_field.choices = [("", _("All actions")), *ACTION_LABELS.items()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", MSG_ORDER)
        return data

    def audit_filter(self) -> AuditFilter:
        """The filter for the selector: whole days in Japanese time, the last day included."""
        data = self.cleaned_data
        since, until = data.get("since"), data.get("until")
        return AuditFilter(
            since=_day_start(since) if since else None,
            until=_day_start(until + timedelta(days=1)) if until else None,
            actor_id=data.get("staff"),
            action=data.get("action") or None,
        )

    def summary(self) -> str:
        """The filters in a line for the export's own audit row (ids and codes only)."""
        data = self.cleaned_data
        parts = [
            f"since={data.get('since') or ''}",
            f"until={data.get('until') or ''}",
            f"staff={data.get('staff') or ''}",
            f"action={data.get('action') or ''}",
        ]
        return " ".join(parts)


def _day_start(day: Any) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
