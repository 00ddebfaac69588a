"""The clinic's notices under concurrency: people booking, moving and cancelling at the same
moment while the job runs too get one notice per change and one e-mail per notice, with no
error; and the job started on several servers at once (or beside the first send) sends each
notice once.

Threads against the real test database (a file on SQLite, the server on PostgreSQL with
scripts/with-postgres.sh), each with its own connection, released together by a barrier."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from io import StringIO
from typing import Any, TypeVar

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connections
from django.utils import timezone
from pytest_django.fixtures import Settings

from hizakoshi.clinic.booking.notices import notice_send
from hizakoshi.clinic.booking.services import booking_cancel, booking_move
from hizakoshi.clinic.models import BookingNotice, Clinic, ReminderStatus

from .factories import at, availability, booked, next_weekday, site_clinic

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8
RECEPTION = "uketsuke@clinic.example.com"
TIMES = ("09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "14:00", "14:30")
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # never run
T = TypeVar("T")


def all_at_once(work: Callable[[int], T]) -> list[T | BaseException]:
    """work(thread) in THREADS threads released together; each result or the error it raised."""
    start = threading.Barrier(THREADS)

    def one(thread: int) -> T | BaseException:
        try:
            start.wait()
            return work(thread)
        except Exception as problem:  # every outcome counts, whatever it is
            return problem
        finally:
            connections.close_all()

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(one, range(THREADS)))


def notices_mailed() -> list[Any]:
    return [m for m in mail.outbox if m.to == [RECEPTION]]


def run_job() -> str:
    out = StringIO()
    call_command("send_booking_notices", stdout=out)
    return out.getvalue()


@pytest.fixture
def clinic() -> Clinic:
    found = site_clinic(booking_email=RECEPTION)
    availability(found)
    return found


def test_people_changing_bookings_at_once_each_change_tells_the_clinic_once(
    clinic: Clinic, settings: Settings
) -> None:
    settings.TASKS = IMMEDIATE
    doctor = clinic.availabilities.get()
    first = next_weekday()
    later = next_weekday(first)

    def one_person(n: int) -> str:
        made = booked(doctor, at(first, TIMES[n]), key=f"racing-person-{n:02d}-key")
        moved = booking_move(
            booking=made.booking,
            resource_id=doctor.pk,
            starts_at=at(later, TIMES[n]),
            now=timezone.now(),
            by_staff=False,
        )
        if n % 2 == 0:
            booking_cancel(booking=moved, now=timezone.now(), by_staff=False)
        return run_job()  # the job runs meanwhile, as cron on another server would

    outcomes = all_at_once(one_person)
    errors = [o for o in outcomes if isinstance(o, BaseException)]
    assert errors == []
    kinds = Counter(BookingNotice.objects.values_list("kind", flat=True))
    assert kinds == {"created": THREADS, "moved": THREADS, "cancelled": THREADS // 2}
    rows = BookingNotice.objects.all()
    assert {(r.mail_status, r.attempts) for r in rows} == {(ReminderStatus.SENT, 1)}
    assert len(notices_mailed()) == rows.count()


def test_the_job_started_on_every_server_at_once_sends_each_notice_once(
    clinic: Clinic, settings: Settings
) -> None:
    settings.TASKS = QUEUED  # booked, but the first send never ran (a queue lost it)
    doctor = clinic.availabilities.get()
    day = next_weekday()
    for n, clock in enumerate(TIMES[:5]):
        booked(doctor, at(day, clock), key=f"waiting-notice-{n:02d}-key")
    assert BookingNotice.objects.filter(mail_status=ReminderStatus.PENDING).count() == 5
    assert notices_mailed() == []
    settings.TASKS = IMMEDIATE
    outcomes = all_at_once(lambda thread: run_job())
    assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes
    sent = sum(int(str(o).split()[1]) for o in outcomes)
    assert sent == 5
    assert len(notices_mailed()) == 5
    assert len({m.body for m in notices_mailed()}) == 5  # five notices, none twice
    rows = BookingNotice.objects.all()
    assert {(r.mail_status, r.attempts) for r in rows} == {(ReminderStatus.SENT, 1)}


def test_one_notice_sent_from_every_thread_at_once_goes_once(
    clinic: Clinic, settings: Settings
) -> None:
    settings.TASKS = QUEUED
    booked(clinic.availabilities.get(), at(next_weekday(), "09:00"))
    notice = BookingNotice.objects.get()
    outcomes = all_at_once(lambda thread: notice_send(notice_id=notice.pk, now=timezone.now()))
    assert Counter(outcomes) == {"sent": 1, "skipped": THREADS - 1}
    assert len(notices_mailed()) == 1
