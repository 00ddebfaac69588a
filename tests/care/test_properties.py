"""Properties over every answer set: a complete assessment for any valid one, and a field-level
error, naming the right question, for any invalid one."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hizakoshi.care import ENGINE_VERSION, assess
from hizakoshi.care.content import content_hash
from hizakoshi.care.model import LANGS, Urgency
from hizakoshi.care.questions import InvalidAnswers, is_shown, parse_answers, question_set
from hizakoshi.care.triage import STOP_EARLY

from .factory import raw_answers
from .strategies import valid_raw_answers

CARE_DIR = Path(__file__).parents[2] / "src" / "hizakoshi" / "care"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@SETTINGS
@given(valid_raw_answers())
def test_every_valid_answer_set_gives_a_complete_assessment_in_both_languages(
    raw: dict[str, Any],
) -> None:
    result = assess(parse_answers(raw))
    assert result.engine_version == ENGINE_VERSION
    assert result.content_hash == content_hash()
    if result.triage.self_care_paused:
        assert result.plan is None and result.priority is None and result.thermal == ()
    else:
        assert result.plan is not None and result.priority is not None
        assert 3 <= len(result.plan.exercises) <= 5
        assert result.thermal
    if result.triage.urgency == Urgency.EMERGENCY:
        assert any("119" in t.en for t in result.triage.what_to_do)
    for lang in LANGS:
        texts = strings(result.localized(lang))
        assert all(t.strip() for t in texts), "an empty text"
        assert not [t for t in texts if "{" in t or "}" in t], "a placeholder was left unfilled"


@SETTINGS
@given(valid_raw_answers())
def test_the_same_answers_always_give_the_same_assessment(raw: dict[str, Any]) -> None:
    answers = parse_answers(raw)
    assert assess(answers) == assess(answers)
    assert assess(answers).model_dump_json() == assess(parse_answers(dict(raw))).model_dump_json()


def _shown_questions(raw: dict[str, Any]) -> list[str]:
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
    return [qid for qid, q in question_set().questions.items() if is_shown(q, values)]


def _errors(raw: dict[str, Any]) -> dict[str, list[str]]:
    with pytest.raises(InvalidAnswers) as caught:
        parse_answers(raw)
    return {k: [e.code for e in v] for k, v in caught.value.errors.items()}


@SETTINGS
@given(valid_raw_answers(), st.data())
def test_a_number_out_of_range_is_refused_with_its_field(raw: dict[str, Any], data: Any) -> None:
    numeric = [
        qid
        for qid in _shown_questions(raw)
        if question_set().questions[qid].type in ("integer", "number")
    ]
    qid = data.draw(st.sampled_from(numeric))
    question = question_set().questions[qid]
    assert question.min is not None and question.max is not None
    bad = data.draw(
        st.one_of(
            st.integers(int(question.max) + 1, int(question.max) + 1000),
            st.integers(int(question.min) - 1000, int(question.min) - 1),
        )
    )
    errors = _errors({**raw, qid: bad})
    assert errors[qid] == ["out_of_range"]


@SETTINGS
@given(valid_raw_answers(), st.data())
def test_a_choice_that_is_not_an_option_is_refused_with_its_field(
    raw: dict[str, Any], data: Any
) -> None:
    choices = [
        qid
        for qid in _shown_questions(raw)
        if question_set().questions[qid].type in ("choice", "multi")
    ]
    qid = data.draw(st.sampled_from(choices))
    bad = data.draw(st.text(min_size=1).filter(lambda t: t.strip() and t not in ("yes", "no")))
    question = question_set().questions[qid]
    if bad in question.values:
        return
    errors = _errors({**raw, qid: [bad] if question.type == "multi" else bad})
    assert errors[qid] == ["invalid_choice"]


@SETTINGS
@given(valid_raw_answers(), st.data())
def test_a_missing_required_answer_is_refused_with_its_field(
    raw: dict[str, Any], data: Any
) -> None:
    # Only questions that nothing later depends on, so removing one cannot hide another.
    required = [
        qid
        for qid in _shown_questions(raw)
        if question_set().questions[qid].required
        and not any(qid in (q.shown_if or {}) for q in question_set().questions.values())
    ]
    qid = data.draw(st.sampled_from(required))
    without = {k: v for k, v in raw.items() if k != qid}
    try:
        stopped = parse_answers(without)
    except InvalidAnswers as problem:
        assert {k: [e.code for e in v] for k, v in problem.errors.items()} == {qid: ["required"]}
    else:
        # Accepted only as a stop for care today or sooner (clinical-spec.md §1), never silently.
        assert not stopped.complete
        assert assess(stopped).triage.urgency in STOP_EARLY
        assert qid not in {q.id for q in question_set().steps[0].questions}


def test_the_factory_baseline_is_a_valid_answer_set() -> None:
    assert parse_answers(raw_answers()).age == 50


def test_no_module_of_the_care_core_imports_django() -> None:
    offenders: list[str] = []
    for path in sorted(CARE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            if any(n == "django" or n.startswith("django.") for n in names):
                offenders.append(f"{path.relative_to(CARE_DIR)}:{node.lineno}")
    assert offenders == []
    assert len(list(CARE_DIR.rglob("*.py"))) > 10
