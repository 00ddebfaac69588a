"""One pain only: the knee-back link is judged only when both hurt; otherwise the result says so,
gives that site's plan and heat or cold, and never speaks of one pain driving the other."""

from __future__ import annotations

from typing import Any

import pytest

from hizakoshi.care.content import exercises
from hizakoshi.care.model import Assessment, Pattern, Text
from hizakoshi.care.plan import build_plan
from hizakoshi.care.tips import education

from .factory import answers, assessed

KNEE_ONLY: dict[str, Any] = {"knee_pain": 5, "back_pain": 0}
BACK_ONLY: dict[str, Any] = {"knee_pain": 0, "back_pain": 5}
# Answers that, with both pains, point strongly to one pain driving the other.
KNEE_DRIVES: dict[str, Any] = {
    "first": "knee",
    "gap_months": 6,
    "knee_crepitus": "yes",
    "back_after_walking": "yes",
    "morning_both_ease": "yes",
}
BACK_DRIVES: dict[str, Any] = {
    "first": "back",
    "gap_months": 6,
    "back_leg_symptoms": "thigh",
    "back_eases_sitting_forward": "yes",
}

# Words that speak of one pain straining, driving or affecting the other.
KNEE_TO_BACK = ("strain on the back", "strain your back", "driving", "knee → back")
BACK_TO_KNEE = ("affecting the knee", "affect the knee", "driving", "back → knee", "knee pain")


def texts(result: Assessment) -> list[Text]:
    """Every text about the pattern and what to work on first."""
    assert result.pattern is not None and result.priority is not None
    p = result.pattern
    return [
        p.summary,
        *(r.text for r in (*p.reasons, *p.other_reasons)),
        result.priority.headline,
        result.priority.why,
    ]


def test_with_both_pains_the_link_is_judged() -> None:
    result = assessed(**KNEE_DRIVES).pattern
    assert result is not None and result.pattern == Pattern.KNEE_ORIGIN


@pytest.mark.parametrize(
    ("pains", "expected"),
    [(KNEE_ONLY, Pattern.KNEE_ONLY), (BACK_ONLY, Pattern.BACK_ONLY)],
)
def test_with_one_pain_the_link_is_not_judged(pains: dict[str, Any], expected: Pattern) -> None:
    for drives in ({}, KNEE_DRIVES, BACK_DRIVES):
        result = assessed(**drives, **pains).pattern
        assert result is not None
        assert result.pattern == expected
        assert result.likelihood == "not_judged"
        assert result.reasons == () and result.other_reasons == ()
        assert result.scores == {}


def test_a_knee_only_person_is_told_plainly_the_plan_is_for_the_knee() -> None:
    result = assessed(**KNEE_ONLY, **KNEE_DRIVES)
    assert result.pattern is not None and result.priority is not None
    assert "only your knee hurts now" in result.pattern.summary.en
    assert "this result and plan are for the knee" in result.pattern.summary.en
    assert "膝だけ" in result.pattern.summary.ja
    assert result.priority.focus == "knee"


def test_a_back_only_person_is_told_plainly_the_plan_is_for_the_back() -> None:
    result = assessed(**BACK_ONLY, **BACK_DRIVES)
    assert result.pattern is not None and result.priority is not None
    assert "only your back hurts now" in result.pattern.summary.en
    assert "腰だけ" in result.pattern.summary.ja
    assert result.priority.focus == "back"


def test_a_knee_only_person_is_never_told_the_knee_strains_the_back() -> None:
    for text in texts(assessed(**KNEE_ONLY, **KNEE_DRIVES)):
        for words in KNEE_TO_BACK:
            assert words not in text.en
        assert "腰に負担" not in text.ja and "膝→腰" not in text.ja


def test_a_back_only_person_is_never_told_of_a_back_problem_affecting_the_knee() -> None:
    for text in texts(assessed(**BACK_ONLY, **BACK_DRIVES)):
        for words in BACK_TO_KNEE:
            assert words not in text.en
        assert "膝に出て" not in text.ja and "腰→膝" not in text.ja


def test_a_knee_only_plan_holds_knee_and_general_exercises_never_back_ones() -> None:
    for pain in (2, 5, 8):
        plan = assessed(knee_pain=pain, back_pain=0).plan
        assert plan is not None
        assert 3 <= len(plan.exercises) <= 5
        targets = [e.targets for e in plan.exercises]
        assert "back" not in targets
        assert targets[0] == "knee"


def test_a_back_only_plan_holds_back_and_general_exercises_never_knee_ones() -> None:
    for pain in (2, 5, 8):
        plan = assessed(knee_pain=0, back_pain=pain).plan
        assert plan is not None
        assert 3 <= len(plan.exercises) <= 5
        targets = [e.targets for e in plan.exercises]
        assert "knee" not in targets
        assert targets[0] == "back"


def test_every_one_site_plan_uses_only_exercises_from_the_content() -> None:
    for pains in (KNEE_ONLY, BACK_ONLY):
        plan = assessed(**pains).plan
        assert plan is not None
        assert {e.id for e in plan.exercises} <= set(exercises())


def test_a_knee_only_person_gets_heat_or_cold_for_the_knee_only() -> None:
    thermal = assessed(**KNEE_ONLY).thermal
    assert [t.site for t in thermal] == ["knee"]
    swollen = assessed(**KNEE_ONLY, knee_swelling="yes", knee_swelling_onset="longer").thermal
    assert [(t.site, t.choice) for t in swollen] == [("knee", "cold")]


def test_a_back_only_person_gets_heat_or_cold_for_the_back_only() -> None:
    thermal = assessed(**BACK_ONLY).thermal
    assert [(t.site, t.choice) for t in thermal] == [("back", "heat")]


def test_a_back_only_person_with_a_swollen_knee_is_still_told_to_cool_the_knee() -> None:
    thermal = assessed(**BACK_ONLY, knee_warmth="yes").thermal
    assert [(t.site, t.choice) for t in thermal] == [("knee", "cold"), ("back", "heat")]


def test_the_hip_note_can_still_come_with_a_knee_only_result() -> None:
    result = assessed(
        **KNEE_ONLY, age=66, knee_activities=["walking"], knee_swelling="no", knee_crepitus="no"
    ).pattern
    assert result is not None and result.hip_note is not None


def test_with_no_pain_this_week_nothing_is_judged_and_the_plan_is_general() -> None:
    result = assessed(knee_pain=0, back_pain=0, **KNEE_DRIVES)
    assert result.pattern is not None and result.plan is not None
    assert result.pattern.pattern == Pattern.UNDETERMINED
    assert result.pattern.likelihood == "not_judged"
    assert result.pattern.reasons == ()
    assert "neither your knee nor your back" in result.pattern.summary.en
    assert result.priority is not None
    assert result.priority.headline.en == "Keep your knees and back moving"
    assert "unclear which comes first" not in result.priority.why.en
    assert 3 <= len(result.plan.exercises) <= 5


def test_the_ways_one_pain_loads_the_other_are_explained_only_when_both_hurt() -> None:
    both = " ".join(t.en for t in education(answers()))
    knee_only = " ".join(t.en for t in education(answers(**KNEE_ONLY)))
    back_only = " ".join(t.en for t in education(answers(**BACK_ONLY)))
    assert "strains the back" in both
    for text in (knee_only, back_only):
        assert "strains the back" not in text
    # The exercise-pain rule is the plan's own (said once, with the exercises), for one pain too.
    assert "0 to 10" in build_plan(answers(**KNEE_ONLY), Pattern.KNEE_ONLY).stop_rule.en
