"""Builders for the dashboard's tests: a linked patient whose journey starts on a day, the times
of a day in Japan, and the person's status row."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import time_machine

from hizakoshi.accounts.models import User
from hizakoshi.care import assess
from hizakoshi.care.questions import parse_answers
from hizakoshi.clinic.models import CareLink, Clinic, PatientStatus
from hizakoshi.journey.checkins.services import nrs_record, outcome_record
from hizakoshi.journey.models import AssessmentSource
from hizakoshi.journey.plan.services import journey_start_from_assessment
from people import linked
from selfcheck.factories import knee_origin_answers

JST = ZoneInfo("Asia/Tokyo")
START = date(2026, 1, 5)  # a Monday: the first self-check
DAY = timedelta(days=1)
PSFS = {"1": 5, "2": 4, "3": 6}
HIGH_RISK = {str(n): 1 for n in range(1, 9)} | {"9": 4}  # STarT Back: total 9, distress 5


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=JST)


def self_check(person: User, *, now: datetime, **answers: Any) -> None:
    parsed = parse_answers(knee_origin_answers(**answers))
    journey_start_from_assessment(
        person=person,
        answers=parsed,
        assessment=assess(parsed),
        source=AssessmentSource.CLAIMED,
        now=now,
    )


def check_ins(person: User, day: date) -> None:
    """The reminded check-ins (pain and activity goals) answered on `day`."""
    nrs_record(person=person, pains={"knee": 4, "back": 3}, taken_on=day)
    outcome_record(person=person, instrument="psfs", answers=PSFS, taken_on=day)


def started_and_linked(person: User, clinic: Clinic, start: date = START) -> CareLink:
    """`person` took their first self-check on `start`, answered its check-ins, and linked
    with `clinic` that day."""
    with time_machine.travel(at(start), tick=False):
        self_check(person, now=at(start, 9))
        check_ins(person, start)
        return linked(person, clinic)


def status(person: User, clinic: Clinic) -> PatientStatus:
    return PatientStatus.objects.get(person=person, clinic=clinic)
