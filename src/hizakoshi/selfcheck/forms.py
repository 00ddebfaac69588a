"""Forms own parsing: one screen of the self-check, and the consent to save a result.

Validation is the care core's `clean_answers`, so the web form, the API and the CLI give the same
message for the same mistake; this module only reads the POST and lays the fields out for the
template, in the person's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from hizakoshi.care.model import Lang
from hizakoshi.care.questions import Question, Step, clean_answers, prune_hidden
from hizakoshi.selfcheck.consent import MSG_CONSENT_REQUIRED
from hizakoshi.selfcheck.flow import RawAnswers, ShownQuestion, questions_on, stop_options

# Limits on what one POST can put into the carried state (no real answer comes near them).
MAX_VALUE_CHARS = 40
MAX_CHOSEN = 20


@dataclass(frozen=True)
class OptionView:
    value: str
    label: str
    checked: bool
    input_id: str
    stop: str = ""  # "emergency" or "same_day" when this answer alone stops the questions


@dataclass(frozen=True)
class FieldView:
    id: str
    kind: str  # integer | number | choice | multi | scale (a whole number from 0 to 10)
    label: str
    help: str | None
    unit: str | None
    only_if: str | None
    only_if_name: str  # the question on the same screen this one depends on, or ""
    only_if_values: str  # space-separated answers of that question that show this one
    required: bool
    value: str  # numbers, as typed
    options: tuple[OptionView, ...]
    errors: tuple[str, ...]

    @property
    def scale(self) -> bool:
        """A 0-10 rating (pain): eleven large radio buttons instead of a text box."""
        return self.kind == "scale"

    @property
    def can_stop(self) -> bool:
        return any(o.stop for o in self.options)

    @property
    def input_id(self) -> str:
        return self.options[0].input_id if self.options else f"q-{self.id}"

    @property
    def anchors_id(self) -> str:
        return f"q-{self.id}-anchors"

    @property
    def inputmode(self) -> str:
        return "numeric" if self.kind == "integer" else "decimal"

    @property
    def describedby(self) -> str:
        ids = []
        if self.only_if:
            ids.append(f"q-{self.id}-only-if")
        if self.help:
            ids.append(f"q-{self.id}-help")
        if self.errors:
            ids.append(f"q-{self.id}-error")
        if self.scale:
            ids.append(self.anchors_id)
        return " ".join(ids)


class StepForm:
    """One screen: reads the posted answers of its questions into the carried raw answers."""

    def __init__(
        self, step: Step, raw: Mapping[str, Any], lang: Lang, data: QueryDict | None = None
    ) -> None:
        self.step = step
        self.lang = lang
        merged = dict(raw) if data is None else _merge(step, raw, data)
        # A stale answer to a question that no longer applies is never carried or counted.
        self.raw: RawAnswers = prune_hidden(merged)
        self.errors: dict[str, list[str]] = {}

    def is_valid(self) -> bool:
        _values, errors = clean_answers(self.raw, only=[q.id for q in self.step.questions])
        self.errors = {k: [e.message.get(self.lang) for e in v] for k, v in errors.items()}
        return not self.errors

    def fields(self) -> list[FieldView]:
        return [self._field(shown) for shown in questions_on(self.step, self.raw)]

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(anchor, question label, message) for the list at the top of the page."""
        by_id = {f.id: f for f in self.fields()}
        summary: list[tuple[str, str, str]] = []
        for qid, messages in self.errors.items():
            shown = by_id.get(qid)
            anchor = shown.input_id if shown else "main"
            label = shown.label if shown else ""
            summary.extend((anchor, label, m) for m in messages)
        return summary

    def _field(self, shown: ShownQuestion) -> FieldView:
        q, lang = shown.question, self.lang
        given = self.raw.get(q.id)
        chosen = given if isinstance(given, list) else [given]
        stops = stop_options()
        options = tuple(
            OptionView(
                value=o.value,
                label=o.label.get(lang),
                checked=o.value in chosen,
                input_id=f"q-{q.id}-{i}",
                stop=stops[(q.id, o.value)].value if (q.id, o.value) in stops else "",
            )
            for i, o in enumerate(q.options)
        )
        kind: str = q.type
        if is_scale(q):
            kind = "scale"
            options = tuple(
                OptionView(
                    value=str(n), label=str(n), checked=given == str(n), input_id=f"q-{q.id}-{n}"
                )
                for n in range(SCALE_LOW, SCALE_HIGH + 1)
            )
        return FieldView(
            id=q.id,
            kind=kind,
            label=q.label.get(lang),
            help=q.help.get(lang) if q.help else None,
            unit=q.unit.get(lang) if q.unit else None,
            only_if=_only_if_note(shown, lang),
            only_if_name=shown.only_if[0].id if shown.only_if else "",
            only_if_values=" ".join(shown.only_if[1]) if shown.only_if else "",
            required=q.required,
            value=given if isinstance(given, str) and kind in ("integer", "number") else "",
            options=options,
            errors=tuple(self.errors.get(q.id, ())),
        )


SCALE_LOW, SCALE_HIGH = 0, 10


def is_scale(q: Question) -> bool:
    """A whole number from 0 to 10 is a rating: shown as eleven buttons (validated as before)."""
    return q.type == "integer" and q.min == SCALE_LOW and q.max == SCALE_HIGH


def _merge(step: Step, raw: Mapping[str, Any], data: QueryDict) -> RawAnswers:
    merged = {k: v for k, v in raw.items() if k not in {q.id for q in step.questions}}
    for q in step.questions:
        if q.type == "multi":
            chosen = list(dict.fromkeys(v[:MAX_VALUE_CHARS] for v in data.getlist(q.id)))
            if chosen:
                merged[q.id] = chosen[:MAX_CHOSEN]
        else:
            value = data.get(q.id, "").strip()[:MAX_VALUE_CHARS]
            if value:
                merged[q.id] = value
    return merged


def _or() -> str:
    # Joins quoted answers inside the note's quotes: “knee” or “back”, 「膝」または「腰」.
    return pgettext("between two quoted answers", "” or “")


def _only_if_note(shown: ShownQuestion, lang: Lang) -> str | None:
    if shown.only_if is None:
        return None
    controller, values = shown.only_if
    others = tuple(v for v in controller.values if v not in controller.exclusive)
    if controller.exclusive and set(values) == set(others):
        # "any answer but 'nothing'" reads better than a list of every other option
        excluded = [
            label.get(lang) for v in controller.exclusive if (label := controller.option_label(v))
        ]
        return _(
            "Answer only if you chose something other than “%(answer)s” for “%(question)s”."
        ) % {
            "answer": _or().join(excluded),
            "question": controller.label.get(lang),
        }
    answers = [label.get(lang) for v in values if (label := controller.option_label(v))]
    return _("Answer only if you chose “%(answer)s” for “%(question)s”.") % {
        "answer": _or().join(answers),
        "question": controller.label.get(lang),
    }


class ConsentForm(forms.Form):
    """The tick that allows a result to be stored. Unticked by default, never pre-filled."""

    state = forms.CharField(widget=forms.HiddenInput)
    consent = forms.BooleanField(required=False)

    def __init__(self, *args: Any, lang: Lang, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang

    def clean_consent(self) -> bool:
        if not self.cleaned_data.get("consent"):
            raise forms.ValidationError(MSG_CONSENT_REQUIRED.get(self.lang), code="required")
        return True
