"""A clinician's change stands over the weeks: the weekly review steps the other exercises up
and back as before but leaves the clinician's amount and walking target as they are, good weeks
or painful; a retaken self-check replaces only the automatic rows and does not bring back an
exercise the clinician took out; a warning sign still pauses everything without changing a row."""

from __future__ import annotations

import pytest
import time_machine

from hizakoshi.accounts.models import User
from hizakoshi.care import assess
from hizakoshi.care.journey import Dose
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.care.questions import parse_answers
from hizakoshi.clinic.models import Clinic, Membership
from hizakoshi.clinic.plan.services import plan_dose_set, plan_exercise_remove, plan_walking_set
from hizakoshi.journey.models import AssessmentSource, DiaryEntry, PlanItem, WalkingTarget
from hizakoshi.journey.plan.services import journey_start_from_assessment
from hizakoshi.journey.review.services import journey_review, plan_review_week
from journey.factories import with_plan
from journey.review_helpers import DAY, START, a_week, active, at, walking
from people import linked
from selfcheck.factories import knee_origin_answers

pytestmark = pytest.mark.django_db

CLINICIANS = Dose(level=2, sets=2, reps=8, hold_seconds=5)


@pytest.fixture
def patient(patient: User, clinic: Clinic) -> User:
    with time_machine.travel(at(START, 0), tick=False):
        with_plan(patient)
    linked(patient, clinic)
    return patient


@pytest.fixture
def doctor(clinic_staff: User) -> Membership:
    return Membership.objects.get(user=clinic_staff)


def set_by_the_clinician(patient: User, doctor: Membership) -> tuple[PlanItem, WalkingTarget]:
    item = plan_dose_set(
        person=patient, membership=doctor, exercise_id="bridge", dose=CLINICIANS, now=at(START)
    )
    target = plan_walking_set(
        person=patient,
        membership=doctor,
        target=WalkingAmount(unit="minutes", per_day=12, days_per_week=4),
        now=at(START),
    )
    return item, target


def test_six_weeks_of_reviews_leave_the_clinicians_amount_and_walking_as_they_are(
    patient: User, doctor: Membership
) -> None:
    item, target = set_by_the_clinician(patient, doctor)
    others_before = {k: (p.level, p.sets, p.reps) for k, p in active(patient).items()}
    for week in range(6):
        painful = week in (4, 5)
        first = START + 7 * week * DAY
        a_week(patient, first, pain=7 if painful else 2, back_to_usual=not painful, walk=25)
        plan_review_week(person=patient, week_end=first + 6 * DAY)
        assert active(patient)["bridge"].pk == item.pk  # never replaced, week after week
        assert walking(patient).pk == target.pk
    bridge = active(patient)["bridge"]
    assert (bridge.level, bridge.sets, bridge.reps, bridge.origin) == (2, 2, 8, "clinician")
    assert (walking(patient).per_day, walking(patient).days_per_week) == (12, 4)
    # The rules did run: the automatic rows moved up in the good weeks and back in the painful.
    squat = PlanItem.objects.filter(person=patient, exercise_id="straight_leg_raise")
    assert {p.origin for p in squat} == {"selfcheck", "weekly"}
    actions = [(p.started_on, p.reps, p.sets, p.level) for p in squat.order_by("pk")]
    assert len(actions) > 3 and actions[-1][1:] != others_before["straight_leg_raise"]


def test_the_daily_job_leaves_the_clinicians_rows_too(patient: User, doctor: Membership) -> None:
    item, target = set_by_the_clinician(patient, doctor)
    for week in range(3):
        a_week(patient, START + 7 * week * DAY)
    done = journey_review(person_id=patient.pk, today=START + 21 * DAY)
    assert done is not None and done.plan_changes > 0
    assert active(patient)["bridge"].pk == item.pk and walking(patient).pk == target.pk


def test_a_clinicians_dose_becomes_automatic_again_only_through_a_clinician(
    patient: User, doctor: Membership
) -> None:
    set_by_the_clinician(patient, doctor)
    plan_dose_set(
        person=patient,
        membership=doctor,
        exercise_id="bridge",
        dose=CLINICIANS.model_copy(update={"reps": 10}),
        now=at(START + 3 * DAY),
    )
    rows = PlanItem.objects.filter(person=patient, exercise_id="bridge").order_by("pk")
    assert [r.origin for r in rows] == ["selfcheck", "clinician", "clinician"]
    assert [r.end_origin for r in rows] == ["clinician", "clinician", ""]


def retake(patient: User, when: int) -> None:
    answers = parse_answers(knee_origin_answers())
    journey_start_from_assessment(
        person=patient,
        answers=answers,
        assessment=assess(answers),
        source=AssessmentSource.SELFCHECK,
        now=at(START + when * DAY),
    )


def test_a_retaken_self_check_keeps_the_clinicians_rows_and_replaces_the_rest(
    patient: User, doctor: Membership
) -> None:
    item, target = set_by_the_clinician(patient, doctor)
    before = active(patient)
    retake(patient, 10)
    after = active(patient)
    assert set(after) == set(before)
    assert after["bridge"].pk == item.pk and walking(patient).pk == target.pk
    for exercise_id in set(before) - {"bridge"}:
        assert after[exercise_id].pk != before[exercise_id].pk
        assert after[exercise_id].origin == "selfcheck"
        assert PlanItem.objects.get(pk=before[exercise_id].pk).end_origin == "selfcheck"


def test_an_exercise_the_clinician_took_out_does_not_come_back_with_a_new_self_check(
    patient: User, doctor: Membership
) -> None:
    plan_exercise_remove(
        person=patient, membership=doctor, exercise_id="straight_leg_raise", now=at(START)
    )
    retake(patient, 10)
    assert "straight_leg_raise" not in active(patient)
    assert "quad_setting" in active(patient)


def test_a_warning_sign_pauses_the_clinicians_plan_without_changing_a_row(
    patient: User, doctor: Membership
) -> None:
    item, target = set_by_the_clinician(patient, doctor)
    a_week(patient, START)
    a_week(patient, START + 7 * DAY)
    DiaryEntry.objects.filter(person=patient, day=START + 12 * DAY).update(
        red_flag_signs=["calf_swollen"]
    )
    assert plan_review_week(person=patient, week_end=START + 13 * DAY) == []
    assert active(patient)["bridge"].pk == item.pk and walking(patient).pk == target.pk
