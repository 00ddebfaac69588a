"""`hizakoshi booking_hours`: a clinic sets what it offers and its closed days; bad input is
refused with a message and exit code 2, changing nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from hizakoshi.clinic.models import Availability, Clinic, DayException

from .factories import next_weekday, site_clinic

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("booking_hours", *args, stdout=out)
    return out.getvalue()


def test_a_week_of_hours_is_stored_and_offered(client: Client) -> None:
    clinic = site_clinic()
    run(
        "--clinic",
        clinic.code,
        "--label",
        "山田(医師)",
        "--week",
        "mon-fri 09:00-12:00 14:00-18:00; sat 9:00-12:00",
        "--slot",
        "20",
        "--price",
        "0",
    )
    doctor = Availability.objects.get()
    assert doctor.weekly[0] == [["09:00", "12:00"], ["14:00", "18:00"]]
    assert doctor.weekly[5] == [["09:00", "12:00"]] and doctor.weekly[6] == []
    assert doctor.slot_minutes == 20 and doctor.price_yen == 0
    assert "09:20" in client.get("/book/").content.decode()


def test_the_same_label_is_changed_and_off_stops_bookings(client: Client) -> None:
    clinic = site_clinic()
    run("--clinic", clinic.code, "--label", "A", "--week", "mon-sun 09:00-10:00")
    run("--clinic", clinic.code, "--label", "A", "--lead", "0", "--off")
    assert Availability.objects.count() == 1
    assert not Availability.objects.get().active
    assert "お電話でご予約ください" in client.get("/book/").content.decode()


def test_closed_days_and_one_day_s_other_hours(client: Client) -> None:
    clinic = site_clinic()
    day = next_weekday()
    run(
        "--clinic",
        clinic.code,
        "--label",
        "A",
        "--week",
        "mon-fri 09:00-12:00",
        "--closed",
        day.isoformat(),
        "--day",
        f"{day.isoformat()}=13:00-14:00",
    )
    rows = {(r.resource_id is None, tuple(map(tuple, r.hours))) for r in DayException.objects.all()}
    assert rows == {(True, ()), (False, (("13:00", "14:00"),))}


@pytest.mark.parametrize(
    "args",
    [
        ["--clinic", "NOPE99", "--label", "A", "--week", "mon 09:00-10:00"],
        ["--label", "A", "--week", "funday 09:00-10:00"],
        ["--label", "A", "--week", "mon 9-10"],
        ["--label", "A", "--week", "mon 10:00-09:00"],
        ["--label", "A", "--week", "mon 09:00-11:00 10:00-12:00"],
        ["--label", "A", "--week", "mon 09:00-10:00", "--slot", "2"],
        ["--label", "A"],
        ["--closed", "29/12"],
    ],
)
def test_bad_input_is_refused_and_changes_nothing(args: list[str]) -> None:
    clinic: Clinic = site_clinic()
    full = args if "--clinic" in args else ["--clinic", clinic.code, *args]
    with pytest.raises(CommandError) as refused:
        run(*full)
    assert refused.value.returncode == 2
    assert not Availability.objects.exists() and not DayException.objects.exists()
