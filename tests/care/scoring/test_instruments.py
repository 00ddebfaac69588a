"""The instruments content file, its licences, clinic-supplied item texts and MCID changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hizakoshi.care.instruments import (
    classify_change,
    instruments,
    item_texts,
    load_clinic_item_texts,
    load_instruments,
)
from hizakoshi.care.scoring import ENGINES
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError


def test_the_file_lists_every_engine_with_the_same_items_in_the_same_order() -> None:
    found = instruments()
    assert list(found) == list(ENGINES)
    for name, inst in found.items():
        assert inst.items == ENGINES[name].item_ids


def test_nrs_and_psfs_ship_our_wording_and_start_back_keeles_english_only() -> None:
    shipping = {name for name, inst in instruments().items() if inst.licence.text_may_ship}
    assert shipping == {"nrs", "psfs", "start-back"}
    start_back = instruments()["start-back"]
    assert start_back.texts == {}  # nothing of ours: Keele's wording, unmodified
    assert start_back.published is not None and start_back.published.lang == "en"
    texts = item_texts("start-back")
    assert all(t.ja is None and t.en for t in texts.values())  # no Japanese without the clinic


def test_start_backs_answer_options_are_keeles_in_score_order() -> None:
    published = instruments()["start-back"].published
    assert published is not None
    assert published.choices_of("1") == ("Disagree", "Agree")
    assert published.choices_of("9") == (
        "Not at all",
        "Slightly",
        "Moderately",
        "Very much",
        "Extremely",
    )


def test_published_options_that_do_not_fit_the_scale_fail_to_load(tmp_path: Path) -> None:
    path = _copy_content(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[Not at all, Slightly, Moderately, ", "[Slightly, Moderately, "))
    with pytest.raises(ContentError, match="published answer options for item 9: 4 given"):
        load_instruments(tmp_path)


def test_published_text_without_its_licence_notice_fails_to_load(tmp_path: Path) -> None:
    path = _copy_content(tmp_path)
    text = path.read_text(encoding="utf-8")
    start = text.index("      notice: >-\n        Copyright (©2021)")
    end = text.index("      source:", start)
    path.write_text(text[:start] + text[end:])
    with pytest.raises(ContentError, match="only with the licence notice"):
        load_instruments(tmp_path)


def test_a_clinic_file_adds_japanese_to_start_back_and_cannot_replace_keeles_english(
    tmp_path: Path,
) -> None:
    path = tmp_path / "texts.yaml"
    path.write_text("start-back:\n  '1': {ja: 設問1, en: changed wording}\n", encoding="utf-8")
    texts = item_texts("start-back", load_clinic_item_texts(path))
    assert texts["1"].ja == "設問1"
    keele = "My back pain has spread down my leg(s) at some time in the last 2 weeks"
    assert texts["1"].en == keele


def test_instruments_whose_text_does_not_ship_carry_no_text_and_say_why() -> None:
    for inst in instruments().values():
        if not inst.licence.text_may_ship:
            assert inst.texts == {}
            assert len(inst.licence.why) > 20


def test_start_back_keeps_keeles_copyright_statement_for_when_its_text_is_shown() -> None:
    notice = instruments()["start-back"].licence.notice
    assert notice is not None
    assert notice.startswith("Copyright (©2021) University of Keele.")
    assert "No license is required for non-commercial use." in notice
    assert "Arthritis Research UK (now Versus Arthritis)" in notice


def test_every_mcid_names_a_source() -> None:
    for inst in instruments().values():
        for mcid in inst.mcid:
            assert len(mcid.source) > 10


def _copy_content(tmp_path: Path) -> Path:
    shutil.copy(CONTENT_DIR / "instruments.yaml", tmp_path / "instruments.yaml")
    return tmp_path / "instruments.yaml"


def test_a_file_whose_items_drift_from_the_engine_fails_to_load(tmp_path: Path) -> None:
    path = _copy_content(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("[A10, A9, A3", "[A9, A10, A3"))
    with pytest.raises(ContentError, match=r"koos-ps\.items"):
        load_instruments(tmp_path)


def test_a_range_that_differs_from_the_engine_fails_to_load(tmp_path: Path) -> None:
    path = _copy_content(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      min: 0\n      max: 5\n", "      min: 0\n      max: 4\n"))
    with pytest.raises(ContentError, match=r"odi\.1: range 0-4"):
        load_instruments(tmp_path)


def test_text_for_an_instrument_that_may_not_ship_it_fails_to_load(tmp_path: Path) -> None:
    path = _copy_content(tmp_path)
    text = path.read_text(encoding="utf-8")
    marker = '    source: "Fairbank & Pynsent 2000, Spine 25:2940-52"\n'
    path.write_text(text.replace(marker, marker + '    texts: {"1": {ja: "x", en: "x"}}\n'))
    with pytest.raises(ContentError, match="does not let it ship"):
        load_instruments(tmp_path)


# --- Clinic-supplied item texts ------------------------------------------------------------


def test_a_clinic_file_gives_the_text_for_a_licensed_instrument(tmp_path: Path) -> None:
    path = tmp_path / "texts.yaml"
    path.write_text('koos:\n  P1: {ja: "ひざの痛み（クリニック提供の文）"}\n', encoding="utf-8")
    texts = load_clinic_item_texts(path)
    assert item_texts("koos", texts)["P1"].ja == "ひざの痛み（クリニック提供の文）"


def test_a_clinic_file_may_be_json(tmp_path: Path) -> None:
    path = tmp_path / "texts.json"
    path.write_text(json.dumps({"odi": {"1": {"en": "Section one, clinic wording"}}}))
    assert load_clinic_item_texts(path)["odi"]["1"].en == "Section one, clinic wording"


def test_a_clinic_file_with_an_item_the_instrument_lacks_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "texts.yaml"
    path.write_text("koos-ps:\n  A1: {en: not in the short form}\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"koos-ps\.A1"):
        load_clinic_item_texts(path)


def test_a_clinic_file_naming_an_unknown_instrument_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "texts.yaml"
    path.write_text("womac:\n  '1': {en: x}\n", encoding="utf-8")
    with pytest.raises(ContentError, match="unknown instrument 'womac'"):
        load_clinic_item_texts(path)


def test_a_clinic_text_with_neither_language_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "texts.yaml"
    path.write_text("rmdq:\n  '1': {}\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"rmdq\.1"):
        load_clinic_item_texts(path)


def test_a_broken_clinic_file_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "texts.json"
    path.write_text("{not json")
    with pytest.raises(ContentError, match=r"texts\.json"):
        load_clinic_item_texts(path)


def test_our_own_wording_is_used_for_nrs_and_a_licensed_form_has_none_without_a_file() -> None:
    assert "0" in (item_texts("nrs")["pain"].en or "")
    assert item_texts("odi") == {}


# --- Change against the MCID ---------------------------------------------------------------


def test_odi_falling_10_points_is_improved_and_9_points_from_40_is_unchanged() -> None:
    assert classify_change("odi", "score", 40, 30) == "improved"
    assert classify_change("odi", "score", 40, 31) == "unchanged"


def test_a_30_percent_fall_counts_even_when_under_the_points() -> None:
    assert classify_change("odi", "score", 20, 14) == "improved"  # 6 points, 30%


def test_koos_pain_rising_15_is_improved_and_falling_15_is_worse() -> None:
    assert classify_change("koos", "pain", 50, 65) == "improved"
    assert classify_change("koos", "pain", 50, 35) == "worse"
    assert classify_change("koos", "pain", 50, 64.9) == "unchanged"


def test_knee_pain_uses_the_knee_oa_mcid() -> None:
    assert classify_change("nrs", "score", 6, 5, context="knee_oa") == "improved"
    assert classify_change("nrs", "score", 6, 5, context="low_back_pain") == "unchanged"


def test_an_instrument_without_a_verified_mcid_cannot_be_labelled() -> None:
    with pytest.raises(ValueError, match="no MCID"):
        classify_change("koos-12", "summary", 40, 60)
