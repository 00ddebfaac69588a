"""journey.yaml: it loads, every rule names its source, the words are complete in both
languages and say nothing an advertisement may not say, and a broken file fails to load."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hizakoshi.care.content import red_flags
from hizakoshi.care.journey.content import journey, load_journey
from hizakoshi.care.model import Text
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError

from ..test_content import BANNED_EN, BANNED_JA, JAPANESE, texts


def _copy(tmp_path: Path) -> Path:
    for name in ("journey.yaml", "redflags.yaml", "instruments.yaml"):
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    return tmp_path / "journey.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_journey_rules_load_and_every_rule_names_its_source() -> None:
    data = journey()
    sources = [
        data.pain_model.source,
        data.walking.source,
        *(lad.source for lad in data.ladders),
        *(s.source for s in data.series),
        *(r.source for r in data.escalation.rules.values()),
    ]
    assert all(len(s) > 15 for s in sources)


def test_every_text_is_written_in_japanese_and_in_english() -> None:
    found = list(texts(journey()))
    assert len(found) > 80
    for text in found:
        if "{value}" in text.ja and "{value}" in text.en:  # a number with its unit, e.g. kg
            continue
        assert JAPANESE.search(text.ja), text
        assert not JAPANESE.search(text.en), text


def test_no_text_promises_a_cure_or_speaks_like_an_advertisement() -> None:
    for text in texts(journey()):
        assert not any(word in text.ja for word in BANNED_JA), text.ja
        assert not BANNED_EN.search(text.en), text.en


def test_unverified_thresholds_say_so_in_their_source() -> None:
    chair = next(s for s in journey().series if s.id == "chair_stand")
    assert "unverified" in chair.source


def test_the_diary_asks_about_the_signs_the_issue_names() -> None:
    signs = set(journey().diary.signs) | set(journey().diary.event_signs)  # ticked or asked
    named = {"saddle_numbness", "bladder_bowel", "hot_knee_fever", "leg_weakness"}
    named |= {"night_pain", "fever_back"}
    assert named <= signs
    assert signs <= {r.id for r in red_flags().rules}


def test_a_text_whose_languages_use_different_placeholders_fails_to_load(
    tmp_path: Path,
) -> None:
    path = _copy(tmp_path)
    _edit(path, 'en: "Sessions this week: {count}."', 'en: "Sessions this week: {n}."')
    with pytest.raises(ContentError, match=r"journey\.yaml.*sessions"):
        load_journey(tmp_path)


def test_a_diary_sign_that_is_not_a_red_flag_rule_fails_to_load(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    _edit(path, "    - night_pain\n", "    - night_pian\n")
    with pytest.raises(ContentError, match="night_pian"):
        load_journey(tmp_path)


def test_a_series_naming_an_mcid_the_instruments_lack_fails_to_load(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    _edit(path, "context: low_back_pain", "context: neck_pain")
    with pytest.raises(ContentError, match="back_pain"):
        load_journey(tmp_path)


def test_a_missing_series_fails_to_load(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: weight\n")
    end = text.index("# --- When to recommend")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ContentError, match="series"):
        load_journey(tmp_path)


def test_text_fill_gives_each_language_its_own_part() -> None:
    from hizakoshi.care.journey.content import fill

    filled = fill(Text(ja="{a}と{n}", en="{a} and {n}"), a=Text(ja="膝", en="knee"), n=3)
    assert filled == Text(ja="膝と3", en="knee and 3")
    assert re.fullmatch(r"knee and 3", filled.en)
