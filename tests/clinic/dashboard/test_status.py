"""The status row of a linked patient follows every write of their journey records at once (the
journey's services send site/signals.py records_changed; the clinic refreshes the row in the same
transaction), and linking makes the row."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clinic.dashboard.helpers import (
    DAY,
    HIGH_RISK,
    START,
    at,
    check_ins,
    self_check,
    started_and_linked,
    status,
)
from hizakoshi.accounts.models import User
from hizakoshi.care.journey import journey
from hizakoshi.clinic.links.services import care_link_end
from hizakoshi.clinic.models import Clinic, PatientStatus
from hizakoshi.journey.checkins.services import nrs_record, outcome_record, psfs_record
from hizakoshi.journey.diary.services import diary_save
from hizakoshi.journey.escalations.services import escalation_mark_seen, escalations_review
from hizakoshi.journey.function_tests.services import function_test_record
from hizakoshi.journey.models import Escalation, FunctionTestKind, PsfsActivity
from hizakoshi.journey.pause.services import resume_record
from hizakoshi.journey.session.services import session_record
from hizakoshi.site.signals import records_changed_send
from people import linked, person

pytestmark = pytest.mark.django_db

SIGN = journey().diary.signs[0]
LATER = START + 3 * DAY


@pytest.fixture
def hanako(patient: User, clinic: Clinic) -> User:
    started_and_linked(patient, clinic)
    return patient


def test_linking_makes_the_row_at_once_with_nothing_to_do(patient: User, clinic: Clinic) -> None:
    link = linked(patient, clinic)
    row = PatientStatus.objects.get(link=link)
    assert (row.clinic_id, row.person_id, row.attention, row.priority) == (
        clinic.pk,
        patient.pk,
        [],
        0,
    )


def test_a_person_linked_after_their_records_shows_them_at_once(
    hanako: User, clinic: Clinic
) -> None:
    row = status(hanako, clinic)
    assert row.last_activity_on == START
    assert row.attention == []


def _diary(person: User, day: date) -> None:
    diary_save(person=person, day=day, values={"back_pain": 3}, now=at(day))


def _session(person: User, day: date) -> None:
    session_record(
        person=person,
        client_id=uuid.uuid4(),
        started_at=at(day, 10),
        finished_at=at(day, 11),
        pain_during=2,
        feeling="same",
        items=[],
    )


def _nrs(person: User, day: date) -> None:
    nrs_record(person=person, pains={"knee": 3, "back": 2}, taken_on=day)


def _psfs(person: User, day: date) -> None:
    activities = [PsfsActivity.objects.create(person=person, name=n, created_on=day) for n in "ABC"]
    psfs_record(person=person, ratings=[(a, 5) for a in activities], taken_on=day)


def _function_test(person: User, day: date) -> None:
    function_test_record(
        person=person,
        kind=FunctionTestKind.ONE_LEG,
        values={"seconds": 30},
        result={"seconds": 30},
        taken_on=day,
    )


def _self_check_retaken(person: User, day: date) -> None:
    self_check(person, now=at(day))


def _escalation_seen(person: User, day: date) -> None:
    row = Escalation.objects.create(
        person=person, kind="worse_two_weeks", urgency="soon", message={}, raised_on=day
    )
    escalation_mark_seen(person=person, escalation_id=row.pk, now=at(day))


def _resume(person: User, day: date) -> None:
    diary_save(person=person, day=day, values={"red_flag_signs": [SIGN]}, now=at(day, 9))
    resume_record(person=person, today=day, seen_on=day)


WRITES: dict[str, Callable[[User, date], None]] = {
    "diary": _diary,
    "session": _session,
    "nrs": _nrs,
    "psfs": _psfs,
    "function test": _function_test,
    "self-check retaken": _self_check_retaken,
    "escalation seen": _escalation_seen,
    "doctor's visit": _resume,
}


@pytest.mark.parametrize("write", WRITES)
def test_each_journey_write_refreshes_the_row_in_its_transaction(
    write: str, hanako: User, clinic: Clinic
) -> None:
    with time_machine.travel(at(LATER), tick=False):
        WRITES[write](hanako, LATER)
    row = status(hanako, clinic)
    assert row.computed_at == at(LATER)
    assert row.last_activity_on == (START if write == "escalation seen" else LATER)


def test_a_warning_sign_in_the_diary_flags_the_person_at_once_and_a_visit_clears_it(
    hanako: User, clinic: Clinic
) -> None:
    with time_machine.travel(at(LATER), tick=False):
        diary_save(person=hanako, day=LATER, values={"red_flag_signs": [SIGN]}, now=at(LATER, 9))
        row = status(hanako, clinic)
        assert row.attention == ["red_flag"]
        assert row.red_flag_at is not None and row.priority > 0
        resume_record(person=hanako, today=LATER, seen_on=LATER)
    assert status(hanako, clinic).attention == []


def test_a_self_check_with_a_warning_sign_flags_the_person(hanako: User, clinic: Clinic) -> None:
    with time_machine.travel(at(LATER), tick=False):
        self_check(hanako, now=at(LATER), urgent_signs=["bladder_bowel"])
    assert status(hanako, clinic).attention == ["red_flag"]


def test_a_message_the_escalation_review_raises_flags_the_person_at_once(
    hanako: User, clinic: Clinic
) -> None:
    with time_machine.travel(at(LATER), tick=False):
        diary_save(person=hanako, day=LATER, values={"daily_life": "severe"}, now=at(LATER))
        assert status(hanako, clinic).attention == []
        assert [e.kind for e in escalations_review(person=hanako, today=LATER)] == [
            "daily_life_badly_affected"
        ]
    row = status(hanako, clinic)
    assert (row.attention, row.escalations_open) == (["escalation"], 1)


def test_high_risk_start_back_answers_flag_the_person(hanako: User, clinic: Clinic) -> None:
    with time_machine.travel(at(LATER), tick=False):
        outcome_record(person=hanako, instrument="start-back", answers=HIGH_RISK, taken_on=LATER)
    row = status(hanako, clinic)
    assert (row.attention, row.risk_group) == (["high_risk"], "high")


def test_answering_an_overdue_check_in_clears_the_flag_at_once(
    hanako: User, clinic: Clinic
) -> None:
    due = START + 28 * DAY
    with time_machine.travel(at(due + DAY), tick=False):
        _diary(hanako, due + DAY)  # a diary day: the status is refreshed, the check-ins still due
        row = status(hanako, clinic)
        assert (row.attention, row.checkin_overdue_since) == (["checkin_overdue"], due)
        check_ins(hanako, due + DAY)
    row = status(hanako, clinic)
    assert (row.attention, row.checkin_overdue_since) == ([], None)


def test_worse_knee_pain_in_the_diary_shows_as_worse_with_both_weeks(
    hanako: User, clinic: Clinic
) -> None:
    last = START + 27 * DAY
    for n in range(28):
        day = START + n * DAY
        pain = 3 if n < 7 else 6
        with time_machine.travel(at(day), tick=False):
            diary_save(person=hanako, day=day, values={"knee_pain_left": pain}, now=at(day))
    row = status(hanako, clinic)
    assert row.attention == ["pain_worse"]
    assert (row.pain_series, row.pain_baseline, row.pain_latest) == ("knee_pain_left", 3, 6)
    assert row.computed_at == at(last)


def test_a_person_with_no_clinic_costs_one_query_and_gets_no_row(patient: User) -> None:
    with CaptureQueriesContext(connection) as queries:
        records_changed_send(person=patient)
    assert len(queries.captured_queries) == 1
    assert not PatientStatus.objects.exists()


def test_ending_the_link_takes_its_row_off_and_later_writes_make_none(
    hanako: User, clinic: Clinic
) -> None:
    row = status(hanako, clinic)
    assert care_link_end(person=hanako, link_id=row.link_id, now=timezone.now())
    assert not PatientStatus.objects.exists()
    with time_machine.travel(at(LATER), tick=False):
        _diary(hanako, LATER)
    assert not PatientStatus.objects.exists()


def test_a_failed_refresh_never_loses_the_persons_diary(hanako: User, clinic: Clinic) -> None:
    before = status(hanako, clinic).computed_at
    broken = mock.patch(
        "hizakoshi.clinic.dashboard.services.journeys_facts", side_effect=RuntimeError("boom")
    )
    with broken, time_machine.travel(at(LATER), tick=False):
        saved = diary_save(person=hanako, day=LATER, values={"back_pain": 2}, now=at(LATER))
    assert saved.entry.pk is not None and saved.entry.back_pain == 2
    assert status(hanako, clinic).computed_at == before  # left for the daily review


def test_one_refresh_reads_the_same_few_queries_whatever_the_years_of_diary(
    clinic: Clinic,
) -> None:
    from hizakoshi.clinic.dashboard.services import status_refresh
    from hizakoshi.journey.models import DiaryEntry

    counts = []
    for email, days in (("month@example.jp", 30), ("years@example.jp", 730)):
        someone = person(email)
        started_and_linked(someone, clinic)
        DiaryEntry.objects.bulk_create(
            DiaryEntry(person=someone, day=START + n * DAY, knee_pain_left=4) for n in range(days)
        )
        with CaptureQueriesContext(connection) as queries:
            status_refresh(person=someone, now=at(START + 800 * DAY))
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def test_the_models_kinds_are_the_cores() -> None:
    from hizakoshi.care.clinic import KINDS
    from hizakoshi.clinic.models import AttentionKind

    assert sorted(AttentionKind.values) == sorted(KINDS)


def test_a_failed_refresh_never_stops_a_link_and_leaves_a_bare_row(
    patient: User, clinic: Clinic
) -> None:
    broken = mock.patch(
        "hizakoshi.clinic.dashboard.services.journeys_facts", side_effect=RuntimeError("boom")
    )
    with broken:
        link = linked(patient, clinic)
    row = PatientStatus.objects.get(link=link)
    assert (row.attention, row.priority) == ([], 0)
