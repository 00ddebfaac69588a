"""Reads for the check-ins (outcome measures): what is due, past answers, the PSFS activities,
the STarT Back risk group. Scoped to one person."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import get_args

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import Due, checkins_due, next_checkin
from hizakoshi.care.journey.content import RiskGroup
from hizakoshi.care.model import Lang
from hizakoshi.care.scoring.pain import PSFS_MAX_ACTIVITIES
from hizakoshi.journey.checkins.wording import clinic_item_texts, instruments_offered
from hizakoshi.journey.models import (
    OutcomeResponse,
    PsfsActivity,
)
from hizakoshi.journey.plan.selectors import journey_start_day

log = logging.getLogger(__name__)


# --- outcome measures ----------------------------------------------------------------------------
# What is due and when comes from the core's one schedule (care.journey.schedule): Today, this
# page, the reminders and the calendar feed ask it with the same days.


def checkins_answered(*, person: User, today: date) -> dict[str, list[date]]:
    """The days each questionnaire was answered, up to `today` (one query)."""
    found: dict[str, list[date]] = {}
    rows = OutcomeResponse.objects.filter(person=person, taken_on__lte=today)
    for name, day in rows.values_list("instrument", "taken_on"):
        found.setdefault(name, []).append(day)
    return found


@dataclass(frozen=True, slots=True)
class CheckinsNow:
    items: list[Due]  # in the order asked for
    next_day: date | None  # the next day a repeated check-in falls due, among those not due


def checkins_now(
    *, person: User, today: date, instruments: Sequence[str] | None = None
) -> CheckinsNow:
    """Each check-in's state on `today` (default: the ones Today reminds of). Without a
    self-check yet, the schedule starts today."""
    start = journey_start_day(person=person) or today
    answered = checkins_answered(person=person, today=today)
    return CheckinsNow(
        checkins_due(start=start, answered=answered, today=today, instruments=instruments),
        next_checkin(start=start, answered=answered, today=today, instruments=instruments),
    )


def outcomes_due(*, person: User, today: date, lang: Lang) -> list[Due]:
    """For each questionnaire offered in `lang`: due now, or answered and when it is next."""
    offered = instruments_offered(lang, clinic_item_texts(person))
    return checkins_now(person=person, today=today, instruments=offered).items


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
    return list(
        PsfsActivity.objects.filter(person=person, active=True).order_by("pk")[:PSFS_MAX_ACTIVITIES]
    )
