"""Factories for the journey's tests: a full set of a person's records, a plan started on a day.

The people themselves are the personas of tests/conftest.py (`patient`, `other_patient`)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from hizakoshi.accounts.models import User
from hizakoshi.care import assess
from hizakoshi.care.questions import parse_answers
from hizakoshi.journey.models import (
    AssessmentSource,
    CalendarFeed,
    ClinicianNote,
    DiaryEntry,
    Escalation,
    ExerciseSession,
    FunctionTest,
    OutcomeResponse,
    PsfsActivity,
    ResumeRecord,
    SessionItem,
)
from hizakoshi.journey.plan.services import journey_start_from_assessment
from hizakoshi.journey.reminders.services import calendar_feed_create
from people import PASSWORD, person
from selfcheck.factories import knee_origin_answers

# Test modules written before tests/people.py import these from here; new ones import from people.
__all__ = ["DAY", "PASSWORD", "person", "with_plan", "with_records"]

DAY = date(2025, 3, 3)


def with_records(user: User, *, knee: int = 5) -> User:
    """One row of every kind of record the journey keeps."""
    answers = parse_answers(knee_origin_answers())
    journey_start_from_assessment(
        person=user, answers=answers, assessment=assess(answers), source=AssessmentSource.CLAIMED
    )
    started = datetime(2025, 3, 3, 0, 30, tzinfo=UTC)
    session = ExerciseSession.objects.create(
        person=user,
        client_id=uuid.uuid4(),
        started_at=started,
        finished_at=started + timedelta(minutes=9),
        pain_during=3,
        feeling="same",
    )
    SessionItem.objects.create(
        person=user, session=session, position=0, exercise_id="quad_set", reps_done=10, sets_done=1
    )
    SessionItem.objects.create(
        person=user,
        session=session,
        position=1,
        exercise_id="bridge",
        skipped=True,
        skip_reason="pain",
    )
    DiaryEntry.objects.create(
        person=user,
        day=DAY,
        knee_pain_left=knee,
        knee_pain_right=None,
        back_pain=3,
        morning_stiffness_min=10,
        walking_minutes=20,
        steps=4200,
        weight_kg=Decimal("59.5"),
        red_flag_signs=[],
        notes="階段がつらい",
    )
    OutcomeResponse.objects.create(
        person=user,
        instrument="nrs",
        answers={"knee": knee, "back": 3},
        scores={"knee": knee},
        taken_on=DAY,
    )
    PsfsActivity.objects.create(person=user, name="孫と散歩する", created_on=DAY)
    FunctionTest.objects.create(
        person=user, kind="one_leg", values={"seconds": 12}, result={"below": True}, taken_on=DAY
    )
    Escalation.objects.create(
        person=user,
        kind="daily_life_badly_affected",
        urgency="soon",
        message={"headline": {"ja": "受診を", "en": "See a doctor"}},
        raised_on=DAY,
    )
    ResumeRecord.objects.create(
        person=user,
        flag_day=DAY,
        signs=["night_pain"],
        seen_on=DAY + timedelta(days=2),
        note="整形外科で診てもらった",
    )
    ClinicianNote.objects.create(
        person=user,
        text="膝の体操は痛みのない範囲で続けてください。",
        by_label="山田(医師)",
        clinic_name="ひざこしクリニック",
        created_at=started,
    )
    calendar_feed_create(person=user)
    assert CalendarFeed.objects.filter(person=user).exists()
    return user


def with_plan(user: User, *, now: datetime | None = None, **answers: Any) -> User:
    """A journey started from a knee-first self-check at `now` (answers may be overridden):
    an active plan of exercises and a walking target, and nothing else yet."""
    parsed = parse_answers(knee_origin_answers(**answers))
    journey_start_from_assessment(
        person=user,
        answers=parsed,
        assessment=assess(parsed),
        source=AssessmentSource.CLAIMED,
        now=now,
    )
    return user
