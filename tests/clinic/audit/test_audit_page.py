"""The clinic admin reviews the audit trail: their own clinic's events only, newest first,
filtered by days (in Japanese time), staff member and action; a filter that cannot be read is
named in Japanese, never a 500. Other roles get a 404 (the page is not theirs)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import translation

from clinic.staff_door import PATIENT_PAGE
from hizakoshi.accounts.models import User
from hizakoshi.clinic.audit.views import PER_PAGE
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic, Role
from people import linked, staff, staff_login

pytestmark = [pytest.mark.django_db, pytest.mark.urls("clinic.staff_door")]

AUDIT = "/clinic/audit/"


@pytest.fixture
def admin(clinic: Clinic) -> User:
    return staff("admin@clinic.example.jp", clinic, role=Role.ADMIN, display_name="管理 一郎")


@pytest.fixture
def as_admin(admin: User) -> Client:
    return staff_login(Client(), admin)


def event(clinic: Clinic, at: datetime, **fields: object) -> AuditEvent:
    values: dict[str, object] = {
        "actor_label": "山田 (doctor)",
        "action": AuditAction.READ,
        "what": "patient_page",
    } | fields
    return AuditEvent.objects.create(at=at, clinic=clinic, **values)


def test_a_staff_read_through_the_door_is_on_the_admins_page_with_the_patients_name(
    as_admin: Client, patient: User, clinic: Clinic, clinic_staff: User
) -> None:
    linked(patient, clinic)
    staff_login(Client(), clinic_staff).get(PATIENT_PAGE.format(patient.pk))
    response = as_admin.get(AUDIT)
    assert response.status_code == 200
    (row,) = response.context["rows"]
    assert (row["who"], row["action"], row["what"], row["person"]) == (
        "山田 (医師)",
        "閲覧",
        "患者ページ",
        "佐藤 花子",
    )
    assert row["ref"] == str(patient.log_ref)[:8]
    assert "no-store" in response["Cache-Control"]


def test_after_the_link_ends_the_trail_names_the_person_by_random_id_only(
    as_admin: Client, patient: User, clinic: Clinic, clinic_staff: User
) -> None:
    link = linked(patient, clinic)
    staff_login(Client(), clinic_staff).get(PATIENT_PAGE.format(patient.pk))
    person = Client()
    person.force_login(patient)
    person.post(f"/me/clinics/{link.pk}/end/")
    page = as_admin.get(AUDIT).content.decode()
    assert "佐藤 花子" not in page and f"#{str(patient.log_ref)[:8]}" in page


def test_only_the_clinics_own_events_newest_first(
    as_admin: Client, clinic: Clinic, other_clinic: Clinic
) -> None:
    start = datetime(2026, 4, 1, tzinfo=UTC)
    event(clinic, start, detail="older")
    event(clinic, start + timedelta(hours=1), detail="newer")
    event(other_clinic, start, actor_label="鈴木 (doctor)")
    rows = as_admin.get(AUDIT).context["rows"]
    assert [r["detail"] for r in rows] == ["newer", "older"]
    assert "鈴木" not in as_admin.get(AUDIT).content.decode()


@pytest.mark.parametrize("role", [Role.DOCTOR, Role.PHYSIO, Role.RECEPTION])
def test_every_other_role_gets_a_404_for_the_page_and_the_csv(clinic: Clinic, role: str) -> None:
    member = staff_login(Client(), staff(f"{role}@clinic.example.jp", clinic, role=role))
    for url in (AUDIT, "/clinic/audit.csv"):
        assert member.get(url).status_code == 404
        assert member.post(url).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.AUDIT_EXPORT).exists()


def test_the_menu_shows_the_audit_trail_to_the_admin(as_admin: Client) -> None:
    page = as_admin.get(AUDIT).content.decode()
    assert '<a href="/clinic/audit/" aria-current="page">監査記録</a>' in page


def test_the_days_are_whole_days_in_japanese_time(as_admin: Client, clinic: Clinic) -> None:
    # 1 April in Japan runs from 31 March 15:00 to 1 April 15:00 UTC.
    event(clinic, datetime(2026, 3, 31, 14, 59, tzinfo=UTC), detail="31 March JST")
    event(clinic, datetime(2026, 3, 31, 15, 0, tzinfo=UTC), detail="1 April JST, first")
    event(clinic, datetime(2026, 4, 1, 14, 59, tzinfo=UTC), detail="1 April JST, last")
    event(clinic, datetime(2026, 4, 1, 15, 0, tzinfo=UTC), detail="2 April JST")
    rows = as_admin.get(AUDIT, {"since": "2026-04-01", "until": "2026-04-01"}).context["rows"]
    assert [r["detail"] for r in rows] == ["1 April JST, last", "1 April JST, first"]
    # A date typed with full-width digits and slashes is the same day.
    rows = as_admin.get(AUDIT, {"since": "２０２６/０４/０２"}).context["rows"]
    assert [r["detail"] for r in rows] == ["2 April JST"]


def test_filters_by_staff_member_and_by_action(
    as_admin: Client, clinic: Clinic, clinic_staff: User, admin: User
) -> None:
    at = datetime(2026, 4, 1, tzinfo=UTC)
    event(clinic, at, actor=clinic_staff, detail="doctor read")
    event(clinic, at, actor=clinic_staff, action=AuditAction.PRINT, detail="doctor print")
    event(clinic, at, actor=admin, action=AuditAction.LOGIN, what="login", detail="admin login")
    by_staff = as_admin.get(AUDIT, {"staff": str(clinic_staff.pk)}).context["rows"]
    assert {r["detail"] for r in by_staff} == {"doctor read", "doctor print"}
    printed = as_admin.get(AUDIT, {"action": "print"}).context["rows"]
    assert [r["detail"] for r in printed] == ["doctor print"]
    page = as_admin.get(AUDIT).content.decode()
    assert "山田 (医師)" in page and "管理 一郎 (管理者)" in page  # the staff list


@pytest.mark.parametrize(
    ("query", "field", "says"),
    [
        ({"since": "4月1日"}, "since", "2026-04-01 のように日付を入力してください。"),
        ({"until": "2026-02-30"}, "until", "2026-04-01 のように日付を入力してください。"),
        (
            {"since": "2026-04-02", "until": "2026-04-01"},
            "until",
            "開始日が終了日より後になっています。2つの日付を確かめてください。",
        ),
        ({"staff": "999999"}, "staff", "職員は一覧から選んでください。"),
        ({"staff": "abc"}, "staff", "職員は一覧から選んでください。"),
        ({"action": "delete"}, "action", "操作は一覧から選んでください。"),
    ],
)
def test_a_filter_that_cannot_be_read_is_named_in_japanese_and_kept_as_typed(
    as_admin: Client, clinic: Clinic, query: dict[str, str], field: str, says: str
) -> None:
    event(clinic, datetime(2026, 4, 1, tzinfo=UTC))
    with translation.override("ja"):
        response = as_admin.get(AUDIT, query)
    assert response.status_code == 200
    assert [str(e) for e in response.context["form"].errors[field]] == [says]
    assert says in response.content.decode()
    assert "rows" not in response.context  # nothing shown until the filter can be read


def test_another_clinics_staff_member_cannot_be_chosen(
    as_admin: Client, other_clinic_staff: User
) -> None:
    response = as_admin.get(AUDIT, {"staff": str(other_clinic_staff.pk)})
    assert response.context["form"].errors["staff"]


def test_the_trail_comes_a_page_at_a_time_keeping_the_filters(
    as_admin: Client, clinic: Clinic
) -> None:
    start = datetime(2026, 4, 1, tzinfo=UTC)
    for n in range(PER_PAGE + 3):
        event(clinic, start + timedelta(minutes=n))
    first = as_admin.get(AUDIT, {"action": "read"})
    assert len(first.context["rows"]) == PER_PAGE
    assert "?action=read&amp;page=2" in first.content.decode()
    assert len(as_admin.get(AUDIT, {"action": "read", "page": "2"}).context["rows"]) == 3
    assert as_admin.get(AUDIT, {"page": "nonsense"}).status_code == 200
