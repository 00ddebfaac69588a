"""The demo's quick insert stores rows exactly as Django's own save would read them back."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from hizakoshi.accounts.models import User
from hizakoshi.clinic.demo.fast import insert_rows
from hizakoshi.journey.models import DailyLife, DiaryEntry, ExerciseSession, Feeling

pytestmark = pytest.mark.django_db


def test_diary_rows_read_back_with_every_kind_of_value(patient: User) -> None:
    rows = [
        DiaryEntry(
            person=patient,
            day=date(2025, 3, n),
            knee_pain_right=n,
            back_pain=None,
            skipped_walk_for_pain=n == 2,
            next_morning_back_to_usual=None if n == 1 else True,
            daily_life=DailyLife.MODERATE,
            weight_kg=Decimal("59.5"),
            red_flag_signs=["leg_weakness"] if n == 2 else [],
            events={"fell": True} if n == 2 else {},
            notes="階段がつらい",
        )
        for n in (1, 2, 3)
    ]
    assert insert_rows(DiaryEntry, rows) == 3
    second = DiaryEntry.objects.get(person=patient, day=date(2025, 3, 2))
    assert (second.knee_pain_right, second.back_pain, second.skipped_walk_for_pain) == (
        2,
        None,
        True,
    )
    assert second.red_flag_signs == ["leg_weakness"] and second.events == {"fell": True}
    assert second.weight_kg == Decimal("59.5") and second.notes == "階段がつらい"
    assert second.created_at is not None and second.updated_at is not None
    first = DiaryEntry.objects.get(person=patient, day=date(2025, 3, 1))
    assert first.red_flag_signs == [] and first.next_morning_back_to_usual is None
    assert DiaryEntry.objects.filter(person=patient).exclude(red_flag_signs=[]).count() == 1


def test_session_times_and_ids_read_back_unchanged(patient: User) -> None:
    began = datetime(2025, 3, 3, 0, 30, tzinfo=UTC)
    client_id = uuid.uuid4()
    session = ExerciseSession(
        person=patient,
        client_id=client_id,
        started_at=began,
        finished_at=began,
        pain_during=3,
        feeling=Feeling.SAME,
        created_at=began,  # given: kept, not replaced by the moment of loading
    )
    insert_rows(ExerciseSession, [session])
    saved = ExerciseSession.objects.get(person=patient)
    assert (saved.client_id, saved.started_at, saved.created_at) == (client_id, began, began)
