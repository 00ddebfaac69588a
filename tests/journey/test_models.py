"""The database refuses records that must never exist, whatever the forms let through."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError, transaction

from hizakoshi.journey.models import DiaryEntry, ExerciseSession, PlanItem, SessionItem
from people import person

pytestmark = pytest.mark.django_db
DAY = date(2025, 3, 3)


def refused(make: object) -> bool:
    try:
        with transaction.atomic():
            assert callable(make)
            make()
    except IntegrityError:
        return True
    return False


def test_a_pain_above_ten_is_refused() -> None:
    p = person("a@example.jp")
    assert refused(lambda: DiaryEntry.objects.create(person=p, day=DAY, back_pain=11))


def test_a_second_diary_entry_for_the_same_day_is_refused() -> None:
    p = person("a@example.jp")
    DiaryEntry.objects.create(person=p, day=DAY)
    assert refused(lambda: DiaryEntry.objects.create(person=p, day=DAY))


def test_a_session_sent_twice_with_the_same_client_id_is_stored_once() -> None:
    p = person("a@example.jp")
    sent = {
        "person": p,
        "client_id": uuid.uuid4(),
        "started_at": datetime(2025, 3, 3, tzinfo=UTC),
    }
    ExerciseSession.objects.create(**sent)
    assert refused(lambda: ExerciseSession.objects.create(**sent))


def test_a_skipped_exercise_needs_a_reason() -> None:
    p = person("a@example.jp")
    s = ExerciseSession.objects.create(
        person=p, client_id=uuid.uuid4(), started_at=datetime(2025, 3, 3, tzinfo=UTC)
    )
    assert refused(
        lambda: SessionItem.objects.create(
            person=p, session=s, position=0, exercise_id="x", skipped=True
        )
    )


def test_only_one_active_amount_per_exercise() -> None:
    p = person("a@example.jp")
    row = {
        "person": p,
        "exercise_id": "quad_set",
        "sets": 1,
        "reps": 10,
        "start_dose": {},
        "started_on": DAY,
        "origin": "selfcheck",
    }
    PlanItem.objects.create(**row)
    assert refused(lambda: PlanItem.objects.create(**row))
    PlanItem.objects.create(**(row | {"active": False, "ended_on": DAY}))
