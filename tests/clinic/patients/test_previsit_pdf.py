"""The pre-visit summary as a PDF: Japanese, A4, at most two pages with a full year of data,
drawn by WeasyPrint (checked with poppler's pdftotext, pdfinfo and pdffonts)."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clinic.patients.conftest import Year
from hizakoshi.care.scoring import ENGINES
from hizakoshi.clinic.models import Acknowledgement, AttentionKind, AuditAction, AuditEvent
from hizakoshi.clinic.patients.selectors import ACKS_SHOWN
from hizakoshi.journey.checkins.services import outcome_record
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.models import Escalation
from hizakoshi.journey.summary.selectors import ESCALATIONS_SHOWN
from people import staff_login

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def test_the_pdf_is_japanese_on_at_most_two_a4_pages_with_a_year_of_data(
    client: Client, year: Year, tmp_path: Path
) -> None:
    staff_login(client, year.doctor)
    response = client.get(reverse("clinic:patient_pdf", kwargs={"person_id": year.person.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('inline; filename="previsit-')
    pdf = tmp_path / "previsit.pdf"
    pdf.write_bytes(response.content)
    text = _run("pdftotext", "-layout", str(pdf), "-")
    for words in (
        "受診前のまとめ",
        "受診のすすめと、クリニックの対応",
        "最新のセルフチェック",
        "このパターンと考えた理由",
        "質問票",
        "日誌の痛み",
        "体操の記録",
        "いまのプラン",
        "セルフチェックの答え",
        year.link.name,
        year.link.name_kana,
    ):
        assert words in text, words
    assert "□" not in text
    info = _run("pdfinfo", str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    assert 1 <= pages <= 2, pages
    assert re.search(r"^Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)", info, re.M)
    assert "Noto-Sans-CJK-JP" in _run("pdffonts", str(pdf))
    # Every page's footer: the patient's name and the engine that made the self-check's result.
    assert text.count(f"{year.link.name} · 判定の版") == pages
    event = AuditEvent.objects.get()
    assert (event.action, event.what) == (AuditAction.PRINT, "previsit_pdf")


def test_a_busy_year_still_fits_on_two_pages(client: Client, year: Year, tmp_path: Path) -> None:
    """Every questionnaire answered twice, the newest messages and the clinic's notes at their
    most (five of each), long notes: the PDF stays on two A4 pages."""
    today = local_today()
    for instrument in ("koos", "koos-ps", "rmdq", "odi"):
        items = ENGINES[instrument].items
        for day, pick in ((today - timedelta(days=300), "max"), (today, "min")):
            answers = {i: getattr(spec, pick) for i, spec in items.items()}
            outcome_record(person=year.person, instrument=instrument, answers=answers, taken_on=day)
    message = {
        "headline": {"ja": "毎日の暮らしへの影響が大きい状態が続いています", "en": "-"},
        "reasons": [
            {"ja": "この2週間、暮らしにかなり困っていると記録されています。" * 3, "en": "-"}
        ],
    }
    for n in range(ESCALATIONS_SHOWN + 1):
        Escalation.objects.create(
            person=year.person,
            kind="daily_life_badly_affected",
            urgency="soon",
            message=message,
            raised_on=today - timedelta(days=n),
        )
    for n in range(ACKS_SHOWN):
        Acknowledgement.objects.create(
            link=year.link,
            kind=AttentionKind.ESCALATION,
            note="電話で受診を案内し、来週の予約を取った。階段がつらいとのこと。" * 4,
            by_label="山田 (doctor)",
            at=timezone.now() - timedelta(hours=n),
        )
    staff_login(client, year.doctor)
    response = client.get(reverse("clinic:patient_pdf", kwargs={"person_id": year.person.pk}))
    pdf = tmp_path / "busy.pdf"
    pdf.write_bytes(response.content)
    text = _run("pdftotext", "-layout", str(pdf), "-")
    assert "RMDQ" in text and "ODI" in text and "KOOS-PS" in text  # the added questionnaires
    pages = int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.M).group(1))  # type: ignore[union-attr]
    assert pages <= 2, pages
