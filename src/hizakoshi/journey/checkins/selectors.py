"""Reads for the check-ins (outcome measures): what is due, past answers, the PSFS activities,
the STarT Back risk group. Scoped to one person."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import get_args

from django.db.models import Max, Min
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.journey.content import RiskGroup
from hizakoshi.care.model import Lang
from hizakoshi.journey.checkins.wording import instruments_offered
from hizakoshi.journey.models import (
    Assessment,
    OutcomeResponse,
    PsfsActivity,
)

log = logging.getLogger(__name__)


OUTCOME_EVERY_DAYS = 28  # issue 3 §6: every 4 weeks from the first assessment


# STarT Back screens for the risk of lasting back pain at the start of care (Hill 2008); it is
# not a measure of change, so it is asked once rather than every four weeks.
ONCE = frozenset({"start-back"})


# --- outcome measures ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DueOutcome:
    instrument: str
    last_taken: date | None
    due_on: date  # the scheduled day this round began, or the next one
    due: bool  # not yet answered in the current 4-week round
    once: bool = False  # a screening tool, answered once at the start


def schedule_start(*, person: User) -> date | None:
    """The first assessment's day: self-care and the 4-weekly schedule start there."""
    first = Assessment.objects.filter(person=person).aggregate(first=Min("created_at"))["first"]
    return None if first is None else timezone.localdate(first)


def outcomes_due(
    *, person: User, today: date, lang: Lang, start: date | None = None
) -> list[DueOutcome]:
    """For each instrument offered in `lang`: answered in the current 4-week round, or due now.
    A screening tool (ONCE) is due only until it has been answered once."""
    start = start or schedule_start(person=person) or today
    last = dict(
        OutcomeResponse.objects.filter(person=person)
        .values("instrument")
        .annotate(last=Max("taken_on"))
        .values_list("instrument", "last")
    )
    rounds = max(0, (today - start).days) // OUTCOME_EVERY_DAYS
    this_round = start + timedelta(days=rounds * OUTCOME_EVERY_DAYS)
    found = []
    for name in instruments_offered(lang):
        taken = last.get(name)
        due = taken is None or (taken < this_round and name not in ONCE)
        next_day = this_round if due else this_round + timedelta(days=OUTCOME_EVERY_DAYS)
        found.append(DueOutcome(name, taken, next_day, due, once=name in ONCE))
    return found


def startback_risk_latest(*, person: User) -> RiskGroup | None:
    """The risk group of the person's latest STarT Back answers (None: never answered)."""
    scores = (
        OutcomeResponse.objects.filter(person=person, instrument="start-back")
        .order_by("-taken_on", "-pk")
        .values_list("scores", flat=True)
        .first()
    )
    risk = scores.get("risk") if isinstance(scores, dict) else None
    return risk if risk in get_args(RiskGroup) else None


def outcomes_of(*, person: User, instrument: str, limit: int = 6) -> list[OutcomeResponse]:
    found = OutcomeResponse.objects.filter(person=person, instrument=instrument)
    return list(found.order_by("-taken_on", "-pk")[:limit])


def psfs_activities_active(*, person: User) -> list[PsfsActivity]:
    # At most five are rated (PSFS items "1".."5"); the form never makes more.
    return list(PsfsActivity.objects.filter(person=person, active=True).order_by("pk")[:5])
