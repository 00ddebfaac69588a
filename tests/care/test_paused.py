"""A paused result (emergency, same day, within days) never carries any self-care: no plan, no
exercise-pain rule, no weight target, no tips, no pattern, no heat or cold, in either language
(clinical-spec.md §1)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, assume, given, settings

from hizakoshi.care import assess
from hizakoshi.care.content import advice
from hizakoshi.care.model import LANGS, Assessment
from hizakoshi.care.plan_texts import NOTE, STOP_RULE, WALKING_TEXT, WATER_WALKING
from hizakoshi.care.questions import parse_answers
from hizakoshi.care.triage import STOP_EARLY

from .strategies import stopped_early_raw_answers, valid_raw_answers

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Self-care sentences that must never reach a person whose self-care is paused.
SELF_CARE_TEXTS = (
    STOP_RULE,
    NOTE,
    WALKING_TEXT,
    WATER_WALKING,
    *(item.text for item in advice().values()),
)


def assert_nothing_of_self_care(result: Assessment) -> None:
    assert result.triage.self_care_paused
    assert result.plan is None
    assert result.weight is None
    assert result.pattern is None
    assert result.priority is None
    assert result.tips == () and result.thermal == () and result.education == ()
    assert result.referral.options == ()
    for lang in LANGS:
        localized: dict[str, Any] = result.localized(lang)
        text = json.dumps(localized, ensure_ascii=False)
        for sentence in SELF_CARE_TEXTS:
            assert sentence.get(lang) not in text, sentence.get(lang)[:40]


@SETTINGS
@given(valid_raw_answers())
def test_no_paused_result_ever_carries_self_care(raw: dict[str, Any]) -> None:
    result = assess(parse_answers(raw))
    assume(result.triage.self_care_paused)
    assert_nothing_of_self_care(result)


@SETTINGS
@given(stopped_early_raw_answers())
def test_answers_cut_short_after_an_urgent_sign_give_a_paused_result(raw: dict[str, Any]) -> None:
    result = assess(parse_answers(raw))
    assert result.triage.urgency in STOP_EARLY
    assert_nothing_of_self_care(result)
    assert result.triage.for_doctor
