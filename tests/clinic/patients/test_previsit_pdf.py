"""The pre-visit summary as a PDF: Japanese, A4, at most two pages with a full year of data,
drawn by WeasyPrint (checked with poppler's pdftotext, pdfinfo and pdffonts)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from clinic.patients.conftest import Year
from hizakoshi.clinic.models import AuditAction, AuditEvent
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
