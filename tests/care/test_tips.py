"""Everyday advice chosen by the person's answers, each saying which answer chose it."""

from __future__ import annotations

from hizakoshi.care.conditions import CONDITIONS
from hizakoshi.care.content import Advice, advice
from hizakoshi.care.model import Text
from hizakoshi.care.tips import CONDITION_WHY, GENERAL_WHY, applies, why

from .factory import answers, assessed


def tip_ids(**overrides: object) -> set[str]:
    return {t.id for t in assessed(**overrides).tips}


def test_advice_for_everyone_is_always_given() -> None:
    general = {a.id for a in advice().values() if not a.when and a.topic != "education"}
    assert general
    assert general <= tip_ids()


def test_advice_with_a_condition_appears_only_when_the_condition_holds() -> None:
    assert "desk_breaks" not in tip_ids()
    assert "desk_breaks" in tip_ids(desk_work="yes")


def test_stairs_advice_appears_for_knee_pain_on_stairs() -> None:
    assert "stairs" in tip_ids(knee_activities=["stairs"])
    assert "stairs" not in tip_ids(knee_activities=["walking"])


def test_an_item_with_two_conditions_needs_both() -> None:
    item = Advice(
        id="probe",
        topic="daily",
        title=Text(ja="題", en="Title"),
        text=Text(ja="本文", en="Text"),
        when=("desk_work", "unsteady"),
        source="a test",
    )
    assert not applies(item, answers(desk_work="yes"))
    assert not applies(item, answers(unsteady="yes"))
    assert applies(item, answers(desk_work="yes", unsteady="yes"))
    assert "sit for most of the day and you said you feel unsteady" in why(item).en


def test_a_tip_chosen_by_an_answer_names_that_answer() -> None:
    tip = next(t for t in assessed(desk_work="yes").tips if t.id == "desk_breaks")
    assert "sit for most of the day" in tip.why.en
    assert "座って過ごす" in tip.why.ja


def test_a_tip_for_everyone_says_so() -> None:
    tip = next(t for t in assessed().tips if t.id == "shoes")
    assert tip.why == GENERAL_WHY


def test_every_named_condition_has_words_for_why() -> None:
    assert set(CONDITION_WHY) == set(CONDITIONS)


def test_tips_keep_their_titles_and_sources() -> None:
    for tip in assessed(desk_work="yes", weight_change="gained").tips:
        assert tip.title is not None and tip.source
        assert tip.topic != "education"


def test_tips_are_grouped_by_topic() -> None:
    order = ["daily", "home", "walking", "nutrition"]
    topics = [t.topic for t in assessed(desk_work="yes", unsteady="yes").tips]
    assert topics == sorted(topics, key=order.index)


def test_education_explains_the_three_ways_knee_and_back_pain_are_linked() -> None:
    education = assessed().education
    joined = " ".join(t.en for t in education)
    for word in ("walk", "muscles", "posture"):
        assert word in joined
    assert len(education) >= 3


def test_education_is_given_even_when_self_care_is_paused() -> None:
    result = assessed(urgent_signs=["bladder_bowel"])
    assert result.education
    assert result.tips == ()
