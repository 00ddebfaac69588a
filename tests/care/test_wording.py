"""Patient wording that must not drift back: one spelling of 膝, one pain scale, the 3-5 band
as acceptable (not something to endure), and no over-certain claims.

Scanned: every string in the content files (care/content/*.yaml), the Japanese translations
(msgstr of django.po), the string literals of the pure core (care/**/*.py) and the templates.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from hizakoshi.care.plan_texts import STOP_RULE
from hizakoshi.care.yamlfile import CONTENT_DIR

SRC = Path(__file__).parents[2] / "src" / "hizakoshi"
PO = SRC / "locale" / "ja" / "LC_MESSAGES" / "django.po"

# 「がまん」 says "endure"; the pain-monitoring band 3-5 is acceptable. 「ひざ」: the app, its
# name (膝腰ナビ) and the self-check write 膝. The rest claim more than the evidence supports.
NOT_SAID = ("がまん", "我慢", "ひざ", "わかっています", "分かっています", "膝を守ります")

PAIN_SCALE_JA = "0=痛みなし、10=考えられる最悪の痛み"
PAIN_SCALE_EN = "0 = no pain, 10 = worst imaginable"
OLD_PAIN_ANCHORS = ("いちばん強い痛み", "worst pain you can imagine", "the worst you can imagine")


def strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def content_strings() -> Iterator[tuple[str, str]]:
    for path in sorted(CONTENT_DIR.glob("*.yaml")):
        for text in strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield path.name, text


@functools.cache
def po_entries(path: Path = PO) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs, continuation lines joined."""
    entries: list[tuple[str, str]] = []
    key, parts = "", {"msgid": "", "msgstr": ""}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r'^(msgid|msgstr) "(.*)"$', line)
        if match:
            if match[1] == "msgid" and parts["msgstr"]:
                entries.append((parts["msgid"], parts["msgstr"]))
                parts = {"msgid": "", "msgstr": ""}
            key = match[1]
            parts[key] = match[2]
        elif line.startswith('"') and key:
            parts[key] += line[1:-1]
        elif not line.strip() and parts["msgstr"]:
            entries.append((parts["msgid"], parts["msgstr"]))
            key, parts = "", {"msgid": "", "msgstr": ""}
    if parts["msgstr"]:
        entries.append((parts["msgid"], parts["msgstr"]))
    return entries


def code_strings() -> Iterator[tuple[str, str]]:
    for path in sorted((SRC / "care").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield path.name, node.value


def template_texts() -> Iterator[tuple[str, str]]:
    for path in sorted(SRC.rglob("templates/**/*.html")):
        yield path.name, path.read_text(encoding="utf-8")


@functools.cache
def everything_shown() -> tuple[tuple[str, str], ...]:
    shown = list(content_strings())
    shown += [("django.po", msgstr) for _, msgstr in po_entries()]
    shown += list(code_strings())
    shown += list(template_texts())
    return tuple(shown)


def test_the_scan_reads_the_content_the_translations_the_core_and_the_templates() -> None:
    where = {name for name, _ in everything_shown()}
    assert {"journey.yaml", "weight.yaml", "django.po", "plan_texts.py", "diary.html"} <= where
    assert len(po_entries()) > 500


@pytest.mark.parametrize("word", NOT_SAID)
def test_no_patient_text_uses_a_word_that_was_reworded(word: str) -> None:
    found = [(name, text[:80]) for name, text in everything_shown() if word in text]
    assert found == []


def test_the_scan_would_catch_a_word_coming_back(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text('msgid "Knee"\nmsgstr ""\n"ひざ"\n\nmsgid "x"\nmsgstr "y"\n', encoding="utf-8")
    assert po_entries(po) == [("Knee", "ひざ"), ("x", "y")]


def test_exercise_pain_of_3_to_5_is_acceptable_and_you_may_carry_on() -> None:
    assert "3〜5なら続けてかまいません" in STOP_RULE.ja
    assert "3-5 is acceptable" in STOP_RULE.en


def test_the_self_check_diary_session_and_check_ins_use_one_pain_scale() -> None:
    questions = (CONTENT_DIR / "questions.yaml").read_text(encoding="utf-8")
    assert PAIN_SCALE_JA in questions  # the self-check, the reference wording
    nrs = yaml.safe_load((CONTENT_DIR / "instruments.yaml").read_text(encoding="utf-8"))
    anchors = [t for t in strings(nrs) if t.startswith("0=") or t.startswith("0 = no pain")]
    assert PAIN_SCALE_JA in anchors and PAIN_SCALE_EN in anchors  # the check-ins
    translated = dict(po_entries())
    assert translated[f"Pain ({PAIN_SCALE_EN})"] == f"痛み({PAIN_SCALE_JA})"  # the diary
    assert translated[f"{PAIN_SCALE_EN}."] == PAIN_SCALE_JA  # the session
    assert PAIN_SCALE_JA in STOP_RULE.ja and PAIN_SCALE_EN in STOP_RULE.en  # the plan


@pytest.mark.parametrize("old", OLD_PAIN_ANCHORS)
def test_no_other_wording_of_the_pain_scale_remains(old: str) -> None:
    shown = [*everything_shown(), *(("django.po", msgid) for msgid, _ in po_entries())]
    assert [(name, text[:80]) for name, text in shown if old in text] == []
