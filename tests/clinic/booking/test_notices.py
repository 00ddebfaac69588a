"""The clinic told by e-mail when a person books (on the page or through the API), moves or
cancels from their private link: one plain e-mail per change, Japanese first, with the date in
words, the staff member or room, the state and a link to that day's calendar, and never the
person's name, contact, message or health. Staff's own changes tell nobody; a clinic without an
address gets nothing; a mail server that is down never costs the booking, and the job sends the
notice later, once."""

from __future__ import annotations

import importlib
import json
import re
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from answers import triggering
from hizakoshi.care.booking import MAX_NOTICE_ATTEMPTS
from hizakoshi.care.dates import long_date_en, long_date_ja
from hizakoshi.clinic.booking.notices import notice_send
from hizakoshi.clinic.booking.presenters import selfcheck_summary
from hizakoshi.clinic.models import Booking, BookingNotice, Clinic, ReminderStatus
from hizakoshi.site.templatetags.dates import WEEKDAYS_EN, WEEKDAYS_JA
from people import staff, staff_login

from .factories import at, availability, booked, next_weekday, site_clinic
from .helpers import DETAILS, book, form_fields, open_form, result_state

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]
RECEPTION = "uketsuke@clinic.example.com"
MESSAGE = "右のひざが痛くて、階段がつらいです"


@pytest.fixture
def clinic() -> Clinic:
    """The site's own clinic, told of bookings at its reception's address."""
    found = site_clinic(booking_email=RECEPTION)
    availability(found, lead_minutes=120, change_until_minutes=60)
    return found


@pytest.fixture
def commits(django_capture_on_commit_callbacks: Capture) -> Callable[[], Any]:
    """`with commits():` runs what the block queued for after its commit, as a real commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def notices() -> list[Any]:
    return [m for m in mail.outbox if m.to == [RECEPTION]]


def run_job() -> str:
    out = StringIO()
    call_command("send_booking_notices", stdout=out)
    return out.getvalue()


def japanese_when(booking: Booking) -> str:
    local = timezone.localtime(booking.starts_at)
    return f"{long_date_ja(local.date())}({WEEKDAYS_JA[local.weekday()]}) {local:%H:%M}"


def withheld(booking: Booking) -> list[str]:
    """What the e-mail must not carry: the person, how to reach them, their message and
    every word of the self-check the clinic's clinicians see."""
    words = [booking.name, booking.name_kana, booking.phone, booking.email, booking.message]
    summary = selfcheck_summary(booking.selfcheck, "ja") or {}
    for key in ("urgency_label", "headline", "pattern", "likelihood", "first"):
        words.append(summary.get(key, ""))
    words += summary.get("signs", [])
    return [str(w) for w in words if w]


def test_a_booking_on_the_page_tells_the_clinic_once_without_name_or_health(
    client: Client, clinic: Clinic, commits: Callable[[], Any]
) -> None:
    client.post("/book/", {"state": result_state(triggering("knee_locking"))})
    page = open_form(client)
    with commits():
        response = client.post(
            "/book/details/",
            form_fields(page) | DETAILS | {"attach": "yes", "message": MESSAGE},
        )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.selfcheck is not None and booking.message == MESSAGE
    (notice,) = notices()
    body = notice.body
    assert notice.subject.startswith(f"相談の予約が入りました: {japanese_when(booking)}")
    assert body.index("相談の予約が入りました。") < body.index("A consultation was booked.")
    assert f"日時: {japanese_when(booking)}" in body
    local = timezone.localtime(booking.starts_at)
    english = f"{WEEKDAYS_EN[local.weekday()]} {long_date_en(local.date())} {local:%H:%M}"
    assert f"When: {english}" in body
    assert "担当: 山田(医師)" in body and "状態: 確定" in body
    day = timezone.localdate(booking.starts_at).isoformat()
    assert f"/clinic/bookings/?view=day&day={day}" in body
    assert f"/clinic/bookings/{booking.pk}/" in body
    found = [w for w in withheld(booking) if w in body or w in notice.subject]
    assert found == []
    assert not re.search(r"痛|しびれ|セルフチェック|urgent|knee", body, re.IGNORECASE)
    assert notice.attachments == []
    row = BookingNotice.objects.get()
    assert (row.kind, row.mail_status, row.attempts) == ("created", ReminderStatus.SENT, 1)


def test_a_booking_waiting_for_the_clinic_says_so(
    client: Client, commits: Callable[[], Any]
) -> None:
    availability(site_clinic(booking_email=RECEPTION), confirm_by_staff=True, lead_minutes=120)
    with commits():
        assert book(client).status_code == 302
    (notice,) = notices()
    assert "状態: 確認待ち(予約表で確定してください)" in notice.body


def test_an_api_booking_tells_the_clinic_once_and_its_retry_not_again(
    client: Client, clinic: Clinic, commits: Callable[[], Any]
) -> None:
    body = {
        "resource": clinic.availabilities.get().pk,
        "starts_at": at(next_weekday(), "10:00").isoformat(),
        "name": "山田 花子",
        "name_kana": "やまだ はなこ",
        "phone": "09012345678",
        "contact_by": "phone",
        "consent": True,
    }
    key = str(uuid.uuid4())
    codes = []
    for _ in range(2):  # the app's retry after a lost answer
        with commits():
            codes.append(
                client.post(
                    f"/api/v1/clinics/{clinic.pk}/bookings",
                    data=json.dumps(body),
                    content_type="application/json",
                    headers={"Idempotency-Key": key},
                ).status_code
            )
    assert codes == [201, 200]
    (notice,) = notices()
    assert "相談の予約が入りました。" in notice.body
    assert "山田 花子" not in notice.body and "09012345678" not in notice.body


def test_moving_and_cancelling_from_the_private_link_each_tell_the_clinic(
    client: Client, clinic: Clinic, commits: Callable[[], Any]
) -> None:
    day = next_weekday()
    with commits():
        made = booked(clinic.availabilities.get(), at(day, "09:00"))
    before = japanese_when(made.booking)
    url = f"/book/m/{made.token}/"
    with commits():
        moving = client.post(
            url + "move/", {"pick": f"{made.booking.resource_id}-{day:%Y%m%d}1400"}
        )
    assert moving.status_code == 302
    moved = Booking.objects.get()
    assert timezone.localtime(moved.starts_at).hour == 14
    with commits():
        assert client.post(url + "cancel/").status_code == 302
    created, move, cancel = notices()
    assert "相談の予約が入りました。" in created.body
    assert "予約した方が、ご自分で相談の日時を変えました。" in move.body
    assert f"日時: {japanese_when(moved)}" in move.body
    assert f"変更前: {before}(山田(医師))" in move.body
    assert move.subject.startswith("相談の予約の日時が変わりました")
    assert "この時間は空きに戻りました" in cancel.body and "状態: 取り消し" in cancel.body
    kinds = list(BookingNotice.objects.order_by("sequence").values_list("kind", "sequence"))
    assert kinds == [("created", 0), ("moved", 1), ("cancelled", 2)]


def test_staff_s_own_changes_send_the_clinic_nothing(
    commits: Callable[[], Any],
) -> None:
    clinic = site_clinic(booking_email=RECEPTION)
    doctor = availability(clinic, confirm_by_staff=True)
    day = next_weekday()
    with commits():
        made = booked(doctor, at(day, "09:00"))
    assert len(notices()) == 1
    client = staff_login(Client(), staff("reception@clinic.example.jp", clinic, role="reception"))
    url = f"/clinic/bookings/{made.booking.pk}/"
    with commits():
        client.post(url, {"action": "confirm"})
        client.post(url + "move/", {"pick": f"{doctor.pk}-{day:%Y%m%d}1100"})
        client.post(url, {"action": "cancel"})
    booking = Booking.objects.get()
    assert (booking.status, booking.ics_sequence) == ("cancelled", 3)  # all three were done
    assert len(notices()) == 1  # only the person's booking
    assert BookingNotice.objects.count() == 1
    page = client.get(url).content.decode()
    assert "クリニックへのお知らせメール" in page and "ご本人が予約" in page


def test_a_clinic_without_an_address_is_sent_nothing(
    client: Client, commits: Callable[[], Any]
) -> None:
    availability(site_clinic(), lead_minutes=120, change_until_minutes=60)
    with commits():
        assert book(client).status_code == 302
    assert BookingNotice.objects.count() == 0
    assert [m.to for m in mail.outbox] == [[DETAILS["email"]]]  # the person's own e-mail only


def test_an_address_taken_away_before_the_send_sends_nothing(clinic: Clinic) -> None:
    booked(clinic.availabilities.get(), at(next_weekday(), "09:00"))  # not committed: not sent
    Clinic.objects.filter(pk=clinic.pk).update(booking_email="")
    assert "Sent 0" in run_job()
    assert notices() == []
    assert BookingNotice.objects.get().mail_status == ReminderStatus.NONE


@pytest.fixture
def mail_down(settings: Settings) -> Iterator[Settings]:
    settings.EMAIL_BACKEND = "tests_broken_mail.Backend"
    yield settings


def test_a_mail_server_that_is_down_costs_nothing_and_the_job_sends_the_notice_later(
    client: Client, clinic: Clinic, commits: Callable[[], Any], mail_down: Settings
) -> None:
    with commits():
        response = book(client)
    assert response.status_code == 302  # booked all the same
    assert Booking.objects.count() == 1
    row = BookingNotice.objects.get()
    assert (row.mail_status, row.attempts, row.claimed_at) == (ReminderStatus.FAILED, 1, None)
    assert "refused" in row.error
    with pytest.raises(CommandError, match="1 booking notice"):
        run_job()  # still down: cron is told
    mail_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "Sent 1 booking notice(s)" in run_job()
    assert "Sent 0" in run_job()  # a second run, or a second server
    assert len(notices()) == 1
    row.refresh_from_db()
    assert (row.mail_status, row.attempts, row.error) == (ReminderStatus.SENT, 3, "")


def test_a_notice_is_given_up_after_the_core_s_tries_or_once_the_consultation_began(
    clinic: Clinic, mail_down: Settings
) -> None:
    starts = at(next_weekday(), "09:00")
    booked(clinic.availabilities.get(), starts)
    booked(clinic.availabilities.get(), starts + timedelta(hours=1), key="second-booking-key")
    first = BookingNotice.objects.order_by("pk").first()
    assert first is not None
    for _ in range(MAX_NOTICE_ATTEMPTS):
        assert notice_send(notice_id=first.pk, now=timezone.now()) == "failed"
    assert notice_send(notice_id=first.pk, now=timezone.now()) == "skipped"
    mail_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(starts + timedelta(hours=1, minutes=1), tick=False):
        assert "Sent 0" in run_job()  # the second is not due: its consultation has begun
    assert "Sent 1" in run_job()  # the first is given up, the second still goes
    first.refresh_from_db()
    assert (first.mail_status, first.attempts) == (ReminderStatus.FAILED, MAX_NOTICE_ATTEMPTS)
    (notice,) = notices()
    assert notice.body.count("10:00") == 2  # the second booking's, in both languages


def test_a_notice_sent_is_not_sent_again_by_the_task_or_the_job(clinic: Clinic) -> None:
    booked(clinic.availabilities.get(), at(next_weekday(), "09:00"))  # not committed: not sent
    row = BookingNotice.objects.get()
    assert notice_send(notice_id=row.pk, now=timezone.now()) == "sent"
    assert notice_send(notice_id=row.pk, now=timezone.now()) == "skipped"
    assert "Sent 0" in run_job()
    assert len(notices()) == 1


def test_a_failed_notice_shows_on_the_staff_booking_page(clinic: Clinic) -> None:
    made = booked(clinic.availabilities.get(), at(next_weekday(), "09:00"))
    BookingNotice.objects.update(
        mail_status=ReminderStatus.FAILED, attempts=2, error="SMTPServerDisconnected: gone"
    )
    client = staff_login(Client(), staff("dr@clinic.example.jp", clinic))
    page = client.get(f"/clinic/bookings/{made.booking.pk}/").content.decode()
    assert "ご本人が予約: 送信失敗" in page and "SMTPServerDisconnected: gone" in page


def test_the_seeded_clinic_gets_the_address_from_the_settings(settings: Settings) -> None:
    migration = importlib.import_module("hizakoshi.clinic.migrations.0007_booking_notices")
    seeded = site_clinic()
    other = Clinic.objects.create(code="OTHER1", name="ほか", created_at=timezone.now())
    settings.HIZAKOSHI_CLINIC_BOOKING_EMAIL = RECEPTION
    migration.seed_booking_email(apps, None)
    seeded.refresh_from_db()
    other.refresh_from_db()
    assert (seeded.booking_email, other.booking_email) == (RECEPTION, "")
    settings.HIZAKOSHI_CLINIC_BOOKING_EMAIL = "changed@clinic.example.com"
    migration.seed_booking_email(apps, None)  # an address already given stays
    seeded.refresh_from_db()
    assert seeded.booking_email == RECEPTION
