"""Forms own parsing: questionnaires (one radio group per official item) and the PSFS
activities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from hizakoshi.care.instruments import Instrument
from hizakoshi.care.model import Lang
from hizakoshi.care.scoring.pain import NRS_HIGH, NRS_LOW, PSFS_MAX_ACTIVITIES, PSFS_MIN_ACTIVITIES
from hizakoshi.journey.models import PsfsActivity
from hizakoshi.site.fields import RADIO_ERRORS, radio

if TYPE_CHECKING:  # django-stubs only; not installed in production
    from hizakoshi.journey.checkins.wording import Wording


MSG_NEEDED = _("Please answer this question: without it the questionnaire cannot be scored.")


MSG_ACTIVITIES = _("Please name at least 3 activities (up to 5).")


MSG_ACTIVITY_TOO_LONG = _("Please keep each activity under 200 characters.")


ITEM_PREFIX = "item_"


class ItemField(forms.ChoiceField):
    """One questionnaire item as radio buttons, with what the template needs to know about its
    wording: its language when it is not the page's, and whether the options are words (a
    published wording's own) rather than a number scale."""

    widget = forms.RadioSelect
    default_error_messages = RADIO_ERRORS

    def __init__(self, *args: Any, text_lang: str = "", worded: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.text_lang = text_lang
        self.worded = worded


def scale_choices(low: int, high: int) -> list[tuple[str, str]]:
    return [(str(n), str(n)) for n in range(low, high + 1)]


# --- questionnaires ------------------------------------------------------------------------------


class InstrumentForm(forms.Form):
    """One radio group per item, keyed by the official item id (field name item_<id>).

    With a published wording, the items and the answer options are its own, unmodified, and the
    fields say which language they are in (`text_lang`) when it differs from the page's; otherwise
    the answers are numbers explained by our own anchors.
    """

    def __init__(
        self,
        *args: Any,
        instrument: Instrument,
        wording: Wording,
        lang: Lang,
        optional: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for item in instrument.items:
            scale = instrument.scale_of(item)
            values = scale_choices(scale.min, scale.max)
            options = wording.choices.get(item)
            choices = list(zip((v for v, _ in values), options, strict=True)) if options else values
            self.fields[ITEM_PREFIX + item] = ItemField(
                label=wording.items[item],
                choices=choices,
                required=not optional,
                help_text="" if options else scale.anchors.get(lang),
                text_lang=wording.lang if wording.lang != lang else "",
                worded=bool(options),
            )

    def answers(self) -> dict[str, int | None]:
        return {
            name.removeprefix(ITEM_PREFIX): None if value in ("", None) else int(value)
            for name, value in self.cleaned_data.items()
        }


NRS_CHOICES = scale_choices(NRS_LOW, NRS_HIGH)


class NrsForm(forms.Form):
    knee = radio(_("Your knees (the one that hurts more)"), NRS_CHOICES)
    back = radio(_("Your lower back"), NRS_CHOICES)


class PsfsActivitiesForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, PSFS_MAX_ACTIVITIES + 1):
            self.fields[f"activity_{n}"] = forms.CharField(
                label=format_lazy(_("Activity {n}"), n=n),
                required=False,
                max_length=200,
                error_messages={"max_length": MSG_ACTIVITY_TOO_LONG},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and len(self.names()) < PSFS_MIN_ACTIVITIES:
            self.add_error("activity_1", MSG_ACTIVITIES)
        return data

    def names(self) -> list[str]:
        numbers = range(1, PSFS_MAX_ACTIVITIES + 1)
        found = (str(self.cleaned_data.get(f"activity_{n}") or "").strip() for n in numbers)
        return [name for name in found if name]


class PsfsRatingForm(forms.Form):
    def __init__(
        self, *args: Any, activities: Sequence[PsfsActivity], labels: Sequence[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.activities = list(activities)
        for activity, label in zip(self.activities, labels, strict=True):
            self.fields[f"rate_{activity.pk}"] = radio(label, NRS_CHOICES)

    def ratings(self) -> list[tuple[PsfsActivity, int]]:
        return [(a, int(self.cleaned_data[f"rate_{a.pk}"])) for a in self.activities]
