"""The daily review (`hizakoshi review_journeys`) refreshes every live link's status after
reviewing: what depends on the day itself (no records for two weeks, a check-in overdue, a
message the review raised) shows without any write of the person. Idempotent, and safe to run
twice at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from unittest import mock

import pytest
from django.db import connections
from django.utils import timezone

from clinic.dashboard.helpers import DAY, HIGH_RISK, START, at, started_and_linked, status
from hizakoshi.accounts.models import User
from hizakoshi.care.clinic import clinic_content
from hizakoshi.care.journey import journey
from hizakoshi.clinic.dashboard import services
from hizakoshi.clinic.dashboard.services import review_moment, status_refresh, statuses_refresh
from hizakoshi.clinic.models import CareLink, Clinic, PatientStatus
from hizakoshi.journey.checkins.services import outcome_record
from hizakoshi.journey.diary.services import diary_save
from hizakoshi.journey.review.services import journeys_review
from people import linked, person

STATUS_FIELDS = (
    "attention",
    "priority",
    "last_activity_on",
    "red_flag_at",
    "escalations_open",
    "pain_series",
    "pain_latest",
    "pain_baseline",
    "checkin_overdue_since",
    "risk_group",
)


def rows() -> list[tuple[Any, ...]]:
    return sorted(PatientStatus.objects.values_list("link_id", *STATUS_FIELDS))


@pytest.mark.django_db
def test_the_daily_review_flags_someone_who_stopped_recording(
    patient: User, clinic: Clinic
) -> None:
    started_and_linked(patient, clinic)
    days = clinic_content().inactive_days
    journeys_review(today=START + (days - 1) * DAY)
    assert status(patient, clinic).attention == []
    journeys_review(today=START + days * DAY)
    assert status(patient, clinic).attention == ["inactive"]


@pytest.mark.django_db
def test_a_linked_person_without_any_journey_is_refreshed_too(
    patient: User, clinic: Clinic
) -> None:
    link = linked(patient, clinic)
    today = timezone.localdate(link.linked_at) + clinic_content().inactive_days * DAY
    journeys_review(today=today)
    assert status(patient, clinic).attention == ["inactive"]


@pytest.mark.django_db
def test_a_message_the_review_raises_shows_on_the_dashboard(patient: User, clinic: Clinic) -> None:
    started_and_linked(patient, clinic)
    day = START + 3 * DAY
    diary_save(person=patient, day=day, values={"daily_life": "severe"}, now=at(day))
    assert status(patient, clinic).attention == []
    run = journeys_review(today=day)
    assert run.escalations == 1
    row = status(patient, clinic)
    assert (row.attention, row.escalations_open) == (["escalation"], 1)


@pytest.mark.django_db
def test_the_same_day_reviewed_twice_gives_the_same_rows(clinic: Clinic) -> None:
    for n in range(3):
        started_and_linked(person(f"p{n}@example.jp"), clinic)
    today = START + 30 * DAY
    first = journeys_review(today=today)
    before = rows()
    second = journeys_review(today=today)
    assert rows() == before
    assert (first.failures, second.failures) == (0, 0)
    assert [r[1] for r in before] == [["inactive", "checkin_overdue"]] * 3


@pytest.mark.django_db
def test_one_persons_failed_refresh_is_counted_and_the_others_are_refreshed(
    clinic: Clinic,
) -> None:
    everyone = [person(f"p{n}@example.jp") for n in range(3)]
    for someone in everyone:
        started_and_linked(someone, clinic)
    real = services.journeys_facts

    def broken_for_the_second(*, person_ids: list[int], today: Any) -> Any:
        if everyone[1].pk in person_ids:
            raise RuntimeError("boom")
        return real(person_ids=person_ids, today=today)

    today = START + 30 * DAY
    with mock.patch.object(services, "journeys_facts", broken_for_the_second):
        run = journeys_review(today=today)
    assert run.failures == 1
    assert [status(p, clinic).checkin_overdue_since is not None for p in everyone] == [
        True,
        False,
        True,
    ]


@pytest.mark.django_db
def test_the_daily_refresh_deletes_rows_of_links_ended_another_way(
    patient: User, other_patient: User, clinic: Clinic
) -> None:
    ended = started_and_linked(patient, clinic)
    kept = started_and_linked(other_patient, clinic)
    CareLink.objects.filter(pk=ended.pk).update(ended_at=timezone.now())  # not through the service
    journeys_review(today=START + DAY)
    assert list(PatientStatus.objects.values_list("link_id", flat=True)) == [kept.pk]


@pytest.mark.django_db
def test_a_batch_gives_each_person_the_rows_they_get_alone(clinic: Clinic) -> None:
    everyone = [person(f"p{n}@example.jp") for n in range(4)]
    for someone in everyone:
        started_and_linked(someone, clinic)
    sign, severe = journey().diary.signs[0], START + 2 * DAY
    diary_save(person=everyone[0], day=severe, values={"red_flag_signs": [sign]}, now=at(severe))
    for n in range(28):  # the second one's knee gets worse, the third one records daily
        day = START + n * DAY
        diary_save(person=everyone[1], day=day, values={"knee_pain_left": 2 if n < 7 else 5})
        diary_save(person=everyone[2], day=day, values={"back_pain": 3})
    outcome_record(person=everyone[3], instrument="start-back", answers=HIGH_RISK, taken_on=START)
    now = at(START + 30 * DAY)
    for someone in everyone:
        status_refresh(person=someone, now=now)
    alone = rows()
    statuses_refresh(person_ids=[p.pk for p in everyone], now=now)
    assert rows() == alone
    assert len({tuple(r[1]) for r in alone}) == 4  # four different situations


def test_a_review_of_another_day_judges_by_the_same_time_of_day_on_that_day() -> None:
    now = at(START, 15)
    assert review_moment(START, now) == now
    assert review_moment(START - DAY, now) == at(START - DAY, 15)


@pytest.mark.django_db(transaction=True)
def test_two_reviews_at_the_same_moment_both_succeed_and_write_one_row_per_link(
    clinic: Clinic,
) -> None:
    for n in range(4):
        started_and_linked(person(f"p{n}@example.jp"), clinic)
    today = START + 30 * DAY
    start = threading.Barrier(2)

    def review(_: int) -> int:
        try:
            start.wait()
            return journeys_review(today=today).failures
        finally:
            connections.close_all()

    with ThreadPoolExecutor(2) as pool:
        failures = list(pool.map(review, range(2)))
    assert failures == [0, 0]
    assert PatientStatus.objects.count() == 4
    assert {tuple(r[1]) for r in rows()} == {("inactive", "checkin_overdue")}
