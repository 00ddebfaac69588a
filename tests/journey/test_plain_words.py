"""Patient pages speak plainly: walking every journey page as the demo person (a year of records,
an escalation, function tests, questionnaires) finds no file name, no "Seed article", no licence
terms and no ISO date in the words on the page; sources only fold under 「根拠(医療者向け)」."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from hizakoshi.care.content import red_flags
from hizakoshi.care.dates import long_date
from hizakoshi.care.journey.escalation import day_text
from hizakoshi.journey.demo.services import demo_journey_load
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.templatetags.evidence import citation_text
from urltable import area_urls

pytestmark = pytest.mark.django_db

FORBIDDEN = {
    "a file name": re.compile(r"\b[\w-]+\.(?:md|ya?ml|py|ts)\b"),
    "our working notes": re.compile(r"[Ss]eed (?:article|facts)|clinical-spec|issue \d"),
    "licence terms": re.compile(r"licen[cs]e", re.I),
    "an ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
}
# Downloads and the PDF are files, not pages; the calendar feed is for calendar apps.
NOT_PAGES = {"journey:export_json", "journey:export_fhir", "journey:summary_pdf", "calendar:feed"}


class _Words(HTMLParser):
    """The text a person reads: text nodes only, without scripts, styles or attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.words.append(data.strip())


def words_of(html: str) -> str:
    parser = _Words()
    parser.feed(html)
    return "\n".join(parser.words)


def _urls(person_pk: int, today: date) -> Iterator[str]:
    from hizakoshi.journey.models import Escalation

    for name, pattern in area_urls():
        if not name.startswith("journey:") or name in NOT_PAGES:
            continue
        if not pattern.pattern.regex.groupindex:
            yield reverse(name)
    for instrument in ("nrs", "psfs", "start-back", "rmdq", "koos"):
        yield reverse("journey:measure", kwargs={"instrument": instrument})
    for slug in ("two-step", "stand-up", "chair-stand", "one-leg", "steadi"):
        yield reverse("journey:function_test", kwargs={"slug": slug})
    for pk in Escalation.objects.filter(person_id=person_pk).values_list("pk", flat=True):
        yield reverse("journey:escalation", kwargs={"pk": pk})
    yield reverse("journey:diary_day", kwargs={"day": (today - timedelta(days=1)).isoformat()})


@pytest.fixture(scope="module")
def walked(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> dict[str, str]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        demo = demo_journey_load()
        client = Client()
        client.force_login(demo.person)
        pages: dict[str, str] = {}
        for url in _urls(demo.person.pk, local_today()):
            response = client.get(url, follow=True)
            if response.status_code == 200 and "html" in response["Content-Type"]:
                pages[url] = response.content.decode()
        demo.person.delete()
    return pages


def test_the_walk_reaches_the_journey_s_pages(walked: dict[str, str]) -> None:
    for needed in ("/me/today/", "/me/progress/", "/me/measures/", "/me/summary/", "/me/export/"):
        assert any(url.startswith(needed) for url in walked), needed
    assert len(walked) >= 20
    # The demo's function tests and progress page carry sources: the walk sees the folds.
    assert sum("根拠(医療者向け)" in html for html in walked.values()) >= 3


@pytest.mark.parametrize("what", FORBIDDEN)
def test_no_patient_page_shows_our_files_licences_or_iso_dates(
    walked: dict[str, str], what: str
) -> None:
    found = {
        url: hit.group(0)
        for url, html in walked.items()
        if (hit := FORBIDDEN[what].search(words_of(html)))
    }
    assert found == {}, f"{what} on: {found}"


def test_sources_show_only_folded_under_evidence_for_clinicians(walked: dict[str, str]) -> None:
    for url, html in walked.items():
        assert "出典:" not in words_of(html), url
        for fold in re.findall(r'<details class="fold evidence[^"]*">(.*?)</details>', html, re.S):
            assert "<summary>根拠(医療者向け)</summary>" in fold, url


def test_the_escalation_page_dates_its_reasons_in_japanese_words(walked: dict[str, str]) -> None:
    pages = [html for url, html in walked.items() if re.match(r"/me/escalations/\d+/", url)]
    shown = "\n".join(words_of(html) for html in pages)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", shown)


def test_a_day_in_a_message_reads_as_words_in_both_languages() -> None:
    day = date(2026, 12, 2)
    assert day_text(day) == long_date(day)
    assert (day_text(day).ja, day_text(day).en) == ("2026年12月2日", "2 December 2026")


def test_a_stored_source_loses_our_working_notes_but_keeps_its_citation() -> None:
    old = (
        "NRS, knee OA: -1 point / -15% minimal improvement (Salaffi 2004; clinical-spec.md §3, "
        "instruments.yaml); changes under 1 point never count"
    )
    assert citation_text(old) == (
        "NRS, knee OA: -1 point / -15% minimal improvement (Salaffi 2004); "
        "changes under 1 point never count"
    )
    assert citation_text("Red flags (clinical-spec.md §1); shown at once (issue 3 §5, §9)") == (
        "Red flags; shown at once"
    )
    assert citation_text("CDC STEADI 30-Second Chair Stand form (clinical-spec §6)") == (
        "CDC STEADI 30-Second Chair Stand form"
    )
    assert "膝痛と腰痛が同時に起こる理由と改善策" in citation_text("Seed article §7: daily life")


def test_every_red_flag_source_is_a_citation_already() -> None:
    for rule in red_flags().rules:
        assert citation_text(rule.source) == rule.source.strip()
