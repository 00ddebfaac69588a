"""Staff saving the same hours at the same moment, on the page and from the command line: every
save either wins cleanly or is told the hours changed meanwhile, no request fails, nothing is
half written, and the audit trail holds exactly the saves that were kept.

Threads against the real test database (a file on SQLite, the server on PostgreSQL with
scripts/with-postgres.sh), each with its own connection, started together by a barrier, as in
tests/clinic/plan/test_plan_concurrency.py."""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from clinic.booking.factories import availability, next_weekday
from hizakoshi.clinic.hours.selectors import fingerprint
from hizakoshi.clinic.hours.services import (
    COMMAND,
    ChangedMeanwhile,
    HoursRefused,
    availability_add,
    availability_change,
    day_remove,
    day_set,
)
from hizakoshi.clinic.models import AuditEvent, Availability, Clinic, DayException, Role
from people import staff, staff_login

from .helpers import WEEK, entry_fields

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 6
WRITES = 4


def run_together(work: Callable[[int, int], object]) -> tuple[list[object], list[BaseException]]:
    start = threading.Barrier(THREADS)
    outcomes: list[object] = []
    errors: list[BaseException] = []

    def one_thread(thread: int) -> None:
        try:
            start.wait()
            for n in range(WRITES):
                try:
                    outcomes.append(work(thread, n))
                except Exception as problem:  # every failure counts, whatever it is
                    errors.append(problem)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(one_thread, range(THREADS)))
    return outcomes, errors


def slot_of(thread: int, n: int) -> int:
    return 40 + thread * WRITES + n  # a different length for every write (not the 30 stored)


def test_saves_without_a_fingerprint_queue_up_and_the_last_one_wins(clinic: Clinic) -> None:
    row = availability(clinic)

    def save(thread: int, n: int) -> int:
        availability_change(
            clinic=clinic,
            availability_id=row.pk,
            values={"slot_minutes": slot_of(thread, n)},
            actor=COMMAND,
            now=timezone.now(),
        )
        return slot_of(thread, n)

    outcomes, errors = run_together(save)
    assert errors == []
    assert len(outcomes) == THREADS * WRITES
    events = list(AuditEvent.objects.filter(what="availability").order_by("pk"))
    assert len(events) == THREADS * WRITES  # every save kept and recorded, none lost
    row.refresh_from_db()
    last = re.search(r"slot_minutes \d+>(\d+)", events[-1].detail)
    assert last and row.slot_minutes == int(last.group(1))  # the last write wins, whole
    assert row.weekly == WEEK


def test_saves_from_one_page_view_keep_one_and_tell_the_others(clinic: Clinic) -> None:
    row = availability(clinic)
    seen = fingerprint(row)  # every staff member opened the page before anyone saved

    def save(thread: int, n: int) -> str:
        try:
            availability_change(
                clinic=clinic,
                availability_id=row.pk,
                values={"slot_minutes": slot_of(thread, n), "lead_minutes": thread},
                actor=COMMAND,
                now=timezone.now(),
                seen=seen,
            )
        except ChangedMeanwhile:
            return "told"
        return "saved"

    outcomes, errors = run_together(save)
    assert errors == []
    assert Counter(outcomes) == {"saved": 1, "told": THREADS * WRITES - 1}
    (event,) = AuditEvent.objects.filter(what="availability")
    row.refresh_from_db()
    assert f"slot_minutes 30>{row.slot_minutes}" in event.detail
    assert f"lead_minutes 0>{row.lead_minutes}" in event.detail or row.lead_minutes == 0


def test_adding_one_name_at_once_makes_it_once(clinic: Clinic) -> None:
    values = {
        "label": "相談室1",
        "weekly": WEEK,
        "slot_minutes": 30,
        "buffer_minutes": 0,
        "lead_minutes": 0,
        "horizon_days": 30,
        "change_until_minutes": 60,
        "confirm_by_staff": False,
        "open_on_holidays": False,
        "price_yen": None,
        "price_note": "",
    }

    def add(thread: int, n: int) -> str:
        try:
            availability_add(clinic=clinic, values=values, actor=COMMAND, now=timezone.now())
        except HoursRefused as refused:
            assert list(refused.problems) == ["label"]
            return "told"
        return "added"

    outcomes, errors = run_together(add)
    assert errors == []
    assert Counter(outcomes) == {"added": 1, "told": THREADS * WRITES - 1}
    assert Availability.objects.filter(label="相談室1").count() == 1


def test_closing_and_reopening_one_day_at_once_leaves_one_row_or_none(clinic: Clinic) -> None:
    day = next_weekday()

    def flip(thread: int, n: int) -> str:
        if thread % 2:
            day_set(clinic=clinic, day=day, hours=[], actor=COMMAND, now=timezone.now())
            return "set"
        found = DayException.objects.filter(clinic=clinic, day=day).first()
        if found is not None:
            day_remove(clinic=clinic, exception_id=found.pk, actor=COMMAND, now=timezone.now())
        return "removed"

    _outcomes, errors = run_together(flip)
    assert errors == []
    assert DayException.objects.filter(clinic=clinic, day=day).count() <= 1
    sets = AuditEvent.objects.filter(what="day_exception", detail__startswith="set").count()
    assert sets + AuditEvent.objects.filter(detail__startswith="changed ").count() == (
        THREADS // 2 * WRITES
    )


def test_receptionists_saving_the_page_at_once_get_no_server_error(clinic: Clinic) -> None:
    row = availability(clinic)
    clients = []
    for n in range(THREADS):
        user = staff(f"desk{n}@clinic.example.jp", clinic, role=Role.RECEPTION)
        clients.append(staff_login(Client(), user))
    page = clients[0].get(f"/clinic/hours/{row.pk}/").content.decode()
    seen = re.search(r'name="seen" value="([0-9a-f]+)"', page)
    assert seen

    def post(thread: int, n: int) -> int:
        fields: dict[str, Any] = entry_fields(slot_minutes=str(slot_of(thread, n)))
        fields["seen"] = seen.group(1) if n == 0 else ""  # then: the form as sent again
        return clients[thread].post(f"/clinic/hours/{row.pk}/", fields).status_code

    outcomes, errors = run_together(post)
    assert errors == []
    # The first save of all is one from the page as shown: it wins, and the others sent from
    # that same page are told; a form sent again without it is saved (the last one wins).
    statuses = Counter(outcomes)
    assert statuses == {302: 1 + THREADS * (WRITES - 1), 409: THREADS - 1}, statuses
    assert AuditEvent.objects.filter(what="availability").count() == statuses[302]
