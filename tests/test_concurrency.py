"""Many people saving at the same moment: every save waits its turn, none fails, none is lost.

Threads against the real test database (a file on SQLite, the server on PostgreSQL), each with
its own connection, started together by a barrier. Before the SQLite write lock was taken at the
start of each transaction, a read-then-write save failed at once with "database is locked".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.db import connections

from hizakoshi.accounts.models import User
from hizakoshi.care.model import Answers
from hizakoshi.journey.diary.services import diary_save
from hizakoshi.journey.me.services import profile_update
from hizakoshi.journey.models import DiaryEntry, Escalation, PlanItem, Profile, WalkingTarget
from hizakoshi.journey.reminders.services import reminder_time_set
from hizakoshi.journey.review.services import ReviewRun, journey_review, journeys_review
from hizakoshi.selfcheck.models import SavedResult
from hizakoshi.selfcheck.services import result_save
from journey.review_helpers import DAY, START, stopped_opening_the_app
from people import person
from selfcheck.factories import knee_origin_answers

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8
SAVES = 5
FIRST_DAY = date(2026, 11, 1)


def run_together(work: Callable[[int, int], None]) -> list[BaseException]:
    """work(thread, n) for n in 0..SAVES-1 in each of THREADS threads; the errors raised."""
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def one_thread(thread: int) -> None:
        try:
            start.wait()
            for n in range(SAVES):
                try:
                    work(thread, n)
                except Exception as problem:  # every failure counts, whatever it is
                    errors.append(problem)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(one_thread, range(THREADS)))
    return errors


def people() -> list[User]:
    return [person(f"person{n}@example.jp") for n in range(THREADS)]


def test_diary_saves_at_the_same_moment_all_succeed_and_are_all_kept() -> None:
    everyone = people()

    def save(thread: int, n: int) -> None:
        day = FIRST_DAY + timedelta(days=n)
        diary_save(person=everyone[thread], day=day, values={"back_pain": n, "knee_pain_left": 2})

    assert run_together(save) == []
    assert DiaryEntry.objects.count() == THREADS * SAVES


def test_one_persons_diary_for_one_day_changed_from_many_places_keeps_one_entry() -> None:
    hanako = person("hanako@example.jp")

    def save(thread: int, n: int) -> None:
        diary_save(person=hanako, day=FIRST_DAY, values={"back_pain": thread})

    assert run_together(save) == []
    assert DiaryEntry.objects.filter(person=hanako).count() == 1


def test_profile_saves_at_the_same_moment_all_succeed() -> None:
    everyone = people()

    def save(thread: int, n: int) -> None:
        profile_update(
            person=everyone[thread],
            height_cm=Decimal(150 + n),
            weight_goal_kg=None,
            session_time=time(9, n),
            language="en" if n % 2 else "ja",
        )

    assert run_together(save) == []
    assert {p.height_cm for p in Profile.objects.all()} == {Decimal(150 + SAVES - 1)}


def test_reminder_saves_at_the_same_moment_all_succeed_and_the_last_one_holds() -> None:
    everyone = people()

    def save(thread: int, n: int) -> None:
        reminder_time_set(person=everyone[thread], session_time=time(8, n), email_reminders=True)

    assert run_together(save) == []
    assert {p.session_time for p in Profile.objects.all()} == {time(8, SAVES - 1)}


def test_self_check_results_saved_at_the_same_moment_are_all_kept() -> None:
    answers = Answers.model_validate(knee_origin_answers())

    def save(thread: int, n: int) -> None:
        result_save(answers=answers, lang="ja", consent_version="test")

    assert run_together(save) == []
    assert SavedResult.objects.count() == THREADS * SAVES


def test_review_runs_at_the_same_moment_store_each_change_once_and_none_fails() -> None:
    """Two cron hosts (or cron and the dev runner) start the daily review together."""
    day = START + 28 * DAY
    alone = journey_review(person_id=stopped_opening_the_app("alone@example.jp").pk, today=day)
    assert alone is not None and alone.plan_changes > 0 and alone.escalations == 1
    for n in range(4):
        stopped_opening_the_app(f"person{n}@example.jp")
    runs: list[ReviewRun] = []
    start = threading.Barrier(4)

    def one_run() -> None:
        try:
            start.wait()
            runs.append(journeys_review(today=day))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one_run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [run.failures for run in runs] == [0, 0, 0, 0]
    assert [run.people for run in runs] == [5, 5, 5, 5]
    # Each person's changes were made by exactly one of the runs, and stored once.
    assert sum(run.plan_changes for run in runs) == 4 * alone.plan_changes
    assert sum(run.escalations for run in runs) == 4
    changed = PlanItem.objects.filter(started_on=day, reason__isnull=False).count()
    changed += WalkingTarget.objects.filter(started_on=day).count()
    assert changed == 5 * alone.plan_changes
    assert Escalation.objects.filter(raised_on=day).count() == 5
