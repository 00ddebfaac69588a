"""The consultation hours page: the clinic admin and reception list, add and change each staff
member's or room's hours, stop and resume bookings, and set closed days and one-off hours; every
write is on the audit trail. Doctors, physiotherapists and other clinics' staff reach nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from clinic.booking.factories import availability, next_weekday
from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import (
    AuditAction,
    AuditEvent,
    Availability,
    Clinic,
    DayException,
    Role,
)
from hizakoshi.clinic.roles import manages_hours
from people import staff_login

from .helpers import WEEK, entry_fields, member, signed_in

pytestmark = pytest.mark.django_db
PAGES = ("/clinic/hours/", "/clinic/hours/new/", "/clinic/hours/days/")


def test_the_role_rule_gives_the_hours_to_the_admin_and_reception_only() -> None:
    assert manages_hours(Role.ADMIN) and manages_hours(Role.RECEPTION)
    assert not manages_hours(Role.DOCTOR) and not manages_hours(Role.PHYSIO)
    assert not manages_hours("someone")


@pytest.mark.parametrize("role", [Role.ADMIN, Role.RECEPTION])
def test_the_admin_and_reception_reach_every_page(clinic: Clinic, role: str) -> None:
    entry = availability(clinic)
    client = signed_in(clinic, role)
    for url in (*PAGES, f"/clinic/hours/{entry.pk}/"):
        assert client.get(url).status_code == 200, url
    assert "予約の受付時間</a>" in client.get("/clinic/hours/").content.decode()  # the menu


@pytest.mark.parametrize("role", [Role.DOCTOR, Role.PHYSIO])
def test_clinicians_get_a_404_and_no_menu_link(clinic: Clinic, role: str) -> None:
    entry = availability(clinic)
    client = signed_in(clinic, role, "医師")
    for url in (*PAGES, f"/clinic/hours/{entry.pk}/"):
        assert client.get(url).status_code == 404, url
        assert client.post(url, entry_fields()).status_code == 404, url
    assert client.post(f"/clinic/hours/{entry.pk}/", {"action": "stop"}).status_code == 404
    assert Availability.objects.get().active and Availability.objects.count() == 1
    if role == Role.DOCTOR:
        assert "/clinic/hours/" not in client.get("/clinic/bookings/").content.decode()


def test_another_clinic_s_reception_reaches_none_of_this_clinic_s_hours(
    clinic: Clinic, other_clinic: Clinic
) -> None:
    entry = availability(clinic, label="山田(医師)")
    client = signed_in(other_clinic)
    assert client.get(f"/clinic/hours/{entry.pk}/").status_code == 404
    assert client.post(f"/clinic/hours/{entry.pk}/", {"action": "stop"}).status_code == 404
    assert client.post(f"/clinic/hours/{entry.pk}/", entry_fields(label="x")).status_code == 404
    assert "山田(医師)" not in client.get("/clinic/hours/").content.decode()
    assert Availability.objects.get().active and Availability.objects.get().label == "山田(医師)"


def test_the_list_says_each_entry_s_hours_and_rules_in_japanese(clinic: Clinic) -> None:
    availability(clinic, lead_minutes=120, price_yen=1500, price_note="初診料を含みます")
    availability(
        clinic, label="相談室1", open_on_holidays=True, confirm_by_staff=True, active=False
    )
    page = signed_in(clinic).get("/clinic/hours/").content.decode()
    for words in (
        "<li>月 9:00-12:00 14:00-18:00</li>",
        "<li>土 9:00-12:00</li>",
        "<li>日 休み</li>",
        "30分",
        "2時間前まで",
        "30日先まで",
        "1日前まで",
        "すぐに確定",
        "クリニックが確認",
        "1,500円 (初診料を含みます)",
        "停止中",
        "相談室1 の予約の受け付けを再開する",
    ):
        assert words in page, words


def test_adding_an_entry_keeps_what_was_typed_and_audits_it(clinic: Clinic) -> None:
    desk = member(clinic, Role.RECEPTION)
    client = staff_login(Client(), desk)
    response = client.post(
        "/clinic/hours/new/", entry_fields(slot_minutes="20", open_on_holidays="on")
    )
    assert response.status_code == 302 and response["Location"] == "/clinic/hours/?saved=added"
    row = Availability.objects.get()
    assert row.clinic == clinic and row.label == "山田(医師)" and row.active
    assert row.weekly == WEEK and row.slot_minutes == 20 and row.open_on_holidays
    assert row.price_yen == 0 and row.change_until_minutes == 1440
    event = AuditEvent.objects.get(what="availability")
    assert event.action == AuditAction.WRITE and event.actor == desk and event.clinic == clinic
    assert event.actor_label == "受付 (reception)"
    assert event.detail.startswith(f"added availability {row.pk}:")
    assert "追加しました" in client.get(response["Location"]).content.decode()


def test_changing_an_entry_audits_what_changed_and_an_unchanged_save_writes_nothing(
    clinic: Clinic,
) -> None:
    row = availability(clinic)
    client = signed_in(clinic, Role.ADMIN, "管理")
    page = client.get(f"/clinic/hours/{row.pk}/").content.decode()
    assert 'value="09:00"' in page and 'value="山田(医師)"' in page
    week = [list(day) for day in WEEK]
    week[1] = [["10:00", "12:00"]]
    sent = entry_fields(week, slot_minutes="20", lead_minutes="0")
    assert client.post(f"/clinic/hours/{row.pk}/", sent).status_code == 302
    row.refresh_from_db()
    assert row.weekly[1] == [["10:00", "12:00"]] and row.slot_minutes == 20
    (event,) = AuditEvent.objects.filter(what="availability")
    assert "slot_minutes 30>20" in event.detail and "weekly " in event.detail
    assert event.actor_label == "管理 (clinic admin)"
    assert client.post(f"/clinic/hours/{row.pk}/", sent).status_code == 302
    assert AuditEvent.objects.filter(what="availability").count() == 1


def test_stopping_and_resuming_bookings_is_audited_and_keeps_the_hours(clinic: Clinic) -> None:
    row = availability(clinic)
    client = signed_in(clinic)
    response = client.post(f"/clinic/hours/{row.pk}/", {"action": "stop"})
    assert response["Location"] == "/clinic/hours/?saved=stopped"
    row.refresh_from_db()
    assert not row.active and row.weekly == WEEK
    client.post(f"/clinic/hours/{row.pk}/", {"action": "resume"})
    row.refresh_from_db()
    assert row.active
    details = list(AuditEvent.objects.order_by("pk").values_list("detail", flat=True))
    assert details == [
        f"changed availability {row.pk}: active True>False",
        f"changed availability {row.pk}: active False>True",
    ]


def test_a_closed_day_for_the_clinic_and_one_day_s_hours_for_one_entry(clinic: Clinic) -> None:
    row = availability(clinic)
    day = next_weekday()
    client = signed_in(clinic)
    closed = {"day": day.isoformat(), "scope": "", "kind": "closed", "note": "研修"}
    assert client.post("/clinic/hours/days/", closed)["Location"] == "/clinic/hours/?saved=day"
    other = {
        "day": day.isoformat(),
        "scope": str(row.pk),
        "kind": "hours",
        "opens1": "13:00",
        "closes1": "15:00",
    }
    assert client.post("/clinic/hours/days/", other).status_code == 302
    rows = {(r.resource_id, tuple(map(tuple, r.hours)), r.note) for r in DayException.objects.all()}
    assert rows == {(None, (), "研修"), (row.pk, (("13:00", "15:00"),), "")}
    page = client.get("/clinic/hours/").content.decode()
    assert "終日休み" in page and "13:00-15:00" in page and "研修" in page
    events = AuditEvent.objects.filter(what="day_exception").order_by("pk")
    assert [e.detail for e in events] == [
        f"set {day.isoformat()} for the clinic: closed",
        f"set {day.isoformat()} for availability {row.pk}: 13:00-15:00",
    ]
    audit = signed_in(clinic, Role.ADMIN, "管理").get("/clinic/audit/").content.decode()
    assert "休みの日・臨時の時間" in audit and "受付 (受付)" in audit  # the admin's audit page


def test_removing_a_day_gives_it_back_its_weekly_hours_and_is_audited(clinic: Clinic) -> None:
    day = next_weekday()
    client = signed_in(clinic)
    client.post("/clinic/hours/days/", {"day": day.isoformat(), "kind": "closed"})
    pk = DayException.objects.get().pk
    response = client.post("/clinic/hours/days/", {"action": "remove", "exception": str(pk)})
    assert response["Location"] == "/clinic/hours/?saved=removed"
    assert not DayException.objects.exists()
    assert AuditEvent.objects.filter(what="day_exception").count() == 2
    # Again, or another clinic's: nothing to remove, nothing written.
    client.post("/clinic/hours/days/", {"action": "remove", "exception": str(pk)})
    assert AuditEvent.objects.filter(what="day_exception").count() == 2


def test_another_clinic_s_staff_cannot_remove_this_clinic_s_day(
    clinic: Clinic, other_clinic: Clinic
) -> None:
    day = next_weekday()
    signed_in(clinic).post("/clinic/hours/days/", {"day": day.isoformat(), "kind": "closed"})
    pk = DayException.objects.get().pk
    signed_in(other_clinic).post("/clinic/hours/days/", {"action": "remove", "exception": str(pk)})
    assert DayException.objects.filter(pk=pk).exists()


def test_a_get_writes_nothing(clinic: Clinic, clinic_staff: User) -> None:
    row = availability(clinic)
    client = signed_in(clinic)
    for url in (*PAGES, f"/clinic/hours/{row.pk}/"):
        client.get(url)
    assert not AuditEvent.objects.exists()


def test_a_save_from_hours_changed_meanwhile_is_refused_with_both_shown(clinic: Clinic) -> None:
    row = availability(clinic)
    mine, theirs = signed_in(clinic), signed_in(clinic, Role.ADMIN, "管理")
    shown = mine.get(f"/clinic/hours/{row.pk}/").content.decode()
    seen = re.search(r'name="seen" value="([0-9a-f]+)"', shown)
    assert seen
    theirs.post(f"/clinic/hours/{row.pk}/", entry_fields(slot_minutes="45"))
    response = mine.post(
        f"/clinic/hours/{row.pk}/", entry_fields(slot_minutes="20", seen=seen.group(1))
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "あなたが変更している間に、ほかのスタッフがこの時間を保存しました。" in page
    assert "いま保存されている時間" in page and "45分" in page  # what was saved meanwhile
    assert 'name="slot_minutes" value="20"' in page  # what I typed, kept
    row.refresh_from_db()
    assert row.slot_minutes == 45
    again = re.search(r'name="seen" value="([0-9a-f]+)"', page)
    assert again and again.group(1) != seen.group(1)
    fields = entry_fields(slot_minutes="20", seen=again.group(1))
    assert mine.post(f"/clinic/hours/{row.pk}/", fields).status_code == 302
    row.refresh_from_db()
    assert row.slot_minutes == 20
