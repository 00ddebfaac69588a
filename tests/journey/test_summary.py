"""The summary for the doctor: the presenter's words from the person's records, the page, and
the PDF drawn by WeasyPrint in Japanese (checked with poppler's pdftotext and pdfinfo)."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hizakoshi.accounts.models import User
from hizakoshi.journey.demo.services import demo_journey_load
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.models import Escalation
from hizakoshi.journey.summary.presenters import summary_view
from hizakoshi.journey.summary.selectors import ESCALATIONS_SHOWN, summary_records
from people import person

pytestmark = pytest.mark.django_db
# poppler-utils (pdftotext, pdfinfo, pdffonts) is installed by .ci/run: missing, the test fails.


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> object:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        result = demo_journey_load()
        yield result.person
        result.person.delete()


def test_a_person_without_records_gets_a_summary_that_says_so() -> None:
    someone = person("new@example.com")
    with translation.override("ja"):
        view = summary_view(summary_records(person=someone, today=local_today()), "ja")
    assert view["self_check"] is None and view["exercises"] == [] and view["pain"] == []
    assert view["checkins"] == [] and view["tests"] == [] and view["escalations"] == []
    assert not view["paused"]


def test_the_summary_gathers_the_demo_person_s_year(demo: User) -> None:
    today = local_today()
    with translation.override("ja"):
        view = summary_view(summary_records(person=demo, today=today), "ja")
    assert view["self_check"]["day"] is not None and view["self_check"]["pattern"]
    assert view["exercises"] and all(ex["dosage"] for ex in view["exercises"])
    assert view["walking"].startswith("1日")
    back = next(p for p in view["pain"] if p["name"] == "腰の痛み")
    assert len(back["weeks"]) == 4 and back["weeks"][-1]["start"] > today - timedelta(days=7)
    assert len(view["checkins"]) >= 2 and all(c["lines"] for c in view["checkins"])
    assert len(view["tests"]) >= 3
    # The flare of months ago is still there for the doctor, newest first, a few at most.
    raised = [e.raised_on for e in view["escalations"]]
    assert raised and raised == sorted(raised, reverse=True) and len(raised) <= ESCALATIONS_SHOWN
    assert Escalation.objects.filter(person=demo).count() >= len(raised)
    assert len(view["content_hash"]) == 12


def test_the_summary_page_is_plain_and_keeps_version_and_hash_for_print(
    client: Client, demo: User
) -> None:
    client.force_login(demo)
    page = client.get(reverse("journey:summary")).content.decode()
    assert "膝と腰のセルフケア: 医師に見せるまとめ" in page and "いまのプラン" in page
    # The version and the hash are in the print footer only (hidden on screen by site.css).
    footer = re.findall(r'<p class="small meta print-footer">(.*?)</p>', page, re.S)
    assert len(footer) == 1 and "2." in footer[0]
    assert page.count("print-footer") == 1
    assert reverse("journey:summary_pdf") in page


def test_the_account_page_and_the_export_page_link_to_the_summary(
    client: Client, demo: User
) -> None:
    client.force_login(demo)
    for name in ("journey:profile", "journey:export"):
        assert reverse("journey:summary") in client.get(reverse(name)).content.decode()
    export = client.get(reverse("journey:export")).content.decode()
    assert "自分の記録をすべて保存(JSON)" in export and "医療機関のシステム向け(FHIR)" in export


def test_the_pdf_is_japanese_text_on_a_few_a4_pages_with_the_version_in_its_footer(
    client: Client, demo: User, tmp_path: Path
) -> None:
    client.force_login(demo)
    response = client.get(reverse("journey:summary_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="hizakoshi-summary-')
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in (
        "医師に見せるまとめ",
        "最新のセルフチェック",
        "いまのプラン",
        "腰の痛み",
        "ロコモ",
    ):
        assert words in text, words
    assert "□" not in text  # no missing glyphs drawn as boxes
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    assert 1 <= pages <= 4
    assert re.search(r"^Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)", info, re.M)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Noto-Sans-CJK-JP" in fonts
    # The footer on every page: the version and the content hash, for the clinic.
    assert text.count("判定の版") == pages


def test_the_pdf_is_for_the_person_only(client: Client) -> None:
    response = client.get(reverse("journey:summary_pdf"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
