"""Hypothesis strategies built from questions.yaml: any answer set the form could send."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from hizakoshi.care.questions import Question, is_shown, question_set


def _value(question: Question) -> st.SearchStrategy[Any]:
    if question.type in ("integer", "number"):
        assert question.min is not None and question.max is not None
        lo, hi = int(question.min), int(question.max)
        if question.type == "integer":
            return st.integers(lo, hi)
        # Numbers arrive as typed on a phone: whole, or with one decimal.
        return st.one_of(st.integers(lo, hi), st.integers(lo * 10, hi * 10).map(lambda n: n / 10))
    if question.type == "choice":
        return st.sampled_from(question.values)
    plain = [v for v in question.values if v not in question.exclusive]
    minimum = 1 if question.required else 0
    chosen = st.lists(st.sampled_from(plain), min_size=minimum, unique=True)
    if not question.exclusive:
        return chosen
    return st.one_of(chosen, st.sampled_from(question.exclusive).map(lambda v: [v]))


@st.composite
def valid_raw_answers(draw: st.DrawFn) -> dict[str, Any]:
    """Walk the questions in order, as the form does: a question is answered only when shown,
    and an optional one may be left blank."""
    raw: dict[str, Any] = {}
    shown_values: dict[str, Any] = {}
    for qid, question in question_set().questions.items():
        if not is_shown(question, shown_values):
            continue
        if not question.required and draw(st.booleans()):
            continue
        value = draw(_value(question))
        raw[qid] = value
        shown_values[qid] = tuple(value) if isinstance(value, list) else value
    return raw


def _stop_values() -> list[str]:
    from hizakoshi.care.content import red_flags
    from hizakoshi.care.triage import STOP_EARLY

    return [
        str(r.value)
        for r in red_flags().rules
        if r.question == "urgent_signs" and r.urgency in STOP_EARLY
    ]


@st.composite
def stopped_early_raw_answers(draw: st.DrawFn) -> dict[str, Any]:
    """Answers cut short after some screens, as the "see what to do now" button sends them:
    the first screen complete, an urgent sign that needs care today ticked, the rest left out."""
    raw = draw(valid_raw_answers())
    steps = question_set().steps
    kept_screens = draw(st.integers(2, len(steps) - 1))
    kept = {q.id for step in steps[:kept_screens] for q in step.questions}
    signs = draw(st.lists(st.sampled_from(_stop_values()), min_size=1, unique=True))
    cut = {k: v for k, v in raw.items() if k in kept}
    cut["urgent_signs"] = signs
    if "calf_swollen" not in signs:
        cut.pop("calf_breathless", None)
    return cut
