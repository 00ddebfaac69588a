"""The engine's own content files: they load, match the code, and refuse malformed rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from hizakoshi.care.content import RedFlagRule, load_all, red_flags
from hizakoshi.care.model import Text
from hizakoshi.care.rules import (
    PatternFile,
    ReasonRule,
    WeightFile,
    pattern_content,
    thermal_content,
    weight_content,
)
from hizakoshi.care.yamlfile import ContentError, load_yaml_model

SIGN = Text(ja="しるし", en="a sign")


def test_every_content_file_loads_and_matches_the_code() -> None:
    load_all()


def test_every_engine_rule_names_its_source() -> None:
    sources = [r.source for r in red_flags().rules]
    sources += [r.source for r in pattern_content().reasons]
    sources += [r.source for r in thermal_content().rules]
    sources += [pattern_content().source, weight_content().source]
    assert all(len(s) > 5 for s in sources)


def test_a_red_flag_needs_either_an_answer_or_a_derived_rule() -> None:
    with pytest.raises(ValidationError):
        RedFlagRule(id="x", urgency="soon", sign=SIGN, why=SIGN, source="spec")
    with pytest.raises(ValidationError):
        RedFlagRule(
            id="x",
            question="knee_locking",
            value="yes",
            derived="back_began_old",
            urgency="soon",
            sign=SIGN,
            why=SIGN,
            source="spec",
        )


def test_a_red_flag_naming_an_unknown_derived_rule_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown derived rule"):
        RedFlagRule(
            id="x",
            derived="back_began_yesterday",
            urgency="soon",
            sign=SIGN,
            why=SIGN,
            source="spec",
        )


def test_a_reason_whose_languages_fill_different_values_is_refused() -> None:
    with pytest.raises(ValidationError, match="different placeholders"):
        ReasonRule(
            id="knee_first_gap",
            points_to="knee_origin",
            weight=3,
            text=Text(ja="{gap}か月", en="{months} months"),
            source="seed",
        )


@pytest.mark.parametrize("pattern", ["undetermined", "knee_only", "back_only"])
def test_a_reason_can_point_only_to_a_pattern_that_links_the_two_pains(pattern: str) -> None:
    with pytest.raises(ValidationError, match="must point to"):
        ReasonRule(id="r", points_to=pattern, weight=1, text=SIGN, source="seed")


def test_the_pattern_file_must_say_what_a_one_pain_result_reads() -> None:
    data = pattern_content().model_dump()
    del data["single_site_summary"]["back_only"]
    with pytest.raises(ValidationError, match="single_site_summary"):
        PatternFile.model_validate(data)


def test_the_pattern_file_must_say_what_to_work_on_first_for_every_result() -> None:
    data = pattern_content().model_dump()
    del data["priority"]["knee_only"]
    with pytest.raises(ValidationError, match="priority"):
        PatternFile.model_validate(data)


def test_a_broken_pattern_file_fails_loudly_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "patterns.yaml").write_text("reasons: []\nsummary: {}\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"patterns\.yaml"):
        load_yaml_model("patterns.yaml", PatternFile, tmp_path)


def test_a_weight_text_with_an_unknown_placeholder_is_refused() -> None:
    data = weight_content().model_dump()
    data["over"] = {"ja": "BMIは{bmi}、{height}", "en": "BMI {bmi}, {height}"}
    with pytest.raises(ValidationError, match="placeholders"):
        WeightFile.model_validate(data)
