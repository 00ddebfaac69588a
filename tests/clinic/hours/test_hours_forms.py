"""Bad hours are refused at their field, in Japanese, by the core's own rules, and nothing is
saved: a slot of 2 minutes, overlapping periods, a period ending before it starts or given only
half, a negative cost, a name already used; and a past or empty day on the closed-day form."""

from __future__ import annotations

import re

import pytest

from clinic.booking.factories import availability
from hizakoshi.care.booking import number_limits
from hizakoshi.clinic.hours.forms import AvailabilityForm
from hizakoshi.clinic.models import AuditEvent, Availability, Clinic, DayException

from .helpers import WEEK, entry_fields, signed_in

pytestmark = pytest.mark.django_db


def errors_of(page: str) -> list[str]:
    return re.findall(r'<span class="error"[^>]*>([^<]*)</span>', page)


def refused(clinic: Clinic, url: str, fields: dict[str, str]) -> list[str]:
    response = signed_in(clinic).post(url, fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert "保存していません。下の印のある欄を確かめてください。" in page
    return errors_of(page)


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"slot_minutes": "2"}, "5から240までの数を入れてください。"),
        ({"horizon_days": "400"}, "1から365までの数を入れてください。"),
        ({"lead_minutes": "-1"}, "0から20160までの数を入れてください。"),
        ({"d2_opens2": "11:00", "d2_closes2": "13:00"}, "水曜日: この日の時間帯が重なっています。"),
        (
            {"d0_opens1": "12:00", "d0_closes1": "09:00"},
            "月曜日: 終わりの時刻は、始まりの時刻より後に",
        ),
        ({"d6_opens1": "10:00"}, "日曜日: 始まりと終わりの時刻を両方入れるか"),
        (
            {"d6_opens1": "25:00", "d6_closes1": "26:00"},
            "日曜日: 時刻は 09:00 のように入れてください。",
        ),
        ({"price_yen": "-100"}, "0以上の数を入れてください。"),
        ({"change_until_minutes": "-1"}, "0以上の数を入れてください。"),
        ({"slot_minutes": "abc"}, "整数"),
        ({"label": ""}, "スタッフや部屋の名前を入れてください。"),
    ],
)
def test_bad_hours_are_said_at_their_field_and_nothing_is_saved(
    clinic: Clinic, changes: dict[str, str], said: str
) -> None:
    errors = refused(clinic, "/clinic/hours/new/", entry_fields(**changes))
    assert any(said in e for e in errors), errors
    assert not Availability.objects.exists() and not AuditEvent.objects.exists()


def test_the_limits_said_are_the_core_s() -> None:
    low, high = number_limits("slot_minutes")
    form = AvailabilityForm(entry_fields(slot_minutes=str(high + 1)))
    assert not form.is_valid()
    assert form.errors["slot_minutes"] == [f"{low}から{high}までの数を入れてください。"]
    assert AvailabilityForm(entry_fields(slot_minutes=str(high))).is_valid()


def test_a_name_already_used_is_refused_on_adding_and_on_renaming(clinic: Clinic) -> None:
    availability(clinic, label="山田(医師)")
    other = availability(clinic, label="相談室1")
    said = "この名前は、このクリニックのほかのスタッフ・部屋で使われています。"
    assert said in refused(clinic, "/clinic/hours/new/", entry_fields())[0]
    assert said in refused(clinic, f"/clinic/hours/{other.pk}/", entry_fields())[0]
    assert sorted(Availability.objects.values_list("label", flat=True)) == ["山田(医師)", "相談室1"]


def test_another_clinic_may_use_the_same_name(clinic: Clinic, other_clinic: Clinic) -> None:
    availability(other_clinic, label="山田(医師)")
    assert signed_in(clinic).post("/clinic/hours/new/", entry_fields()).status_code == 302


def test_times_typed_in_full_width_digits_are_read(clinic: Clinic) -> None:
    week = [[] for _ in range(7)]
    week[0] = [["０９：００", "１２：００"]]
    signed_in(clinic).post("/clinic/hours/new/", entry_fields(week))
    assert Availability.objects.get().weekly[0] == [["09:00", "12:00"]]


def test_the_error_page_keeps_what_was_typed(clinic: Clinic) -> None:
    response = signed_in(clinic).post(
        "/clinic/hours/new/", entry_fields(slot_minutes="2", label="相談室2")
    )
    page = response.content.decode()
    assert 'value="相談室2"' in page and 'value="14:00"' in page


def test_a_day_with_three_periods_shows_them_all_and_keeps_them(clinic: Clinic) -> None:
    three = [["08:00", "09:00"], ["10:00", "11:00"], ["13:00", "14:00"]]
    row = availability(clinic, weekly=[three, *WEEK[1:]])
    client = signed_in(clinic)
    page = client.get(f"/clinic/hours/{row.pk}/").content.decode()
    assert 'name="d0_opens3"' in page and 'value="13:00"' in page
    fields = entry_fields([three, *WEEK[1:]], slot_minutes="20")
    assert client.post(f"/clinic/hours/{row.pk}/", fields).status_code == 302
    row.refresh_from_db()
    assert row.weekly[0] == three and row.slot_minutes == 20


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"day": "2020-01-01", "kind": "closed"}, "今日以降の日を選んでください。"),
        ({"day": "29/12", "kind": "closed"}, "2026-12-29 のように日付を入れてください。"),
        (
            {"day": "2099-01-06", "kind": "hours"},
            "その日の時間を入れるか、「終日休み」を選んでください。",
        ),
        (
            {"day": "2099-01-06", "kind": "hours", "opens1": "12:00", "closes1": "10:00"},
            "終わりの時刻は、始まりの時刻より後にしてください。",
        ),
        ({"day": "2099-01-06", "kind": "closed", "scope": "999"}, "一覧から選んでください。"),
        ({"day": "2099-01-06", "kind": "sometimes"}, "一覧から選んでください。"),
    ],
)
def test_a_bad_day_is_said_at_its_field_and_nothing_is_saved(
    clinic: Clinic, fields: dict[str, str], said: str
) -> None:
    errors = refused(clinic, "/clinic/hours/days/", fields)
    assert any(said in e for e in errors), errors
    assert not DayException.objects.exists() and not AuditEvent.objects.exists()
