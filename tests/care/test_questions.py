"""The questions file and the one validator that the page, the API and the CLI share."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from answers import answer_set
from hizakoshi.care.model import Answers
from hizakoshi.care.questions import (
    MAX_KEY_CHARS,
    MAX_UNKNOWN_REPORTED,
    MSG_CHOICE,
    MSG_NOT_A_NUMBER,
    MSG_NOT_APPLICABLE,
    MSG_NOT_WHOLE,
    MSG_REQUIRED,
    InvalidAnswers,
    clean_answers,
    json_schema,
    parse_answers,
    prune_hidden,
    question_set,
)

# A valid set differing from ANSWERS in durations and a few choices.
VALID: dict[str, Any] = answer_set(
    height_cm=155,
    knee_duration="6m_1y",
    knee_activities=["walking", "stairs"],
    back_duration="3m_6m",
    gap_months=5,
    legs_feel_weak="unknown",
    tried=["exercise", "heat"],
)


def errors_for(raw: dict[str, Any]) -> dict[str, list[str]]:
    with pytest.raises(InvalidAnswers) as caught:
        parse_answers(raw)
    return {k: [e.code for e in v] for k, v in caught.value.errors.items()}


def test_every_question_is_a_field_of_answers_and_back() -> None:
    # `complete` is not a question: it records whether the person stopped early.
    assert set(question_set().questions) == set(Answers.model_fields) - {"complete"}


def test_choice_options_match_the_answer_types() -> None:
    for qid, q in question_set().questions.items():
        if q.type != "choice":
            continue
        literal_values: set[str] = set()
        for arg in get_args(Answers.model_fields[qid].annotation):
            literal_values |= {a for a in get_args(arg) if isinstance(a, str)} or (
                {arg} if isinstance(arg, str) else set()
            )
        assert set(q.values) <= literal_values, qid


def test_a_complete_answer_set_parses() -> None:
    answers = parse_answers(VALID)
    assert answers.age == 68
    assert answers.knee_activities == ("walking", "stairs")


def test_impossible_values_get_a_clear_message_each() -> None:
    codes = errors_for(VALID | {"age": 300, "weight_kg": 0, "knee_pain": 11})
    assert codes == {
        "age": ["out_of_range"],
        "weight_kg": ["out_of_range"],
        "knee_pain": ["out_of_range"],
    }


def test_the_range_message_names_the_limits_in_both_languages() -> None:
    with pytest.raises(InvalidAnswers) as caught:
        parse_answers(VALID | {"age": 300})
    assert caught.value.localized("ja")["age"] == ["18から110までの数字で入力してください。"]
    assert caught.value.localized("en")["age"] == ["Please enter a number from 18 to 110."]


def test_full_width_digits_typed_on_a_japanese_phone_are_accepted() -> None:
    assert parse_answers(VALID | {"age": "６８", "weight_kg": "６２.５"}).weight_kg == 62.5


def test_words_where_a_number_belongs_are_refused() -> None:
    _, errors = clean_answers(VALID | {"age": "sixty"})
    assert errors["age"][0].message == MSG_NOT_A_NUMBER


def test_a_fraction_for_a_whole_number_question_is_refused() -> None:
    _, errors = clean_answers(VALID | {"knee_pain": 5.5})
    assert errors["knee_pain"][0].message == MSG_NOT_WHOLE


def test_true_is_not_a_number() -> None:
    assert errors_for(VALID | {"age": True}) == {"age": ["not_a_number"]}


def test_a_missing_required_answer_is_named() -> None:
    raw = dict(VALID)
    del raw["knee_pain"]
    _, errors = clean_answers(raw)
    assert errors["knee_pain"][0].message == MSG_REQUIRED


def test_an_optional_number_left_blank_means_dont_know() -> None:
    assert parse_answers(VALID | {"height_cm": ""}).height_cm is None


def test_an_unknown_choice_is_refused() -> None:
    _, errors = clean_answers(VALID | {"sex": "robot"})
    assert errors["sex"][0].message == MSG_CHOICE


def test_none_of_these_cannot_be_ticked_with_a_sign() -> None:
    with pytest.raises(InvalidAnswers) as caught:
        parse_answers(VALID | {"urgent_signs": ["none", "bladder_bowel"]})
    assert caught.value.localized("ja")["urgent_signs"] == [
        "「どれもない」はほかの答えと一緒に選べません。"
    ]


def test_an_unknown_field_is_named() -> None:
    assert errors_for(VALID | {"favourite_colour": "blue"}) == {
        "favourite_colour": ["unknown_field"]
    }


def test_an_answer_to_a_question_that_does_not_apply_is_refused() -> None:
    _, errors = clean_answers(VALID | {"first": "same_time", "gap_months": 5})
    assert errors["gap_months"][0].message == MSG_NOT_APPLICABLE


def test_injury_questions_are_required_only_after_an_injury() -> None:
    codes = errors_for(VALID | {"knee_recent_injury": "yes"})
    assert codes == {
        "knee_injury_when": ["required"],
        "knee_injury_four_steps": ["required"],
        "knee_injury_bend": ["required"],
        "knee_injury_deformity": ["required"],
    }


def test_stale_hidden_answers_are_dropped_before_parsing() -> None:
    raw = VALID | {"first": "same_time", "gap_months": 5}
    assert "gap_months" not in prune_hidden(raw)
    assert parse_answers(prune_hidden(raw)).gap_months is None


def test_only_the_questions_of_one_step_are_checked_for_that_step() -> None:
    step = question_set().step("about")
    _, errors = clean_answers({"age": 70}, only=[q.id for q in step.questions])
    assert set(errors) == {"sex", "desk_work", "activity"}


def test_a_list_instead_of_an_object_is_refused() -> None:
    with pytest.raises(InvalidAnswers) as caught:
        parse_answers([1, 2])  # type: ignore[arg-type]
    assert "__all__" in caught.value.errors


def test_the_json_schema_lists_every_question_and_the_conditional_ones() -> None:
    schema = json_schema()
    assert set(schema["properties"]) == set(question_set().questions)
    assert "age" in schema["required"] and "gap_months" not in schema["required"]
    assert schema["properties"]["age"]["maximum"] == 110
    assert any("gap_months" in str(rule["else"]) for rule in schema["allOf"])


def test_a_flood_of_unknown_fields_gets_a_short_error() -> None:
    raw = VALID | {f"field{n}": 1 for n in range(100_000)} | {"x" * 5000: 1}
    _, errors = clean_answers(raw)
    assert len(errors) == MAX_UNKNOWN_REPORTED + 1
    assert errors["__all__"][0].message.en == "There are 99991 more fields that are not questions."
    assert max(len(key) for key in errors) <= MAX_KEY_CHARS + 1


def test_a_very_long_unknown_field_name_is_shortened_in_its_error() -> None:
    _, errors = clean_answers(VALID | {"y" * 5000: 1})
    assert list(errors) == ["y" * MAX_KEY_CHARS + "…"]


def test_the_schema_asks_for_one_choice_at_least_where_the_validator_does() -> None:
    schema = json_schema()
    for qid, question in question_set().questions.items():
        if question.type != "multi":
            continue
        assert schema["properties"][qid].get("minItems") == (1 if question.required else None)
        if question.required:
            _, errors = clean_answers(VALID | {qid: []})
            assert errors[qid][0].code == "required"
