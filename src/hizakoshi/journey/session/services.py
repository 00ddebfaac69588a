"""Writes of the guided session: a finished session with its items."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from django.db import IntegrityError, transaction

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import (
    ExerciseSession,
    SessionItem,
)
from hizakoshi.journey.session.forms import ItemDone
from hizakoshi.site.signals import records_changed_send


def session_record(
    *,
    person: User,
    client_id: uuid.UUID,
    started_at: datetime,
    finished_at: datetime,
    pain_during: int | None,
    feeling: str,
    items: Sequence[ItemDone],
) -> tuple[ExerciseSession, bool]:
    """Keep a finished session with its exercises, all or nothing.

    The phone sends the same session again when it did not hear back; the second time finds the
    first (same client_id) and stores nothing. Returns the session and whether it is new.
    """
    existing = ExerciseSession.objects.filter(person=person, client_id=client_id).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            session = ExerciseSession.objects.create(
                person=person,
                client_id=client_id,
                started_at=started_at,
                finished_at=max(finished_at, started_at),
                pain_during=pain_during,
                feeling=feeling,
            )
            SessionItem.objects.bulk_create(
                SessionItem(
                    person=person,
                    session=session,
                    position=position,
                    exercise_id=item.exercise_id,
                    level=item.level,
                    reps_done=item.reps_done,
                    sets_done=item.sets_done,
                    hold_seconds=item.hold_seconds,
                    skipped=bool(item.skip_reason),
                    skip_reason=item.skip_reason,
                )
                for position, item in enumerate(items)
            )
            records_changed_send(person=person)
    except IntegrityError:
        # Two copies arrived at once: the other one was stored.
        existing = ExerciseSession.objects.filter(person=person, client_id=client_id).first()
        if existing is None:
            raise
        return existing, False
    return session, True
