"""Everyday advice chosen by the person's answers, each saying which answer chose it."""

from __future__ import annotations

from hizakoshi.care.conditions import CONDITIONS
from hizakoshi.care.content import Advice, advice
from hizakoshi.care.model import Answers, Text
from hizakoshi.care.patterns import assess_pattern
from hizakoshi.care.plan import build_plan
from hizakoshi.care.plan_texts import ARTICLE
from hizakoshi.care.thermal import thermal_advice
from hizakoshi.care.tips import CONDITION_WHY, FOR_EVERYONE, applies, education, select_tips, why

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


def test_a_tip_for_everyone_carries_no_reason_of_its_own() -> None:
    # The page says once, above these tips, that they help everyone (FOR_EVERYONE).
    tip = next(t for t in assessed().tips if t.id == "shoes")
    assert tip.why is None
    assert FOR_EVERYONE.ja == "膝や腰が痛む人みんなに役立つことです。"


def test_no_tip_repeats_the_walking_dose_or_the_weight_arithmetic() -> None:
    # The walking start is the plan's, the 1 kg = 4 kg fact the weight section's: each once.
    everyone = assessed(weight_change="gained", desk_work="yes", unsteady="yes")
    texts = " ".join(t.text.ja for t in everyone.tips)
    assert "4kg" not in texts and "10〜15分" not in texts and "水の中" not in texts


def test_every_named_condition_has_words_for_why() -> None:
    assert set(CONDITION_WHY) == set(CONDITIONS)


def test_tips_keep_their_titles_and_sources() -> None:
    for tip in assessed(desk_work="yes", weight_change="gained").tips:
        assert tip.title is not None and tip.source
        assert tip.topic != "education"


def test_tips_come_in_the_order_the_result_shows_them() -> None:
    # Walking tips beside the walking plan, then the ones chosen by the answers, then the rest.
    tips = assessed(desk_work="yes", unsteady="yes").tips
    groups = [(t.topic != "walking", t.why is None) for t in tips]
    assert groups == sorted(groups)
    order = ["daily", "home", "walking", "nutrition"]
    for group in set(groups):
        topics = [t.topic for t, g in zip(tips, groups, strict=True) if g == group]
        assert topics == sorted(topics, key=order.index)


def test_education_explains_the_three_ways_knee_and_back_pain_are_linked() -> None:
    education = assessed().education
    joined = " ".join(t.en for t in education)
    for word in ("walk", "muscles", "posture"):
        assert word in joined
    assert len(education) >= 3


def test_no_tips_or_education_are_given_while_self_care_is_paused() -> None:
    # Spec §1: a red flag pauses self-care completely; the page says how to get care instead.
    result = assessed(urgent_signs=["bladder_bowel"])
    assert result.triage.self_care_paused
    assert result.education == ()
    assert result.tips == ()


def test_everyone_65_or_over_is_advised_on_handrails_and_steps_at_home() -> None:
    assert "handrails_and_steps" in tip_ids(age=65)
    assert "handrails_and_steps" not in tip_ids(age=64)
    tip = next(t for t in assessed(age=65).tips if t.id == "handrails_and_steps")
    assert tip.why.en == "Because you are 65 or over."
    assert "bathroom" in tip.text.en and "お風呂場" in tip.text.ja
    assert "remove small steps" in tip.text.en.lower() and "段差" in tip.text.ja


def test_an_unsteady_person_under_65_is_still_advised_on_handrails() -> None:
    tip = next(t for t in assessed(age=50, unsteady="yes").tips if t.id == "handrails_and_steps")
    assert tip.why.en == "Because you said you feel unsteady or have had a fall."


def test_an_unsteady_person_over_65_hears_both_reasons() -> None:
    tip = next(t for t in assessed(age=70, unsteady="yes").tips if t.id == "handrails_and_steps")
    assert "65 or over" in tip.why.en and "unsteady" in tip.why.en


def test_everyone_65_or_over_with_knee_pain_gets_the_stairs_rule() -> None:
    assert "stairs" in tip_ids(age=65)
    assert "stairs" not in tip_ids(age=64)
    assert "stairs" not in tip_ids(age=70, knee_pain=0)
    tip = next(t for t in assessed(age=65).tips if t.id == "stairs")
    assert "step up first with the leg that does not hurt" in tip.text.en
    assert "handrail" in tip.text.en


def test_everyone_is_told_how_to_try_yoga_or_pilates_gently() -> None:
    tip = next(t for t in assessed().tips if t.id == "gentle_yoga_pilates")
    assert "tell the instructor about your knee and back pain" in tip.text.en
    assert "先生に伝え" in tip.text.ja
    assert f"{ARTICLE} §6" in tip.source


def test_tips_plan_and_heat_advice_cope_with_answers_left_at_their_defaults() -> None:
    # Only the first screen answered (as when someone stops early): nothing here may break,
    # even though assess() itself only runs these for complete answers.
    bare = Answers(age=70, sex="female", desk_work="no", activity="some", complete=False)
    pattern = assess_pattern(bare)
    assert pattern.likelihood == "not_judged"
    assert 3 <= len(build_plan(bare, pattern.pattern).exercises) <= 5
    assert thermal_advice(bare)
    ids = {t.id for t in select_tips(bare)}
    assert {"handrails_and_steps", "shoes"} <= ids
    assert "stairs" not in ids  # no knee pain was given
    assert education(bare) == ()  # the mechanisms are for both pains only
