"""The admin exports the trail as CSV for Excel: UTF-8 with a byte order mark, each time in ISO
8601 in UTC and in Japanese time, the same filters as the page; the export itself goes on the
trail (who, when, from where, with which filters) and is in the file it produced."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from django.http import StreamingHttpResponse
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic, Role
from people import staff, staff_login

pytestmark = pytest.mark.django_db

CSV = "/clinic/audit.csv"


@pytest.fixture
def admin(clinic: Clinic) -> User:
    return staff("admin@clinic.example.jp", clinic, role=Role.ADMIN, display_name="管理 一郎")


@pytest.fixture
def as_admin(admin: User) -> Client:
    return staff_login(Client(), admin)


def download(client: Client, query: dict[str, str] | None = None) -> tuple[bytes, list[list[str]]]:
    response = client.get(CSV, query or {}, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-HIZA01-')
    body = b"".join(response.streaming_content)
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_file_is_utf8_with_a_bom_and_gives_each_time_in_utc_and_in_japan(
    as_admin: Client, patient: User, clinic: Clinic, clinic_staff: User
) -> None:
    AuditEvent.objects.create(
        at=datetime(2026, 3, 31, 15, 30, 5, tzinfo=UTC),
        actor=clinic_staff,
        actor_label="山田 (doctor)",
        clinic=clinic,
        subject_ref=patient.log_ref,
        action=AuditAction.PRINT,
        what="previsit_pdf",
        ip="10.1.2.3",
    )
    body, rows = download(as_admin)
    assert body.startswith(b"\xef\xbb\xbf")
    header, *events = rows
    assert header == [
        "日時(UTC)",
        "日時(日本時間)",
        "職員",
        "職員アカウントID",
        "操作",
        "操作コード",
        "ページ・記録",
        "利用者(ランダムID)",
        "詳細",
        "IPアドレス",
    ]
    printed = next(r for r in events if r[5] == "print")
    assert printed == [
        "2026-03-31T15:30:05Z",
        "2026-04-01T00:30:05+09:00",
        "山田 (医師)",
        str(clinic_staff.pk),
        "印刷",
        "print",
        "previsit_pdf",
        str(patient.log_ref),
        "",
        "10.1.2.3",
    ]
    assert "佐藤" not in body.decode("utf-8-sig")  # the file names people by random id only


def test_the_export_is_on_the_trail_once_and_in_its_own_file(
    as_admin: Client, admin: User, clinic: Clinic
) -> None:
    _body, rows = download(as_admin, {"since": "2026-01-01"})
    (export,) = AuditEvent.objects.filter(action=AuditAction.AUDIT_EXPORT)
    assert (export.actor_id, export.clinic_id, export.subject_ref) == (admin.pk, clinic.pk, None)
    assert (export.what, export.ip, export.actor_label) == (
        "audit_csv",
        "10.9.8.7",
        "管理 一郎 (clinic admin)",
    )
    assert export.detail == (
        "recipient=self purpose=audit_review since=2026-01-01 until= staff= action="
    )
    assert [r[5] for r in rows[1:]] == ["audit_export"]


def test_the_file_holds_the_filtered_events_only(as_admin: Client, clinic: Clinic) -> None:
    for day, action in ((1, "read"), (2, "write"), (3, "read")):
        AuditEvent.objects.create(
            at=datetime(2026, 4, day, 3, tzinfo=UTC),
            clinic=clinic,
            actor_label="山田 (doctor)",
            action=action,
            what="patient_page",
        )
    _body, rows = download(as_admin, {"action": "read", "until": "2026-04-02"})
    assert [(r[0], r[5]) for r in rows[1:]] == [("2026-04-01T03:00:00Z", "read")]


def test_a_bad_filter_gives_the_page_with_the_error_and_no_file_and_nothing_on_record(
    as_admin: Client,
) -> None:
    response = as_admin.get(CSV, {"since": "きのう"})
    assert response.status_code == 400
    assert "2026-04-01 のように日付を入力してください。" in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_text_a_spreadsheet_would_run_is_kept_as_text(as_admin: Client, clinic: Clinic) -> None:
    AuditEvent.objects.create(
        at=datetime(2026, 4, 1, tzinfo=UTC),
        clinic=clinic,
        actor_label='=HYPERLINK("http://evil.example") (doctor)',
        action=AuditAction.READ,
        what="patient_page",
        detail="@SUM(1)",
    )
    _body, rows = download(as_admin)
    (read,) = [r for r in rows[1:] if r[5] == "read"]
    assert read[2] == '\'=HYPERLINK("http://evil.example") (医師)' and read[8] == "'@SUM(1)"
