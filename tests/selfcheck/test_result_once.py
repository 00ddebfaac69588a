"""The result says each fact once, in plain words, and keeps our working words off the screen:
one walking dose, one knee-load fact, one "this helps everyone", one dosage line per exercise,
sources only under the clinicians' fold, the version only in the printed footer."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from hizakoshi.care.tips import FOR_EVERYONE

from .factories import complete, knee_origin_answers

pytestmark = pytest.mark.django_db

EVIDENCE_FOLD = re.compile(r'<details class="fold evidence">.*?</details>', re.S)
PRINT_FOOTER = re.compile(r'<p class="small meta print-footer">.*?</p>', re.S)


def result_page(client: Client, **overrides: object) -> str:
    raw = knee_origin_answers(weight_change="gained", desk_work="yes", unsteady="yes", **overrides)
    return str(complete(client, raw).content.decode())


def on_screen(page: str) -> str:
    """The page without the two parts meant for clinicians and paper."""
    return PRINT_FOOTER.sub("", EVIDENCE_FOLD.sub("", page))


def test_the_knee_load_fact_the_walking_dose_and_the_everyone_line_appear_once(
    client: Client,
) -> None:
    page = result_page(client)
    assert page.count("歩くたびに膝") == 1  # 1 kg lost = about 4 kg less load, with every step
    assert page.count("平らな道") == 1  # the one walking dose, from the plan
    assert page.count("プールでの水中ウォーキング") == 1
    assert page.count(FOR_EVERYONE.ja) == 1


def test_each_exercise_has_one_dosage_line(client: Client) -> None:
    page = result_page(client)
    dosages = re.findall(r'<span class="dosage">(.*?)</span>', page)
    assert len(dosages) >= 3
    assert page.count("1日20回") == 0  # the old second dose in the quad-setting steps


def test_sources_are_folded_for_clinicians_and_name_none_of_our_files(client: Client) -> None:
    page = result_page(client)
    assert "根拠(医療者向け)" in page
    folded = EVIDENCE_FOLD.search(page)
    assert folded is not None and "Thomeé 1997" in folded.group(0)
    assert re.findall(r"[\w-]+\.md|[Ss]eed", page) == []
    assert "Thomeé" not in on_screen(page)  # citations only in the fold


def test_the_version_and_content_hash_are_only_in_the_printed_footer(client: Client) -> None:
    page = result_page(client)
    assert "判定の版" in PRINT_FOOTER.search(page).group(0)  # type: ignore[union-attr]
    assert "判定の版" not in on_screen(page)
