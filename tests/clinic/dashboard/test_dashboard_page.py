"""The dashboard page (/clinic/): the clinic's linked patients, most urgent first, filtered by a
kind of attention and sorted; bad choices in the address are said in Japanese, never a 500; the
same number of queries whatever the number of patients; one audit row per look; nothing for the
roles that see no health records."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from clinic.dashboard.helpers import START
from hizakoshi.accounts.models import User
from hizakoshi.care.clinic import AttentionKind, age_on, priority_of
from hizakoshi.clinic.dashboard import selectors
from hizakoshi.clinic.links.services import care_link_create, care_link_end
from hizakoshi.clinic.models import AuditAction, AuditEvent, CareLink, Clinic, PatientStatus, Role
from people import linked, person, staff, staff_login

pytestmark = pytest.mark.django_db

URL = "/clinic/"
ROW = re.compile(r'<tr data-person="(\d+)" data-kinds="([^"]*)">')


def patient_at(clinic: Clinic, n: int, *, kana: str | None = None) -> CareLink:
    someone = person(f"p{n}@example.jp")
    return care_link_create(
        person=someone,
        clinic=clinic,
        name=f"患者 {n}",
        name_kana=kana or f"カンジャ {n}",
        birth_date=date(1950, 1, 1),
        language="ja",
        now=timezone.now(),
    )


def flag(link: CareLink, *kinds: AttentionKind, last: date | None = START, **more: object) -> None:
    PatientStatus.objects.filter(link=link).update(
        attention=list(kinds), priority=priority_of(kinds), last_activity_on=last, **more
    )


def shown(html: str) -> list[tuple[int, str]]:
    return [(int(pid), kinds) for pid, kinds in ROW.findall(html)]


@pytest.fixture
def doctor(client: Client, clinic_staff: User) -> Client:
    return staff_login(client, clinic_staff)


def test_a_linked_patient_shows_with_name_age_flags_last_record_and_pain(
    doctor: Client, patient: User, clinic: Clinic
) -> None:
    link = linked(patient, clinic)
    flag(
        link,
        "red_flag",
        "inactive",
        pain_series="knee_pain_left",
        pain_latest=Decimal("6.0"),
        pain_baseline=Decimal("3.4"),
    )
    response = doctor.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert shown(html) == [(patient.pk, "red_flag inactive")]
    assert "佐藤 花子" in html and "サトウ ハナコ" in html
    age = age_on(date(1956, 4, 1), timezone.localdate())
    assert f'<td class="num">{age}</td>' in html
    assert "警告サイン" in html and "14日以上記録なし" in html
    assert "2026年1月5日" in html
    assert "左膝の痛み: 6.0/10 (3.4/10)" in html
    assert f'href="/clinic/patients/{patient.pk}/"' in html
    assert f'href="/clinic/patients/{patient.pk}/acknowledge/"' in html


def test_only_this_clinics_live_links_are_listed(
    doctor: Client, patient: User, other_patient: User, clinic: Clinic, other_clinic: Clinic
) -> None:
    linked(patient, clinic)
    linked(other_patient, other_clinic)
    ended = patient_at(clinic, 1)
    care_link_end(person=ended.person, link_id=ended.pk, now=timezone.now())
    html = doctor.get(URL).content.decode()
    assert [pid for pid, _ in shown(html)] == [patient.pk]
    assert "田中 太郎" not in html


def test_most_urgent_first_then_the_longest_without_records(doctor: Client, clinic: Clinic) -> None:
    quiet, inactive, red, both = (patient_at(clinic, n) for n in range(4))
    flag(quiet, last=date(2026, 1, 1))
    flag(inactive, "inactive", last=date(2025, 12, 1))
    flag(red, "red_flag", last=date(2026, 1, 9))
    flag(both, "red_flag", "inactive", last=date(2026, 1, 2))
    order = [pid for pid, _ in shown(doctor.get(URL).content.decode())]
    assert order == [both.person_id, red.person_id, inactive.person_id, quiet.person_id]
    by_activity = [pid for pid, _ in shown(doctor.get(URL + "?sort=activity").content.decode())]
    assert by_activity == [inactive.person_id, quiet.person_id, both.person_id, red.person_id]


def test_sorted_by_name_in_kana_order(doctor: Client, clinic: Clinic) -> None:
    links = [
        patient_at(clinic, n, kana=kana) for n, kana in enumerate(["ワタナベ", "アベ", "カトウ"])
    ]
    order = [pid for pid, _ in shown(doctor.get(URL + "?sort=name").content.decode())]
    assert order == [links[1].person_id, links[2].person_id, links[0].person_id]


def test_filtered_by_one_kind_of_attention_with_the_counts_of_each(
    doctor: Client, clinic: Clinic
) -> None:
    _quiet, overdue, both = (patient_at(clinic, n) for n in range(3))
    flag(overdue, "checkin_overdue")
    flag(both, "high_risk", "checkin_overdue")
    html = doctor.get(URL + "?kind=checkin_overdue").content.decode()
    assert sorted(pid for pid, _ in shown(html)) == sorted([overdue.person_id, both.person_id])
    assert "ふりかえり未回答 (2)" in html and "STarT Back 高リスク (1)" in html
    assert '<option value="checkin_overdue" selected>' in html
    assert shown(doctor.get(URL + "?kind=red_flag").content.decode()) == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?kind=everything", "対応の種類は一覧から選んでください。"),
        ("?sort=upside-down", "並べ方は一覧から選んでください。"),
        ("?page=two", "ページの番号は1以上の整数で指定してください。"),
        ("?page=0", "ページの番号は1以上の整数で指定してください。"),
    ],
)
def test_a_bad_choice_in_the_address_is_said_in_japanese_and_the_list_still_shows(
    doctor: Client, patient: User, clinic: Clinic, query: str, message: str
) -> None:
    linked(patient, clinic)
    response = doctor.get(URL + query)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert [pid for pid, _ in shown(html)] == [patient.pk]


def test_a_page_past_the_last_shows_the_last(
    doctor: Client, clinic: Clinic, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    links = [patient_at(clinic, n) for n in range(5)]
    for n, link in enumerate(links):
        flag(link, "inactive", last=date(2025, 12, 1 + n))
    html = doctor.get(URL + "?kind=inactive&sort=activity&page=2").content.decode()
    assert [pid for pid, _ in shown(html)] == [links[2].person_id, links[3].person_id]
    assert 'href="?kind=inactive&amp;sort=activity&amp;page=3"' in html
    assert 'href="?kind=inactive&amp;sort=activity&amp;page=1"' in html
    last = doctor.get(URL + "?kind=inactive&sort=activity&page=99")
    assert last.status_code == 200
    assert [pid for pid, _ in shown(last.content.decode())] == [links[4].person_id]


def test_each_look_writes_one_audit_row_naming_no_one(
    doctor: Client, clinic_staff: User, patient: User, clinic: Clinic
) -> None:
    linked(patient, clinic)
    doctor.get(URL)
    event = AuditEvent.objects.get()
    assert (event.action, event.what, event.subject_ref) == (AuditAction.READ, "dashboard", None)
    assert (event.actor_id, event.clinic_id, event.actor_label) == (
        clinic_staff.pk,
        clinic.pk,
        "山田 (doctor)",
    )


def test_the_page_writes_nothing_but_its_audit_row(
    doctor: Client, patient: User, clinic: Clinic
) -> None:
    linked(patient, clinic)
    with CaptureQueriesContext(connection) as queries:
        assert doctor.get(URL).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]
    assert len(writes) == 1 and "clinic_auditevent" in writes[0]


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.ADMIN])
def test_roles_that_see_no_records_get_a_short_page_without_names(
    client: Client, patient: User, clinic: Clinic, role: str
) -> None:
    linked(patient, clinic)
    desk = staff("desk@clinic.example.jp", clinic, role=role, display_name="受付")
    response = staff_login(client, desk).get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "健康の記録を見ない役割" in html
    assert "佐藤 花子" not in html and shown(html) == []
    assert 'href="/clinic/"' not in html  # no menu link to a list they cannot use
    assert not AuditEvent.objects.exists()


def test_the_menu_links_the_dashboard_for_a_doctor(doctor: Client) -> None:
    assert 'href="/clinic/" aria-current="page"' in doctor.get(URL).content.decode()


def _patients(clinic: Clinic, count: int, first: int = 0) -> None:
    kinds: list[AttentionKind] = ["red_flag", "pain_worse", "inactive"]
    for n in range(first, first + count):
        flag(patient_at(clinic, n), kinds[n % 3], last=date(2026, 1, 1 + n % 28))


def test_the_page_needs_the_same_queries_for_5_and_50_patients(
    doctor: Client, clinic: Clinic, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    _patients(clinic, 5)
    with CaptureQueriesContext(connection) as five:
        assert len(shown(doctor.get(URL).content.decode())) == 5
    _patients(clinic, 45, first=5)
    with django_assert_num_queries(len(five.captured_queries)):
        assert len(shown(doctor.get(URL).content.decode())) == 50
