"""The dashboard's forms: the list's filter and sort (GET), and an acknowledgement with a note."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.clinic import KINDS, AttentionKind, kind_name
from hizakoshi.clinic.dashboard.selectors import SORTS
from hizakoshi.site.language import current_lang

MSG_KIND = _("Choose the kind of attention from the list.")
MSG_SORT = _("Choose the order from the list.")
MSG_PAGE = _("The page number must be a whole number, 1 or more.")
MSG_KINDS = _("Tick at least one flag that you have seen.")
MSG_NOTE = _("Write a note of what was done.")
MSG_NOTE_LONG = _("Please keep the note to 1000 characters or fewer.")

SORT_LABELS = {
    "priority": _("Most urgent first"),
    "activity": _("Longest without records first"),
    "name": _("By name (kana)"),
}
NOTE_MAX = 1000  # Acknowledgement.note's size


def kind_choices() -> list[tuple[AttentionKind, str]]:
    lang = current_lang()
    return [(k, kind_name(k).get(lang)) for k in KINDS]


class DashboardQuery(forms.Form):
    """?kind=…&sort=…&page=… (all optional). A bad value is a message on the page, with the
    list shown as if that value had not been given."""

    kind = forms.ChoiceField(required=False, error_messages={"invalid_choice": MSG_KIND})
    sort = forms.ChoiceField(
        required=False,
        choices=[(s, SORT_LABELS[s]) for s in SORTS],
        error_messages={"invalid_choice": MSG_SORT},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={"invalid": MSG_PAGE, "min_value": MSG_PAGE},
    )
    saved = forms.BooleanField(required=False)  # after an acknowledgement: say it was kept

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["kind"])
        field.choices = [("", _("Everyone linked")), *kind_choices()]

    def value(self, name: str, default: Any) -> Any:
        """The field's clean value, or `default` when it was empty or not valid."""
        data = getattr(self, "cleaned_data", {})
        found = data.get(name) if name not in self.errors else None
        return found if found not in (None, "") else default

    @property
    def chosen_kind(self) -> AttentionKind | None:
        found = self.value("kind", None)
        return cast(AttentionKind, found) if found in KINDS else None


class AcknowledgeForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Flags seen"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": MSG_KINDS, "invalid_choice": MSG_KINDS},
    )
    note = forms.CharField(
        label=_("What was done"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": "3"}),
        error_messages={"required": MSG_NOTE, "max_length": MSG_NOTE_LONG},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["kinds"]).choices = kind_choices()

    @property
    def chosen(self) -> list[AttentionKind]:
        return [cast(AttentionKind, k) for k in self.cleaned_data["kinds"] if k in KINDS]
