"""Reads for Today: which check-ins are due and when the next ones are."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import (
    OutcomeResponse,
)
from hizakoshi.journey.plan.selectors import journey_start_day

# --- schedules -------------------------------------------------------------------------------
OUTCOME_EVERY = timedelta(weeks=4)  # issue 3 §6: outcome measures every 4 weeks


OUTCOME_EARLY = timedelta(days=7)  # a measure taken up to a week early counts for that date


SCHEDULED_INSTRUMENTS = ("nrs", "psfs")  # the two whose text ships (clinical-spec §3)


def outcomes_due(
    *,
    person: User,
    today: date,
    instruments: Sequence[str] = SCHEDULED_INSTRUMENTS,
) -> list[str]:
    """Instruments due now: one every four weeks from the first assessment (the first on that
    day, as the baseline), unless taken since a week before the latest due date."""
    start = journey_start_day(person=person)
    if start is None or today < start:
        return []
    due_on = start + ((today - start) // OUTCOME_EVERY) * OUTCOME_EVERY
    taken = set(
        OutcomeResponse.objects.filter(
            person=person,
            instrument__in=list(instruments),
            taken_on__gte=due_on - OUTCOME_EARLY,
            taken_on__lte=today,
        ).values_list("instrument", flat=True)
    )
    return [name for name in instruments if name not in taken]


def next_outcomes_day(*, person: User, today: date) -> date | None:
    start = journey_start_day(person=person)
    if start is None:
        return None
    return start + ((today - start) // OUTCOME_EVERY + 1) * OUTCOME_EVERY
