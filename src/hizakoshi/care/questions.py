"""The self-check questions as data, and the one validator every door uses.

The web form, the JSON API and the CLI all hand raw answers (strings or JSON values) to
`parse_answers`, so an impossible value gets the same field-level message everywhere.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import ValidationError, model_validator

from hizakoshi.care.model import Answers, Frozen, Text
from hizakoshi.care.yamlfile import load_yaml_model

# Error messages are defined once; tests assert on these constants.
MSG_REQUIRED = Text(ja="この質問に答えてください。", en="Please answer this question.")
MSG_NOT_A_NUMBER = Text(ja="数字で入力してください。", en="Please enter a number.")
MSG_NOT_WHOLE = Text(ja="整数で入力してください。", en="Please enter a whole number.")
MSG_RANGE = Text(
    ja="{min}から{max}までの数字で入力してください。",
    en="Please enter a number from {min} to {max}.",
)
MSG_CHOICE = Text(ja="選択肢の中から選んでください。", en="Please choose one of the options.")
MSG_EXCLUSIVE = Text(
    ja="「{option}」はほかの答えと一緒に選べません。",
    en='"{option}" cannot be chosen together with other answers.',
)
MSG_UNKNOWN_FIELD = Text(ja="この項目は質問にありません。", en="There is no such question.")
MSG_TOO_MANY_UNKNOWN = Text(
    ja="質問にない項目がほかに{count}個あります。",
    en="There are {count} more fields that are not questions.",
)
# A bounded answer to unbounded input: a body of a million unknown fields gets a short error.
MAX_UNKNOWN_REPORTED = 10
MAX_KEY_CHARS = 60
MSG_NOT_APPLICABLE = Text(
    ja="ほかの答えから、この質問は当てはまりません。",
    en="This question does not apply, given your other answers.",
)


class Option(Frozen):
    value: str
    label: Text


class Question(Frozen):
    id: str
    type: Literal["integer", "number", "choice", "multi"]
    label: Text
    help: Text | None = None
    unit: Text | None = None
    min: float | None = None
    max: float | None = None
    options: tuple[Option, ...] = ()
    exclusive: tuple[str, ...] = ()
    required: bool
    shown_if: dict[str, tuple[str, ...]] | None = None

    @model_validator(mode="after")
    def _check_shape(self) -> Question:
        numeric = self.type in ("integer", "number")
        if numeric and (self.min is None or self.max is None or self.min > self.max):
            raise ValueError("numeric questions need min <= max")
        if not numeric and not self.options:
            raise ValueError("choice and multi questions need options")
        values = {o.value for o in self.options}
        if len(values) != len(self.options):
            raise ValueError("option values must be unique")
        if not set(self.exclusive) <= values:
            raise ValueError("exclusive names an option that does not exist")
        return self

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options)

    def option_label(self, value: str) -> Text | None:
        return next((o.label for o in self.options if o.value == value), None)


class Step(Frozen):
    id: str
    title: Text
    intro: Text | None = None
    questions: tuple[Question, ...]


class QuestionSet(Frozen):
    version: int
    steps: tuple[Step, ...]

    @model_validator(mode="after")
    def _check_references(self) -> QuestionSet:
        seen: dict[str, Question] = {}
        for step in self.steps:
            for q in step.questions:
                if q.id in seen:
                    raise ValueError(f"question id {q.id!r} is used twice")
                for other, wanted in (q.shown_if or {}).items():
                    # shown_if may only look back, so one step never depends on a later one.
                    if other not in seen:
                        raise ValueError(f"{q.id}.shown_if: {other!r} is not an earlier question")
                    if not set(wanted) <= set(seen[other].values):
                        raise ValueError(f"{q.id}.shown_if names a value {other} does not have")
                seen[q.id] = q
        return self

    @property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for step in self.steps for q in step.questions}

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)


@cache
def question_set() -> QuestionSet:
    return load_yaml_model("questions.yaml", QuestionSet)


@dataclass(frozen=True)
class FieldError:
    code: str
    message: Text


class InvalidAnswers(ValueError):
    """Raised with every problem found, keyed by question id ("__all__" for the whole input)."""

    def __init__(self, errors: dict[str, list[FieldError]]) -> None:
        super().__init__(", ".join(f"{k}: {v[0].code}" for k, v in errors.items()))
        self.errors = errors

    def localized(self, lang: Literal["ja", "en"]) -> dict[str, list[str]]:
        return {k: [e.message.get(lang) for e in v] for k, v in self.errors.items()}


def is_shown(question: Question, values: Mapping[str, Any]) -> bool:
    """Whether a question applies, given the (already cleaned) answers before it."""
    for other, wanted in (question.shown_if or {}).items():
        answer = values.get(other)
        given = answer if isinstance(answer, tuple | list) else (answer,)
        if not set(given) & set(wanted):
            return False
    return True


def prune_hidden(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Drop answers to questions that no longer apply (after the person went back and changed
    an earlier answer), so a stale answer is never held against them."""
    kept: dict[str, Any] = {}
    for qid, question in question_set().questions.items():
        if qid in raw and is_shown(question, _clean_for_condition(kept)):
            kept[qid] = raw[qid]
    return kept


def _clean_for_condition(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}


def clean_answers(
    raw: Mapping[str, Any], only: Iterable[str] | None = None
) -> tuple[dict[str, Any], dict[str, list[FieldError]]]:
    """Check raw answers against the questions. Returns (clean values, errors).

    `only` limits the check to some question ids (one step of the form); the other answers in
    `raw` still decide which questions are shown.
    """
    questions = question_set().questions
    wanted = set(questions) if only is None else set(only)
    errors: dict[str, list[FieldError]] = {}
    values: dict[str, Any] = {}
    unknown = [key for key in raw if key not in questions]
    for key in unknown[:MAX_UNKNOWN_REPORTED]:
        shown = key if len(key) <= MAX_KEY_CHARS else key[:MAX_KEY_CHARS] + "…"
        errors[shown] = [FieldError("unknown_field", MSG_UNKNOWN_FIELD)]
    if len(unknown) > MAX_UNKNOWN_REPORTED:
        more = MSG_TOO_MANY_UNKNOWN.format(count=len(unknown) - MAX_UNKNOWN_REPORTED)
        errors["__all__"] = [FieldError("too_many_unknown", more)]
    for qid, question in questions.items():
        present = qid in raw and not _is_blank(raw[qid])
        if not is_shown(question, values):
            if present and qid in wanted:
                errors[qid] = [FieldError("not_applicable", MSG_NOT_APPLICABLE)]
            continue
        if not present:
            if question.required and qid in wanted:
                errors[qid] = [FieldError("required", MSG_REQUIRED)]
            values[qid] = () if question.type == "multi" else None
            continue
        try:
            values[qid] = _clean_one(question, raw[qid])
        except _Invalid as problem:
            values[qid] = () if question.type == "multi" else None
            if qid in wanted:
                errors[qid] = [problem.error]
    return values, errors


def parse_answers(raw: Mapping[str, Any]) -> Answers:
    """The whole answer set, validated, as the typed value the engine takes."""
    if not isinstance(raw, Mapping):
        raise InvalidAnswers(
            {
                "__all__": [
                    FieldError(
                        "not_an_object",
                        Text(ja="JSONオブジェクトが必要です。", en="A JSON object is required."),
                    )
                ]
            }
        )
    values, errors = clean_answers(raw)
    if errors:
        early = _stopped_early(values, errors)
        if early is None:
            raise InvalidAnswers(errors)
        return early
    return Answers(**{k: v for k, v in values.items() if v is not None})


def _stopped_early(
    values: Mapping[str, Any], errors: Mapping[str, list[FieldError]]
) -> Answers | None:
    """Answers that stop before the end are accepted when what was answered already needs a
    doctor today or sooner (clinical-spec.md §1): the rest of the questions become optional, so
    nobody has to answer nine more screens before learning to call 119. Only unanswered
    questions may be missing; a wrong answer is still an error, and the first screen (age and
    the like) must be complete."""
    from hizakoshi.care.triage import STOP_EARLY, triage

    first = {q.id for q in question_set().steps[0].questions}
    if any(e.code != "required" for found in errors.values() for e in found):
        return None
    if first & set(errors):
        return None
    given = {k: v for k, v in values.items() if v is not None and v != ()}
    try:
        answers = Answers(**given, complete=False)
    except ValidationError:  # a question set whose first screen lacks what Answers needs
        return None
    return answers if triage(answers).urgency in STOP_EARLY else None


class _Invalid(Exception):
    def __init__(self, error: FieldError) -> None:
        self.error = error


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value).strip() == ""
    return isinstance(value, list | tuple) and len(value) == 0


def _clean_one(question: Question, value: Any) -> Any:
    if question.type in ("integer", "number"):
        return _clean_number(question, value)
    if question.type == "choice":
        if not isinstance(value, str) or value not in question.values:
            raise _Invalid(FieldError("invalid_choice", MSG_CHOICE))
        return value
    return _clean_multi(question, value)


def _clean_number(question: Question, raw: Any) -> int | float:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise _Invalid(FieldError("not_a_number", MSG_NOT_A_NUMBER))
    value: int | float
    if isinstance(raw, str):
        # Full-width digits (６５) are common on Japanese phones: NFKC folds them to ASCII.
        text = unicodedata.normalize("NFKC", raw).strip().replace(",", "")
        try:
            value = float(text)
        except ValueError:
            raise _Invalid(FieldError("not_a_number", MSG_NOT_A_NUMBER)) from None
    else:
        value = raw
    if value != value or value in (float("inf"), float("-inf")):
        raise _Invalid(FieldError("not_a_number", MSG_NOT_A_NUMBER))
    if question.type == "integer":
        if value != int(value):
            raise _Invalid(FieldError("not_whole", MSG_NOT_WHOLE))
        value = int(value)
    assert question.min is not None and question.max is not None
    if not question.min <= value <= question.max:
        lo, hi = _fmt(question.min), _fmt(question.max)
        raise _Invalid(FieldError("out_of_range", MSG_RANGE.format(min=lo, max=hi)))
    return value


def _clean_multi(question: Question, value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(v, str) for v in items):
        raise _Invalid(FieldError("invalid_choice", MSG_CHOICE))
    if not set(items) <= set(question.values):
        raise _Invalid(FieldError("invalid_choice", MSG_CHOICE))
    chosen = tuple(v for v in question.values if v in items)  # option order, no duplicates
    for excl in question.exclusive:
        if excl in chosen and len(chosen) > 1:
            label = question.option_label(excl)
            assert label is not None
            message = Text(
                ja=MSG_EXCLUSIVE.ja.format(option=label.ja),
                en=MSG_EXCLUSIVE.en.format(option=label.en),
            )
            raise _Invalid(FieldError("exclusive", message))
    return chosen


def _fmt(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


# The schema lists the questions a complete answer set needs; the validator also accepts less.
STOPPED_EARLY_NOTE = (
    "The answers to the self-check. When an emergency or same-day sign is answered "
    "(triage.urgency emergency or same_day), the rest may be left out: the first screen (age, "
    "sex, desk work, activity) and the answers that raise the sign are enough, and the result "
    "says answers_complete = false. Otherwise every required question must be answered."
)


def json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of the answers, generated from the questions."""
    props: dict[str, Any] = {}
    required: list[str] = []
    conditional: list[dict[str, Any]] = []
    for q in question_set().questions.values():
        props[q.id] = _schema_for(q)
        if q.shown_if:
            cond = {
                "properties": {
                    k: {"enum": list(v)} if _is_single(k) else {"contains": {"enum": list(v)}}
                    for k, v in q.shown_if.items()
                },
                "required": list(q.shown_if),
            }
            then: dict[str, Any] = {"required": [q.id]} if q.required else {}
            conditional.append({"if": cond, "then": then, "else": {"not": {"required": [q.id]}}})
        elif q.required:
            required.append(q.id)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "hizakoshi self-check answers",
        "description": STOPPED_EARLY_NOTE,
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": False,
        "allOf": conditional,
    }


def _is_single(qid: str) -> bool:
    return question_set().questions[qid].type != "multi"


def _schema_for(q: Question) -> dict[str, Any]:
    base: dict[str, Any] = {"title": q.label.en, "description": q.label.ja}
    if q.type in ("integer", "number"):
        # An optional number left out or null means "don't know".
        kind: str | list[str] = q.type if q.required else [q.type, "null"]
        return base | {"type": kind, "minimum": q.min, "maximum": q.max}
    if q.type == "choice":
        return base | {"type": "string", "enum": list(q.values)}
    # A required multi question needs one choice at least (its "none of these" option included),
    # as the validator says: an empty list is no answer.
    return base | {
        "type": "array",
        "items": {"type": "string", "enum": list(q.values)},
        "uniqueItems": True,
        **({"minItems": 1} if q.required else {}),
    }
