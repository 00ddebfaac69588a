"""The clinical rules sheet: generated from the content, complete, marked where a clinician must
sign off, and the checked-in docs/clinical-rules.md is the current one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hizakoshi import cli
from hizakoshi.care.content import exercises, red_flags
from hizakoshi.care.model import Urgency
from hizakoshi.care.rulesheet import (
    DOC_PATH,
    MSG_STALE,
    SIGN_OFF_MARK,
    Sheet,
    command,
    function_rule,
    needs_sign_off,
    rules_sheet,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sheet() -> str:
    return rules_sheet()


def _section(text: str, heading: str) -> str:
    """The text under one heading, up to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = text.index(f"\n{heading}\n")
    rest = text[start + len(heading) + 2 :]
    ends = [m.start() for m in re.finditer(rf"\n#{{1,{len(level)}}} ", rest)]
    return rest[: ends[0]] if ends else rest


def _rule_entry(text: str, rule_id: str) -> str:
    return _section(text, f"#### `{rule_id}`")


def test_the_checked_in_rules_sheet_is_the_one_the_content_generates(sheet: str) -> None:
    checked_in = (ROOT / DOC_PATH).read_text(encoding="utf-8")
    assert checked_in == sheet, MSG_STALE


def test_the_sheet_is_the_same_every_time_it_is_generated(sheet: str) -> None:
    assert rules_sheet() == sheet


def test_every_red_flag_rule_has_its_own_entry(sheet: str) -> None:
    for rule in red_flags().rules:
        assert f"\n#### `{rule.id}`\n" in sheet, rule.id


def test_every_exercise_has_its_own_entry(sheet: str) -> None:
    for exercise_id in exercises():
        assert f"\n### `{exercise_id}`: " in sheet, exercise_id


def test_same_day_rules_are_listed_under_the_same_day_heading(sheet: str) -> None:
    same_day = _section(sheet, "### 当日受診 (same_day)")
    emergency = _section(sheet, "### 救急 (emergency)")
    rules = red_flags().rules
    for rule in rules:
        inside = f"#### `{rule.id}`" in same_day
        assert inside == (rule.urgency == Urgency.SAME_DAY), rule.id
    assert "#### `fever_back`" in same_day
    assert "#### `fever_back`" not in emergency


def test_each_urgency_says_what_the_person_is_told(sheet: str) -> None:
    flags = red_flags()
    for urgency in (Urgency.EMERGENCY, Urgency.SAME_DAY, Urgency.WITHIN_DAYS, Urgency.SOON):
        part = _section(sheet, f"### {_urgency_heading(urgency)}")
        assert flags.headline[urgency].en in part
        assert all(line.en in part for line in flags.what_to_do[urgency])


def _urgency_heading(urgency: Urgency) -> str:
    from hizakoshi.care.rulesheet_parts import URGENCY_WORDS

    return f"{URGENCY_WORDS[urgency]} ({urgency.value})"


def test_a_source_saying_our_choice_gets_the_sign_off_marker() -> None:
    sheet = Sheet()
    shown = sheet.source("some_rule", "Guideline X; under 60: our choice")
    assert shown.startswith(f"**{SIGN_OFF_MARK}**")
    assert sheet.marked == [("", "some_rule", "Guideline X; under 60: our choice")]
    assert sheet.source("other", "NICE NG59") == "NICE NG59"
    assert len(sheet.marked) == 1


def test_a_red_flag_chosen_by_us_is_marked_and_listed_at_the_top(sheet: str) -> None:
    ours = [r for r in red_flags().rules if needs_sign_off(r.source)]
    assert ours, "no red flag says it is our choice: update this test"
    summary = _section(sheet, "## 要確認の一覧 (Needs a clinician's sign-off)")
    for rule in ours:
        assert f"出典 (source): **{SIGN_OFF_MARK}**" in _rule_entry(sheet, rule.id)
        assert f"| {rule.id} |" in summary


def test_the_summary_lists_every_marked_source_and_no_other(sheet: str) -> None:
    summary = _section(sheet, "## 要確認の一覧 (Needs a clinician's sign-off)")
    body = sheet[sheet.index("\n## 警告サイン") :]
    rows = [line for line in summary.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == body.count(f"**{SIGN_OFF_MARK}**")
    assert f"{len(rows)} entries are marked" in summary


def _documented_rule(age: int) -> bool:
    """Old enough."""
    return age >= 60


def test_a_derived_rule_is_shown_by_its_docstring_and_its_code() -> None:
    assert function_rule(_documented_rule) == ("Old enough.", "return age >= 60")
    assert function_rule(lambda a: a.age >= 65) == (None, "return a.age >= 65")


def test_a_well_sourced_rule_is_not_marked(sheet: str) -> None:
    assert SIGN_OFF_MARK not in _rule_entry(sheet, "bladder_bowel")


def test_the_sheet_names_the_engine_version_and_the_content_hash(sheet: str) -> None:
    from hizakoshi.care.assess import ENGINE_VERSION
    from hizakoshi.care.content import content_hash

    assert f"Engine version: `{ENGINE_VERSION}`" in sheet
    assert content_hash() in sheet


def test_check_mode_fails_with_one_line_until_the_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "docs" / "clinical-rules.md"
    assert command("check", target) == (2, "", MSG_STALE + "\n")
    assert command("write", target)[0] == 0
    assert command("check", target) == (0, "", "")
    target.write_text(target.read_text(encoding="utf-8") + "edited by hand\n", encoding="utf-8")
    assert command("check", target)[0] == 2


def test_the_command_checks_the_file_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["rules-sheet", "--check"]) == 2
    assert capsys.readouterr().err == MSG_STALE + "\n"
    assert cli.main(["rules-sheet", "--write"]) == 0
    assert cli.main(["rules-sheet", "--check"]) == 0
    capsys.readouterr()
    assert cli.main(["rules-sheet"]) == 0
    assert capsys.readouterr().out == (tmp_path / DOC_PATH).read_text(encoding="utf-8")
