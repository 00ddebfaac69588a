"""Jobs that every server runs at the same moment do each piece of their work once.

Two servers behind one proxy run the same crontab, so `send_reminders` starts twice at once. The
run-once guard (site/jobs.py) lets one claimer of a (job, key) pair win, whichever it is. Threads
with their own connections race against the real test database (a file on SQLite, the server on
PostgreSQL: scripts/test.sh runs this file on both), started together by a barrier.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, time, timedelta
from io import StringIO
from typing import TypeVar

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connections, transaction

from hizakoshi.journey.reminders.services import REMINDER_JOB, reminder_time_set
from hizakoshi.site.jobs import job_claim, job_claim_release, job_claims_prune
from hizakoshi.site.models import JobClaim
from people import person

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8
KEYS = 10
NOW = datetime(2025, 5, 12, 0, 5, tzinfo=UTC)
T = TypeVar("T")


def all_at_once(work: Callable[[int], T]) -> list[T]:
    """work(thread) in THREADS threads released together; their results (an error fails)."""
    start = threading.Barrier(THREADS)

    def one_thread(thread: int) -> T:
        try:
            start.wait()
            return work(thread)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(one_thread, range(THREADS)))


def test_of_many_claimers_of_one_key_at_the_same_moment_exactly_one_gets_it() -> None:
    won = all_at_once(lambda thread: job_claim(name="nightly", key="2025-05-12", now=NOW))
    assert won.count(True) == 1
    assert JobClaim.objects.filter(name="nightly").count() == 1


def test_every_key_claimed_by_all_at_once_goes_to_exactly_one_claimer() -> None:
    def claim_each(thread: int) -> list[int]:
        return [k for k in range(KEYS) if job_claim(name="nightly", key=f"k{k}", now=NOW)]

    claimed = all_at_once(claim_each)
    everything = sorted(k for mine in claimed for k in mine)
    assert everything == list(range(KEYS))  # each key once: none twice, none lost


def test_the_same_key_under_another_job_name_is_another_claim() -> None:
    assert job_claim(name="nightly", key="k", now=NOW)
    assert job_claim(name="weekly", key="k", now=NOW)
    assert not job_claim(name="nightly", key="k", now=NOW)


def test_a_refused_claim_inside_a_callers_transaction_leaves_that_transaction_usable() -> None:
    with transaction.atomic():
        assert job_claim(name="nightly", key="k", now=NOW)
        assert not job_claim(name="nightly", key="k", now=NOW)
        assert JobClaim.objects.count() == 1  # would raise if the failed INSERT broke it


def test_a_released_claim_can_be_claimed_again() -> None:
    assert job_claim(name="nightly", key="k", now=NOW)
    job_claim_release(name="nightly", key="k")
    assert job_claim(name="nightly", key="k", now=NOW)


def test_pruning_deletes_only_that_jobs_claims_older_than_the_limit() -> None:
    job_claim(name="nightly", key="old", now=NOW - timedelta(days=31))
    job_claim(name="nightly", key="new", now=NOW - timedelta(days=1))
    job_claim(name="weekly", key="old", now=NOW - timedelta(days=31))
    assert job_claims_prune(name="nightly", before=NOW - timedelta(days=30)) == 1
    assert set(JobClaim.objects.values_list("name", "key")) == {
        ("nightly", "new"),
        ("weekly", "old"),
    }


# --- the reminder e-mails: once per person per day --------------------------------------------


def reminded_people(count: int) -> list[int]:
    people = [person(f"person{n}@example.jp") for n in range(count)]
    for p in people:
        reminder_time_set(person=p, session_time=time(9, 0), email_reminders=True)
    return [p.pk for p in people]


def send_reminders(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", "--every", "1440", *args, stdout=out)
    return out.getvalue()


def test_send_reminders_run_on_two_servers_at_once_sends_one_email_per_person() -> None:
    reminded_people(6)
    outputs = all_at_once(lambda thread: send_reminders())
    assert sorted(m.to[0] for m in mail.outbox) == [f"person{n}@example.jp" for n in range(6)]
    sent = [int(out.split("Sent ")[1].split(" ")[0]) for out in outputs]
    assert sum(sent) == 6


def test_a_second_run_the_same_day_sends_nothing_and_the_next_day_sends_again() -> None:
    reminded_people(2)
    with time_machine.travel(NOW, tick=False):
        assert "Sent 2 reminder(s)" in send_reminders()
        assert "Sent 0 reminder(s)" in send_reminders()
    with time_machine.travel(NOW + timedelta(days=1), tick=False):
        assert "Sent 2 reminder(s)" in send_reminders()
    assert len(mail.outbox) == 4


def test_a_failed_e_mail_gives_its_claim_back_so_the_next_run_sends_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reminded_people(1)

    def broken(*args: object, **kwargs: object) -> int:
        raise OSError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMessage.send", broken)
        with pytest.raises(CommandError, match="1 reminder"):
            send_reminders()
    assert not JobClaim.objects.filter(name=REMINDER_JOB).exists()
    assert "Sent 1 reminder(s)" in send_reminders()
    assert len(mail.outbox) == 1


def test_each_run_prunes_the_claims_older_than_keep_days() -> None:
    job_claim(name=REMINDER_JOB, key="1:2025-01-01", now=datetime(2025, 1, 1, tzinfo=UTC))
    job_claim(name="another job", key="1:2025-01-01", now=datetime(2025, 1, 1, tzinfo=UTC))
    send_reminders("--keep-days", "7")
    assert list(JobClaim.objects.values_list("name", flat=True)) == ["another job"]


@pytest.mark.parametrize("keep", ["0", "-1", "week"])
def test_keep_days_must_be_a_whole_number_of_one_day_or_more(keep: str) -> None:
    with pytest.raises(CommandError, match="--keep-days"):
        send_reminders("--keep-days", keep)
