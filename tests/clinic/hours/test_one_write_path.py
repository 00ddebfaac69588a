"""The page and `hizakoshi booking_hours` write through the same services: the same input makes
the same rows and the same kind of audit event; the booking pages offer what the hours page
saved; and a change of hours leaves every booking where it was, listing those now outside."""

from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from clinic.booking.factories import at, availability, booked, next_weekday, site_clinic
from hizakoshi.clinic.hours.selectors import STORED
from hizakoshi.clinic.models import AuditEvent, Availability, Booking, Clinic, DayException, Role
from people import clinic_make

from .helpers import entry_fields, signed_in

pytestmark = pytest.mark.django_db
COMPARED = STORED  # every field the hours keep, as the services write them


def rows_of(clinic: Clinic) -> dict[str, Any]:
    entries = [
        {f: getattr(r, f) for f in COMPARED} for r in Availability.objects.filter(clinic=clinic)
    ]
    days = sorted(
        (d.day, d.resource.label if d.resource else "", tuple(map(tuple, d.hours)))
        for d in DayException.objects.filter(clinic=clinic).select_related("resource")
    )
    events = sorted(
        (e.action, e.what, e.actor_label != "") for e in AuditEvent.objects.filter(clinic=clinic)
    )
    return {"entries": entries, "days": days, "events": events}


def test_the_command_and_the_page_make_the_same_rows() -> None:
    by_command, by_page = clinic_make("CMD001", "コマンド"), clinic_make("PAGE01", "画面")
    closed, other = next_weekday(), next_weekday(weekday=3)
    call_command(
        "booking_hours",
        *("--clinic", by_command.code, "--label", "山田(医師)"),
        *("--week", "mon-fri 09:00-12:00 14:00-18:00; sat 09:00-12:00"),
        *("--slot", "20", "--buffer", "10", "--lead", "60", "--horizon", "14"),
        *("--change-until", "720", "--price", "1500", "--price-note", "初診料を含みます"),
        "--confirm-by-staff",
        "--open-on-holidays",
        *("--closed", closed.isoformat(), "--day", f"{other.isoformat()}=13:00-15:00"),
        stdout=StringIO(),
    )
    client = signed_in(by_page)
    fields = entry_fields(
        slot_minutes="20",
        buffer_minutes="10",
        lead_minutes="60",
        horizon_days="14",
        change_until_minutes="720",
        price_yen="1500",
        price_note="初診料を含みます",
        confirm_by_staff="on",
        open_on_holidays="on",
    )
    assert client.post("/clinic/hours/new/", fields).status_code == 302
    entry = Availability.objects.get(clinic=by_page)
    client.post("/clinic/hours/days/", {"day": closed.isoformat(), "kind": "closed"})
    one_day = {"day": other.isoformat(), "scope": str(entry.pk), "kind": "hours"}
    client.post("/clinic/hours/days/", one_day | {"opens1": "13:00", "closes1": "15:00"})
    made = rows_of(by_command)
    assert made["entries"] and len(made["days"]) == 2 and len(made["events"]) == 3
    assert rows_of(by_page) == made


def test_a_stop_by_the_command_and_one_by_the_page_make_the_same_row() -> None:
    by_command, by_page = clinic_make("CMD001", "コマンド"), clinic_make("PAGE01", "画面")
    for clinic in (by_command, by_page):
        availability(clinic, label="A", lead_minutes=120)
    call_command(
        "booking_hours",
        *("--clinic", by_command.code, "--label", "A", "--off"),
        stdout=StringIO(),
    )
    signed_in(by_page).post(
        f"/clinic/hours/{Availability.objects.get(clinic=by_page).pk}/", {"action": "stop"}
    )
    assert rows_of(by_page)["entries"] == rows_of(by_command)["entries"]
    assert not Availability.objects.filter(active=True).exists()


def slot_values(page: str) -> list[str]:
    return re.findall(r"/book/details/\?slot=(\d+-\d{12})", page)


def test_the_booking_pages_offer_what_the_hours_page_saved(client: Client) -> None:
    clinic = site_clinic()
    row = availability(clinic)
    week: list[list[list[str]]] = [[] for _ in range(7)]
    week[1] = [["13:00", "15:00"]]  # Tuesdays only, 13:00-15:00
    staff_client = signed_in(clinic)
    staff_client.post(f"/clinic/hours/{row.pk}/", entry_fields(week, slot_minutes="40"))
    offered = slot_values(client.get("/book/").content.decode())
    assert offered, "no free time offered"
    times = {value[-4:] for value in offered}
    assert times == {"1300", "1340", "1420"}  # 40-minute slots that end by 15:00
    tuesday = next_weekday()
    staff_client.post("/clinic/hours/days/", {"day": tuesday.isoformat(), "kind": "closed"})
    offered = slot_values(client.get("/book/").content.decode())
    assert not [v for v in offered if f"-{tuesday:%Y%m%d}" in v]
    staff_client.post(f"/clinic/hours/{row.pk}/", {"action": "stop"})
    assert slot_values(client.get("/book/").content.decode()) == []


def test_a_change_of_hours_moves_no_booking_and_lists_those_now_outside(clinic: Clinic) -> None:
    row = availability(clinic)
    day = next_weekday()
    morning = booked(row, at(day, "09:00"), name="山田 花子", key="morning-booking-0001")
    booked(row, at(day, "14:00"), name="田中 一郎", key="afternoon-booking-01")
    desk = signed_in(clinic)
    before = list(Booking.objects.order_by("pk").values_list("starts_at", "status"))
    week = entry_fields()
    week.update({"d1_opens1": "13:00", "d1_closes1": "18:00", "d1_opens2": "", "d1_closes2": ""})
    response = desk.post(f"/clinic/hours/{row.pk}/", week, follow=True)
    assert list(Booking.objects.order_by("pk").values_list("starts_at", "status")) == before
    page = response.content.decode()
    assert "これからの予約のうち1件が、いまの受付時間から外れています。" in page
    assert f'data-booking="{morning.booking.pk}"' in page
    assert "09:00–09:30" in page and "山田(医師)" in page
    assert "山田 花子" not in page and "田中 一郎" not in page  # no one is named
    assert f"/clinic/bookings/{morning.booking.pk}/" in page  # reception opens it to phone


def test_a_closed_day_lists_that_day_s_bookings_and_the_admin_gets_no_link(
    clinic: Clinic,
) -> None:
    row = availability(clinic)
    day = next_weekday()
    made = booked(row, at(day, "14:00"), key="afternoon-booking-01")
    signed_in(clinic).post("/clinic/hours/days/", {"day": day.isoformat(), "kind": "closed"})
    page = signed_in(clinic, Role.ADMIN, "管理").get("/clinic/hours/").content.decode()
    assert f'data-booking="{made.booking.pk}"' in page
    assert f"/clinic/bookings/{made.booking.pk}/" not in page
    assert "連絡先は、受付が予約の一覧で確かめられます。" in page
    DayException.objects.all().delete()
    page = signed_in(clinic).get("/clinic/hours/").content.decode()
    assert "受付時間から外れたこれからの予約はありません。" in page
