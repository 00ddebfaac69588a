"""Booking from a result page, Today and an escalation, by anyone: the way in, the form with
its Japanese messages, and the private manage page (move, cancel)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from answers import ANSWERS, triggering
from hizakoshi.clinic.models import Booking, Clinic
from people import linked, person

from .factories import at, availability, booked, next_weekday, site_clinic
from .helpers import DETAILS, book, first_slot, form_fields, open_form, result_state

pytestmark = pytest.mark.django_db
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture
def clinic() -> Clinic:
    """The site's own clinic, offered to everyone, taking bookings."""
    found = site_clinic()
    availability(found, lead_minutes=120, change_until_minutes=60)
    return found


def result_page(client: Client, answers: dict[str, object]) -> str:
    from hizakoshi.selfcheck.flow import STATE_COOKIE

    client.cookies[STATE_COOKIE] = result_state(answers)
    client.cookies[STATE_COOKIE]["path"] = "/check/"
    page = client.get("/check/result/")
    assert page.status_code == 200
    return page.content.decode()


def test_a_result_offers_the_clinic_and_a_booking_button(client: Client, clinic: Clinic) -> None:
    page = result_page(client, ANSWERS)
    assert "ひざこし整形外科" in page
    assert "相談を予約する" in page
    assert page.index("相談を予約する") < page.index('id="save-title"')


@pytest.mark.parametrize("rule", ["hot_knee_recent", "knee_locking"])
def test_on_a_same_day_or_within_days_result_the_phone_number_comes_first(
    client: Client, clinic: Clinic, rule: str
) -> None:
    page = result_page(client, triggering(rule))
    card = page[page.index('id="booking-offer-title"') :]
    assert card.index('href="tel:03-1234-5678"') < card.index("相談を予約する")


def test_an_emergency_result_offers_no_booking(client: Client, clinic: Clinic) -> None:
    page = result_page(client, ANSWERS | {"urgent_signs": ["bladder_bowel"]})
    assert "119" in page
    assert "相談を予約する" not in page


def test_without_a_clinic_the_result_offers_nothing_and_the_page_says_to_phone(
    client: Client,
) -> None:
    assert "相談を予約する" not in result_page(client, ANSWERS)
    page = client.get("/book/").content.decode()
    assert "整形外科にお電話ください" in page


def test_a_clinic_without_online_bookings_gives_its_phone_number(client: Client) -> None:
    site_clinic()
    page = client.get("/book/").content.decode()
    assert "お電話でご予約ください" in page and 'href="tel:03-1234-5678"' in page


def test_times_read_as_month_day_weekday_and_clock(client: Client, clinic: Clinic) -> None:
    page = client.get("/book/").content.decode()
    assert re.search(r'aria-label="\d{1,2}月\d{1,2}日\([月火水木金土日]\) \d\d:\d\d"', page)


def test_the_price_is_a_plain_fact_even_when_it_is_zero(client: Client, clinic: Clinic) -> None:
    page = client.get("/book/").content.decode()
    line = next(li for li in re.findall(r"<li>[^<]*</li>", page) if "費用" in li)
    assert line == "<li>費用: 0円</li>"
    assert "無料" not in page


def test_booking_from_a_result_attaches_that_result_when_chosen(
    client: Client, clinic: Clinic
) -> None:
    client.post("/book/", {"state": result_state(triggering("knee_locking"))})
    page = open_form(client)
    assert "このセルフチェックの結果を付ける" in page
    response = client.post("/book/details/", form_fields(page) | DETAILS | {"attach": "yes"})
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.selfcheck is not None
    assert booking.selfcheck["source"] == "selfcheck"
    assert booking.selfcheck["assessment"]["triage"]["urgency"] == "within_days"
    assert "hizakoshi_book" not in client.cookies or not client.cookies["hizakoshi_book"].value


def test_nothing_is_attached_unless_the_person_ticks_it(client: Client, clinic: Clinic) -> None:
    client.post("/book/", {"state": result_state()})
    assert book(client).status_code == 302
    assert Booking.objects.get().selfcheck is None


def test_a_tampered_result_is_simply_not_offered(client: Client, clinic: Clinic) -> None:
    client.post("/book/", {"state": result_state()[:-3] + "xyz"})
    assert "このセルフチェックの結果を付ける" not in open_form(client)


def test_a_booking_leads_to_its_private_page_saying_it_is_made(
    client: Client, clinic: Clinic
) -> None:
    response = book(client)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "予約を受け付けました" in page
    assert "hanako.yamada@example.jp に確認のメール" in page
    assert "日時を変更する" in page and "予約を取り消す" in page


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": " "}, "name", "お名前を入力してください"),
        ({"name": "あ" * 61}, "name", "60文字以内"),
        ({"name_kana": ""}, "name_kana", "ふりがなを入力してください"),
        ({"name_kana": "Yamada"}, "name_kana", "ひらがなかカタカナだけ"),
        ({"phone": "12345"}, "phone", "10桁か11桁"),
        ({"email": "hanako@"}, "email", "hanako@example.jp のような形"),
        ({"phone": "", "email": ""}, "phone", "電話番号かメールアドレスを入力"),
        ({"contact_by": "fax"}, "contact_by", "連絡方法を選んで"),
        ({"contact_by": "phone", "phone": ""}, "phone", "電話番号を入力してください"),
        ({"contact_by": "email", "email": ""}, "email", "メールアドレスを入力してください"),
        ({"message": "あ" * 1001}, "message", "1000文字以内"),
        ({"consent": ""}, "consent", "同意のチェックを入れてください"),
        ({"starts_at": "tomorrow"}, "when", "一覧から時間を選んでください"),
    ],
)
def test_each_field_s_mistake_is_said_in_japanese_and_nothing_typed_is_lost(
    client: Client, clinic: Clinic, changes: dict[str, str], field: str, words: str
) -> None:
    response = book(client, **changes)
    assert response.status_code == 200
    page = response.content.decode()
    begins = page.index('class="error-summary"')
    summary = page[begins : page.index("</div>", begins)]
    assert words in summary and f'href="#{"when" if field == "when" else "id_" + field}"' in summary
    assert JAPANESE.search(summary)
    kept = {k: v for k, v in DETAILS.items() if k not in changes and k in ("name", "email")}
    for value in kept.values():
        assert f'value="{value}"' in page
    assert Booking.objects.count() == 0


def test_a_full_width_phone_number_and_katakana_are_accepted(
    client: Client, clinic: Clinic
) -> None:
    response = book(client, phone="０９０−１２３４−５６７８", name_kana="ヤマダ　ハナコ")
    assert response.status_code == 302, re.findall(
        r"error-message[^>]*>(.*?)</p>", response.content.decode()
    )
    booking = Booking.objects.get()
    assert (booking.phone, booking.name_kana) == ("09012345678", "ヤマダ ハナコ")


def test_a_slot_taken_meanwhile_says_so_offers_the_next_and_keeps_what_was_typed(
    client: Client, clinic: Clinic
) -> None:
    page = open_form(client)
    fields = form_fields(page)
    resource = clinic.availabilities.get()
    from datetime import datetime

    booked(resource, datetime.fromisoformat(fields["starts_at"]), key="someone-else-first")
    response = client.post("/book/details/", fields | DETAILS | {"message": "よろしく"})
    again = response.content.decode()
    assert "たった今ほかの方の予約が入りました" in again
    assert "よろしく" in again and 'value="山田 花子"' in again
    picked = re.findall(r'name="pick" value="([\d-]+)"', again)
    assert len(picked) == 3
    done = client.post("/book/details/", form_fields(again) | DETAILS | {"pick": picked[0]})
    assert done.status_code == 302
    assert Booking.objects.count() == 2


def test_a_double_tap_makes_one_booking_and_both_taps_reach_it(
    client: Client, clinic: Clinic
) -> None:
    page = open_form(client)
    data = form_fields(page) | DETAILS
    first = client.post("/book/details/", data)
    second = client.post("/book/details/", data)
    assert first["Location"] == second["Location"]
    assert Booking.objects.count() == 1


def test_a_signed_in_person_finds_their_details_filled_in_and_the_booking_is_theirs(
    client: Client,
) -> None:
    own = site_clinic()
    availability(own)
    hanako = person("hanako@example.jp")
    linked(hanako, own)
    client.force_login(hanako)
    page = open_form(client)
    assert 'value="hanako@example.jp"' in page and 'value="佐藤 花子"' in page
    response = client.post(
        "/book/details/",
        form_fields(page)
        | {
            "name": "佐藤 花子",
            "name_kana": "サトウ ハナコ",
            "email": "hanako@example.jp",
            "contact_by": "email",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert Booking.objects.get().person == hanako


def test_a_person_linked_with_another_clinic_books_with_that_clinic(
    client: Client, other_clinic: Clinic
) -> None:
    site_clinic()
    availability(other_clinic)
    hanako = person("hanako@example.jp")
    linked(hanako, other_clinic)
    client.force_login(hanako)
    assert "となりの整形外科" in client.get("/book/").content.decode()


# --- the private manage page -------------------------------------------------------------


def test_cancelling_from_the_private_link_frees_the_slot(client: Client, clinic: Clinic) -> None:
    made = booked(clinic.availabilities.get(), at(next_weekday(), "09:00"))
    url = f"/book/m/{made.token}/"
    assert "予約を取り消しますか" in client.get(url + "cancel/").content.decode()
    response = client.post(url + "cancel/")
    assert response["Location"] == url + "?cancelled=1"
    assert "予約を取り消しました" in client.get(response["Location"]).content.decode()
    assert Booking.objects.get().status == "cancelled"
    assert first_slot(client.get("/book/").content.decode())


def test_moving_from_the_private_link_keeps_the_booking_and_its_link(
    client: Client, clinic: Clinic
) -> None:
    day = next_weekday()
    made = booked(clinic.availabilities.get(), at(day, "09:00"))
    url = f"/book/m/{made.token}/move/"
    page = client.get(url).content.decode()
    new = re.findall(r'name="pick" value="([\d-]+)"', page)[3]
    response = client.post(url, {"pick": new})
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.starts_at != at(day, "09:00") and booking.ics_sequence == 1
    assert client.get(f"/book/m/{made.token}/").status_code == 200


def test_a_move_without_a_choice_or_to_a_taken_time_is_refused_in_japanese(
    client: Client, clinic: Clinic
) -> None:
    day = next_weekday()
    resource = clinic.availabilities.get()
    made = booked(resource, at(day, "09:00"))
    booked(resource, at(day, "10:00"), key="another-booking-key-2", name="田中 一郎")
    url = f"/book/m/{made.token}/move/"
    assert "一覧から時間を選んでください" in client.post(url, {}).content.decode()
    taken = f"{resource.pk}-{at(day, '10:00'):%Y%m%d%H%M}"
    assert (
        "たった今ほかの方の予約が入りました" in client.post(url, {"pick": taken}).content.decode()
    )
    assert Booking.objects.get(pk=made.booking.pk).starts_at == at(day, "09:00")


def test_after_the_clinic_s_cutoff_the_page_says_to_phone_and_changes_nothing(
    client: Client, clinic: Clinic
) -> None:
    resource = clinic.availabilities.get()
    resource.change_until_minutes = 60 * 24 * 20
    resource.save()
    made = booked(resource, at(next_weekday(), "09:00"))
    page = client.get(f"/book/m/{made.token}/").content.decode()
    assert "クリニックにお電話ください" in page and "予約を取り消す" not in page
    client.post(f"/book/m/{made.token}/cancel/")
    client.post(f"/book/m/{made.token}/move/", {"pick": "1-209901010900"})
    assert Booking.objects.get().status == "confirmed"


def test_a_wrong_or_short_link_shows_nothing(client: Client, clinic: Clinic) -> None:
    booked(clinic.availabilities.get(), at(next_weekday(), "09:00"))
    assert client.get("/book/m/" + "A" * 43 + "/").status_code == 404
    assert client.get("/book/m/short/").status_code == 404


def test_the_page_of_a_past_day_cannot_be_moved_to(client: Client, clinic: Clinic) -> None:
    made = booked(clinic.availabilities.get(), at(next_weekday(), "09:00"))
    yesterday = timezone.localdate() - timedelta(days=1)
    past = f"{clinic.availabilities.get().pk}-{at(yesterday, '09:00'):%Y%m%d%H%M}"
    page = client.post(f"/book/m/{made.token}/move/", {"pick": past}).content.decode()
    assert "この時間はもう過ぎています" in page


def test_today_and_a_message_to_see_a_doctor_lead_to_booking_with_the_person_s_clinic(
    client: Client, other_clinic: Clinic
) -> None:
    from hizakoshi.journey.models import Escalation
    from journey.factories import with_records

    hanako = with_records(person("hanako@example.jp"))
    linked(hanako, other_clinic)
    availability(other_clinic)
    client.force_login(hanako)
    today = client.get("/me/today/").content.decode()
    assert "相談を予約する" in today and "となりの整形外科" in today
    message = Escalation.objects.filter(person=hanako).first()
    assert message is not None
    page = client.get(f"/me/escalations/{message.pk}/").content.decode()
    assert "相談を予約する" in page
    assert 'action="/book/"' in page


def test_today_adds_nothing_when_the_clinic_takes_no_online_bookings(
    client: Client, other_clinic: Clinic
) -> None:
    from journey.factories import with_records

    hanako = with_records(person("hanako@example.jp"))
    linked(hanako, other_clinic)
    client.force_login(hanako)
    assert "相談を予約する" not in client.get("/me/today/").content.decode()
