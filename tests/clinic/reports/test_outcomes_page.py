"""The clinic's outcomes page and its CSV file: the core's figures over the clinic's live links,
for doctors, physiotherapists and the clinic admin; never a name; reception gets 404; a fixed
number of queries however many patients are linked."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.clinic.links.services import care_link_create, care_link_end
from hizakoshi.clinic.models import Clinic, Role
from hizakoshi.journey.models import DiaryEntry, ExerciseSession, OutcomeResponse
from people import person, staff, staff_login

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10), tzinfo=timezone.get_current_timezone())


def linked_patient(
    n: int, clinic: Clinic, *, days_ago: int = 100, knee: tuple[int, int] | None = (6, 4)
) -> User:
    """A patient linked `days_ago` days ago with a knee NRS at the start and at day 84, a few
    sessions and one diary entry."""
    who = person(f"p{n}-{uuid.uuid4().hex[:6]}@example.jp")
    start = TODAY - timedelta(days=days_ago)
    care_link_create(
        person=who,
        clinic=clinic,
        name=f"患者 {n}",
        name_kana="カンジャ",
        birth_date=None,
        language="ja",
        now=_at(start),
    )
    if knee is not None:
        for offset, value in zip((0, 84), knee, strict=True):
            if offset <= days_ago:
                OutcomeResponse.objects.create(
                    person=who,
                    instrument="nrs",
                    answers={"pain": value},
                    scores={"score": value, "region": "knee"},
                    taken_on=start + timedelta(days=offset),
                )
    for offset in (0, 1, 2):
        began = _at(start + timedelta(days=offset))
        ExerciseSession.objects.create(
            person=who, client_id=uuid.uuid4(), started_at=began, finished_at=began
        )
    DiaryEntry.objects.create(person=who, day=start + timedelta(days=2), back_pain=3)
    return who


def member(clinic: Clinic, role: str) -> Client:
    return staff_login(Client(), staff(f"{role}@clinic.example.jp", clinic, role=role))


@pytest.mark.parametrize("role", [Role.DOCTOR, Role.PHYSIO, Role.ADMIN])
def test_doctors_physiotherapists_and_the_admin_see_the_figures(clinic: Clinic, role: str) -> None:
    linked_patient(1, clinic)
    response = member(clinic, role).get(reverse("clinic:outcomes"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page and "<script" not in page
    assert reverse("clinic:outcomes_csv") in page


@pytest.mark.parametrize("name", ["clinic:outcomes", "clinic:outcomes_csv"])
def test_reception_gets_a_404(clinic: Clinic, name: str) -> None:
    assert member(clinic, Role.RECEPTION).get(reverse(name)).status_code == 404


def test_the_page_names_no_one(clinic: Clinic) -> None:
    who = linked_patient(1, clinic)
    page = member(clinic, Role.DOCTOR).get(reverse("clinic:outcomes")).content.decode()
    assert who.email not in page and "患者 1" not in page


def test_the_menu_links_the_report_for_the_roles_that_read_it(clinic: Clinic) -> None:
    page = member(clinic, Role.PHYSIO).get(reverse("clinic:outcomes")).content.decode()
    assert 'aria-current="page"' in page


def test_the_table_counts_the_clinics_live_links_only(clinic: Clinic, other_clinic: Clinic) -> None:
    linked_patient(1, clinic, knee=(6, 4))  # improved by the knee's 1-point MCID
    linked_patient(2, clinic, knee=(6, 6))  # unchanged
    linked_patient(3, clinic, days_ago=10)  # not yet at 12 weeks
    ended = linked_patient(4, clinic, knee=(6, 2))
    link = ended.care_links.get()
    care_link_end(person=ended, link_id=link.pk, now=timezone.now())
    linked_patient(5, other_clinic, knee=(6, 2))
    response = member(clinic, Role.DOCTOR).get(reverse("clinic:outcomes"))
    report = response.context["report"]
    knee = next(s for s in report.measures if s.measure.id == "nrs_knee")
    assert (report.linked, knee.pairs, knee.improved, knee.pending) == (3, 2, 1, 1)
    row = next(r for r in response.context["rows"] if r.name == knee.measure.name.ja)
    assert row.share == "50%"


def test_the_csv_file_holds_the_same_figures_for_a_spreadsheet(clinic: Clinic) -> None:
    linked_patient(1, clinic, knee=(6, 4))
    response = member(clinic, Role.ADMIN).get(reverse("clinic:outcomes_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM: Excel on Japanese Windows reads UTF-8
    text = body.decode("utf-8-sig")
    knee_line = next(line for line in text.splitlines() if line.startswith("膝の痛み"))
    assert knee_line.split(",")[1:4] == ["1", "1", "0"]
    assert "@example.jp" not in text


def test_an_empty_clinic_shows_no_shares_rather_than_failing(clinic: Clinic) -> None:
    response = member(clinic, Role.DOCTOR).get(reverse("clinic:outcomes"))
    assert response.status_code == 200
    assert response.context["adherence"] == "—"


def test_the_page_is_only_read(clinic: Clinic) -> None:
    assert member(clinic, Role.DOCTOR).post(reverse("clinic:outcomes")).status_code == 405


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(reverse("clinic:outcomes")).status_code == 200
    return len(seen.captured_queries)


def test_the_page_takes_as_many_queries_for_fifty_patients_as_for_five(clinic: Clinic) -> None:
    client = member(clinic, Role.DOCTOR)
    for n in range(5):
        linked_patient(n, clinic)
    five = _queries(client)
    for n in range(5, 50):
        linked_patient(n, clinic, days_ago=30 + n)
    assert _queries(client) == five
