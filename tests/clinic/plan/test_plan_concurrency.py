"""Clinicians changing one person's plan at the same moment, with the weekly review and a retaken
self-check running too: every change waits its turn (the person's plan lock), none fails, none
is lost, and each exercise keeps one active row.

Threads against the real test database (a file on SQLite, the server on PostgreSQL with
scripts/with-postgres.sh), each with its own connection, started together by a barrier; each
clinician's write goes through the access door and the service in one transaction, as the page
does."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.db import connections, transaction
from django.db.models import Count
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.accounts.models import User
from hizakoshi.care import assess
from hizakoshi.care.journey import Dose
from hizakoshi.care.questions import parse_answers
from hizakoshi.clinic.models import AuditEvent, Clinic, Membership, Role
from hizakoshi.clinic.plan.services import PlanConflict, plan_dose_set, plan_exercise_add
from hizakoshi.journey.models import AssessmentSource, PlanItem
from hizakoshi.journey.plan.services import journey_start_from_assessment
from hizakoshi.journey.review.services import journey_review
from hizakoshi.site.access import Need, person_for
from journey.review_helpers import DAY, START, a_week, at
from people import linked, person, staff
from selfcheck.factories import knee_origin_answers

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 6
WRITES = 5


def run_together(work: Callable[[int, int], None], threads: int = THREADS) -> list[BaseException]:
    start = threading.Barrier(threads)
    errors: list[BaseException] = []

    def one_thread(thread: int) -> None:
        try:
            start.wait()
            for n in range(WRITES):
                try:
                    work(thread, n)
                except Exception as problem:  # every failure counts, whatever it is
                    errors.append(problem)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one_thread, range(threads)))
    return errors


def verified(user: User) -> User:
    """As OTPMiddleware leaves request.user after the second factor."""
    user.otp_device = TOTPDevice.objects.filter(user=user).first()  # type: ignore[attr-defined]
    user.is_verified = lambda: True  # type: ignore[attr-defined]
    return user


def clinic_with_patient() -> tuple[User, list[tuple[User, Membership]]]:
    clinic = Clinic.objects.create(code="HIZA01", name="ひざこしクリニック", created_at=at(START))
    with time_machine.travel(at(START, 0), tick=False):
        hanako = person("hanako@example.jp")
        answers = parse_answers(knee_origin_answers())
        journey_start_from_assessment(
            person=hanako,
            answers=answers,
            assessment=assess(answers),
            source=AssessmentSource.CLAIMED,
        )
    linked(hanako, clinic)
    clinicians = []
    for n in range(THREADS):
        role = Role.DOCTOR if n % 2 else Role.PHYSIO
        user = verified(staff(f"staff{n}@clinic.example.jp", clinic, role=role))
        clinicians.append((user, Membership.objects.get(user=user)))
    return hanako, clinicians


def as_the_page_does(actor: User, patient_id: int, change: Callable[[User], object]) -> None:
    with transaction.atomic():
        patient = person_for(actor=actor, person_id=patient_id, need=Need.WRITE, what="plan")
        change(patient)


def test_clinicians_setting_one_exercise_at_once_all_succeed_and_every_change_is_kept() -> None:
    hanako, clinicians = clinic_with_patient()

    def write(thread: int, n: int) -> None:
        user, membership = clinicians[thread]
        dose = Dose(level=1 + n % 3, sets=1 + thread % 3, reps=5 + n, hold_seconds=5)
        as_the_page_does(
            user,
            hanako.pk,
            lambda p: plan_dose_set(
                person=p, membership=membership, exercise_id="bridge", dose=dose
            ),
        )

    assert run_together(write) == []
    rows = PlanItem.objects.filter(person=hanako, exercise_id="bridge")
    assert rows.count() == 1 + THREADS * WRITES  # the plan's row and every change after it
    assert rows.filter(active=True).count() == 1
    assert rows.filter(active=False, end_origin="clinician").count() == THREADS * WRITES
    assert AuditEvent.objects.filter(action="write", what="plan").count() == THREADS * WRITES


def test_clinicians_adding_the_same_exercise_at_once_add_it_once_and_the_rest_are_told() -> None:
    hanako, clinicians = clinic_with_patient()
    refused: list[PlanConflict] = []

    def add(thread: int, n: int) -> None:
        user, membership = clinicians[thread]
        try:
            as_the_page_does(
                user,
                hanako.pk,
                lambda p: plan_exercise_add(
                    person=p,
                    membership=membership,
                    exercise_id="calf_raise",
                    dose=Dose(sets=2, reps=10),
                ),
            )
        except PlanConflict as conflict:  # "in the plan already": the page says so
            refused.append(conflict)

    assert run_together(add) == []
    assert PlanItem.objects.filter(person=hanako, exercise_id="calf_raise").count() == 1
    assert len(refused) == THREADS * WRITES - 1


def test_clinicians_the_weekly_review_and_a_new_self_check_at_once_lose_nothing() -> None:
    hanako, clinicians = clinic_with_patient()
    for week in range(3):
        a_week(hanako, START + 7 * week * DAY)
    answers = parse_answers(knee_origin_answers())

    def work(thread: int, n: int) -> None:
        if thread == 0:
            journey_review(person_id=hanako.pk, today=START + (21 + n) * DAY)
        elif thread == 1:
            journey_start_from_assessment(
                person=hanako,
                answers=answers,
                assessment=assess(answers),
                source=AssessmentSource.SELFCHECK,
                now=at(START + (22 + n) * DAY),
            )
        else:
            user, membership = clinicians[thread]
            dose = Dose(level=1, sets=2, reps=6 + n, hold_seconds=5)
            as_the_page_does(
                user,
                hanako.pk,
                lambda p: plan_dose_set(
                    person=p, membership=membership, exercise_id="bridge", dose=dose
                ),
            )

    assert run_together(work) == []
    clinicians_rows = PlanItem.objects.filter(person=hanako, origin="clinician")
    assert clinicians_rows.count() == (THREADS - 2) * WRITES  # every clinician's change kept
    per_exercise = (
        PlanItem.objects.filter(person=hanako, active=True)
        .values("exercise_id")
        .annotate(n=Count("pk"))
    )
    assert {row["n"] for row in per_exercise} == {1}
    assert PlanItem.objects.get(person=hanako, exercise_id="bridge", active=True).origin == (
        "clinician"
    )
