"""The clinical content files: exercises, advice and medical options load, are complete in both
languages, name their sources, and say nothing an advertisement may not say."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from hizakoshi.care import content
from hizakoshi.care.content import ExerciseDosage, ExerciseFile
from hizakoshi.care.journey.content import journey
from hizakoshi.care.model import Text
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError, load_yaml_model

ILLUSTRATIONS = CONTENT_DIR / "illustrations"
SVG = "{http://www.w3.org/2000/svg}"

ARTICLE_EXERCISES = {
    "quad_stretch_standing",
    "hamstring_stretch_seated",
    "butterfly_stretch",
    "quad_setting",
    "bridge",
    "chair_squat",
}
EVIDENCE_EXERCISES = {
    "straight_leg_raise",
    "sit_to_stand",
    "side_lying_hip_abduction",
    "pelvic_tilt",
    "knee_to_chest",
    "calf_raise",
    "tandem_stance",
    "seated_knee_extension",
}

# 医療広告ガイドライン: no promises of results, no superlatives, no "at once".
BANNED_JA = (
    "即解放",
    "即効",
    "完治",
    "必ず治",
    "絶対",
    "最高",
    "最新",
    "最先端",
    "痛みゼロ",
    "治ります",
)
BANNED_EN = re.compile(
    r"\b(cure[sd]?|best|at once|instant(ly)?|guarantee[sd]?|miracle|painless|pain-free)\b",
    re.IGNORECASE,
)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def texts(item: object) -> Iterator[Text]:
    """Every Text inside a content model, however deeply nested."""
    if isinstance(item, Text):
        yield item
    elif isinstance(item, BaseModel):
        for name in type(item).model_fields:
            yield from texts(getattr(item, name))
    elif isinstance(item, tuple | list):
        for element in item:
            yield from texts(element)
    elif isinstance(item, dict):
        for element in item.values():
            yield from texts(element)


def all_items() -> list[BaseModel]:
    return [
        *content.exercises().values(),
        *content.advice().values(),
        *content.medical_options().values(),
    ]


def illustration_titles() -> list[str]:
    found = []
    for path in ILLUSTRATIONS.glob("*.svg"):
        title = ET.parse(path).getroot().find(f"{SVG}title")
        found.append("" if title is None or title.text is None else title.text)
    return found


# --- loading ---------------------------------------------------------------------------------


def test_exercises_advice_and_medical_options_load() -> None:
    assert len(content.exercises()) == 14
    assert content.advice()
    assert content.medical_options()


def test_all_content_loads_and_cross_checks() -> None:
    content.load_all()


def test_a_typo_in_a_field_name_fails_naming_the_file_and_the_field(tmp_path: Path) -> None:
    good = (CONTENT_DIR / "exercises.yaml").read_text(encoding="utf-8")
    (tmp_path / "exercises.yaml").write_text(
        good.replace("dosage:", "dosgae:", 1), encoding="utf-8"
    )
    with pytest.raises(ContentError) as error:
        load_yaml_model("exercises.yaml", ExerciseFile, directory=tmp_path)
    message = str(error.value)
    assert str(tmp_path / "exercises.yaml") in message
    assert "dosgae" in message
    assert "exercises.0.dosage" in message  # the required field that is now missing


def test_an_unknown_condition_in_a_contraindication_is_refused(tmp_path: Path) -> None:
    good = (CONTENT_DIR / "exercises.yaml").read_text(encoding="utf-8")
    (tmp_path / "exercises.yaml").write_text(
        good.replace("condition: knee_swollen", "condition: knee_swolen", 1), encoding="utf-8"
    )
    with pytest.raises(ContentError, match="knee_swolen"):
        load_yaml_model("exercises.yaml", ExerciseFile, directory=tmp_path)


def test_a_dose_without_a_hold_time_or_a_count_is_refused() -> None:
    with pytest.raises(ValueError, match="hold_seconds or reps"):
        ExerciseDosage(sets=2, times_per_day=1)


# --- completeness ----------------------------------------------------------------------------


def test_every_text_has_japanese_and_english() -> None:
    for item in all_items():
        for text in texts(item):
            assert text.ja.strip() and text.en.strip(), item


def test_japanese_text_is_actually_japanese() -> None:
    for item in all_items():
        for text in texts(item):
            assert JAPANESE.search(text.ja), f"{item}: {text.ja!r}"


def test_every_item_names_its_source() -> None:
    for item in all_items():
        assert getattr(item, "source", "").strip(), item


def test_the_six_exercises_of_the_article_are_present_and_flagged() -> None:
    flagged = {e.id for e in content.exercises().values() if e.from_article}
    assert flagged == ARTICLE_EXERCISES


def test_the_evidence_based_additions_are_present_and_not_flagged() -> None:
    others = {e.id for e in content.exercises().values() if not e.from_article}
    assert others == EVIDENCE_EXERCISES


def test_every_exercise_has_three_to_six_steps() -> None:
    for exercise in content.exercises().values():
        assert 3 <= len(exercise.steps) <= 6, exercise.id


def test_stretches_hold_for_thirty_seconds_as_the_article_says() -> None:
    for exercise in content.exercises().values():
        if "stretch" in exercise.id:
            assert exercise.dosage.hold_seconds == 30, exercise.id


def test_strengthening_starts_at_two_sets_of_ten() -> None:
    for name in ("chair_squat", "sit_to_stand", "straight_leg_raise", "bridge", "calf_raise"):
        dose = content.exercises()[name].dosage
        assert (dose.sets, dose.reps) == (2, 10), name


def test_sciatica_like_leg_symptoms_change_the_hamstring_stretch() -> None:
    actions = {
        c.condition: c.action
        for c in content.exercises()["hamstring_stretch_seated"].contraindications
    }
    assert actions["leg_symptoms"] == "modify"


def test_an_unstable_knee_leaves_out_the_squat() -> None:
    actions = {c.condition: c.action for c in content.exercises()["chair_squat"].contraindications}
    assert actions["knee_unstable"] == "skip"


def test_balance_exercises_are_done_next_to_support() -> None:
    for exercise in content.exercises().values():
        if exercise.targets == "balance":
            assert "unsteady" in {c.condition for c in exercise.contraindications}, exercise.id
            assert any("台" in s.ja for s in exercise.steps), exercise.id


def test_situational_advice_is_selected_by_its_condition() -> None:
    advice = content.advice()
    assert advice["desk_breaks"].when == ("desk_work",)
    assert advice["stairs"].when == ("stairs_or_older_knee",)
    assert advice["rising_from_chair"].when == ("rising_pain",)
    assert advice["handrails_and_steps"].when == ("older_or_unsteady",)


def test_education_explains_the_three_mechanisms() -> None:
    education = {a.id for a in content.advice().values() if a.topic == "education"}
    assert {"mechanism_gait", "mechanism_muscle", "mechanism_posture"} <= education
    for item in ("mechanism_gait", "mechanism_muscle", "mechanism_posture"):
        # One pain loading the other is explained only to people with both pains.
        assert content.advice()[item].when == ("both_pains",)


def test_regenerative_treatments_disclose_what_the_advertising_rules_require() -> None:
    regenerative = [m for m in content.medical_options().values() if m.kind == "regenerative"]
    assert {m.id for m in regenerative} == {"prp", "stem_cell"}
    for option in regenerative:
        assert option.insurance == "not_covered"
        assert option.disclosure is not None
        for required in (
            "治療の流れ",
            "費用",
            "確認",
            "リスク",
            "承認",
            "再生医療等の安全性の確保等に関する法律",
            "ほかの治療",
            "海外",
            "医薬品副作用被害救済制度",
        ):
            assert required in option.disclosure.ja, (option.id, required)
        assert "Relief System for Adverse Drug Reactions" in option.disclosure.en


# --- illustrations ---------------------------------------------------------------------------


def test_every_exercise_has_an_illustration_named_after_it() -> None:
    for exercise in content.exercises().values():
        assert exercise.illustration == f"{exercise.id}.svg"
        assert (ILLUSTRATIONS / exercise.illustration).is_file()


def test_illustrations_are_small_plain_line_drawings_with_a_title() -> None:
    drawings = sorted(ILLUSTRATIONS.glob("*.svg"))
    assert drawings
    for path in drawings:
        assert path.stat().st_size < 2048, path.name
        root = ET.parse(path).getroot()
        assert root.tag == f"{SVG}svg" and root.get("role") == "img", path.name
        # Drawn on a 200 x 140 sheet, the view cropped to the figure so no empty band shows.
        x, y, width, height = (float(n) for n in (root.get("viewBox") or "").split())
        assert x >= 0 and y >= 0 and x + width <= 200 and y + height <= 140, path.name
        title = root.find(f"{SVG}title")
        assert title is not None and title.text and title.text.strip(), path.name
        for element in root.iter():
            tag = element.tag.removeprefix(SVG)
            assert tag not in ("text", "script", "foreignObject", "image", "style"), path.name
            for attribute, value in element.attrib.items():
                assert not attribute.startswith("on"), (path.name, attribute)
                assert "href" not in attribute, (path.name, attribute)
                if attribute in ("fill", "stroke"):
                    assert value in ("none", "currentColor"), (path.name, attribute, value)


# --- advertising rules -----------------------------------------------------------------------


def test_no_advertising_words_appear_in_any_content() -> None:
    shown = [t.ja for item in all_items() for t in texts(item)]
    shown += [t.en for item in all_items() for t in texts(item)]
    shown += illustration_titles()
    for text in shown:
        for word in BANNED_JA:
            assert word not in text, (word, text)
        assert not BANNED_EN.search(text), text


def test_the_advertising_word_check_would_catch_a_claim() -> None:
    assert BANNED_EN.search("One injection and the pain is gone at once")
    assert BANNED_EN.search("The best cure")
    assert any(word in "注射一本で即解放" for word in BANNED_JA)


def test_an_exercise_with_harder_versions_has_one_for_each_level_above_the_first() -> None:
    top = max(rule.levels for rule in journey().ladders)
    with_levels = [e for e in content.exercises().values() if e.harder]
    assert len(with_levels) >= 8  # the strength and balance exercises
    for exercise in with_levels:
        assert exercise.levels == top, exercise.id
        assert exercise.harder_source and "clinician" in exercise.harder_source
        assert exercise.level_text(1) is None
        assert exercise.level_text(top + 1) == exercise.harder[-1]  # never past its last
