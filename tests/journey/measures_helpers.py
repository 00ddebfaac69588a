"""Helpers for the measures tests: a person whose journey starts on a given day, and daily
records over a span of days."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.care import assess
from hizakoshi.care.questions import parse_answers
from hizakoshi.journey.models import AssessmentSource, DiaryEntry, ExerciseSession, OutcomeResponse
from hizakoshi.journey.plan.services import journey_start_from_assessment
from people import person
from selfcheck.factories import knee_origin_answers

START = date(2025, 1, 6)  # a Monday

Pain = Callable[[int], int | None]


def in_english(client: Client) -> Client:
    """Pages in English: the tests read the English wording, which a translation cannot change."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def at_noon(day: date) -> datetime:
    return datetime.combine(day, time(3, 0), tzinfo=UTC)  # 12:00 in Japan


def started(who: User | str = "measures@example.jp", start: date = START) -> User:
    """A person (a User, or a new one with this address) whose first self-check, and so their
    self-care, is on `start`."""
    user = who if isinstance(who, User) else person(who)
    answers = parse_answers(knee_origin_answers())
    journey_start_from_assessment(
        person=user,
        answers=answers,
        assessment=assess(answers),
        source=AssessmentSource.CLAIMED,
        now=at_noon(start),
    )
    return user


def diary(
    user: User,
    days: int,
    *,
    back: Pain = lambda i: 5,
    knee: Pain = lambda i: 5,
    start: date = START,
    **extra: object,
) -> None:
    """One diary entry a day for `days` days: back and right-knee pain by day number."""
    DiaryEntry.objects.bulk_create(
        DiaryEntry(
            person=user,
            day=start + timedelta(days=i),
            back_pain=back(i),
            knee_pain_right=knee(i),
            walking_minutes=20 + i % 10,
            weight_kg=Decimal("60.0") if i % 7 == 0 else None,
            **extra,
        )
        for i in range(days)
    )


def history(user: User, days: int, start: date = START) -> None:
    """Daily diary, a session a day and a PSFS every four weeks, for `days` days."""
    diary(user, days, back=lambda i: 6 - min(i // 30, 3), start=start)
    ExerciseSession.objects.bulk_create(
        ExerciseSession(
            person=user,
            client_id=uuid.uuid4(),
            started_at=at_noon(start + timedelta(days=i)),
            finished_at=at_noon(start + timedelta(days=i)) + timedelta(minutes=9),
            pain_during=3,
        )
        for i in range(days)
    )
    OutcomeResponse.objects.bulk_create(
        OutcomeResponse(
            person=user,
            instrument="psfs",
            answers={"1": 4, "2": 5, "3": 6},
            scores={"score": 5.0, "activities": 3},
            taken_on=start + timedelta(days=i),
        )
        for i in range(0, days, 28)
    )
