"""Writes for the check-ins: questionnaire answers, NRS, PSFS activities and ratings. Scores
always come from the core (care.scoring), never from the page."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Literal

from django.db import transaction

from hizakoshi.accounts.models import User
from hizakoshi.care.scoring import score
from hizakoshi.care.scoring.pain import PSFS_MAX_ACTIVITIES, PSFS_MIN_ACTIVITIES
from hizakoshi.journey.models import (
    OutcomeResponse,
    PsfsActivity,
)
from hizakoshi.site.signals import records_changed_send

log = logging.getLogger(__name__)


NrsRegion = Literal["knee", "back"]


# --- outcome measures ----------------------------------------------------------------------------


@transaction.atomic
def outcome_record(
    *,
    person: User,
    instrument: str,
    answers: Mapping[str, int | None],
    taken_on: date,
    extra: Mapping[str, object] | None = None,
) -> OutcomeResponse:
    """Score and store one questionnaire. ScoreInputError (naming the item) for a bad answer:
    then nothing is stored. `extra` adds context to the stored scores (NRS region, PSFS
    activity names) that the scoring engine does not know about."""
    stored = _outcome_store(
        person=person, instrument=instrument, answers=answers, taken_on=taken_on, extra=extra
    )
    records_changed_send(person=person)
    return stored


def _outcome_store(
    *,
    person: User,
    instrument: str,
    answers: Mapping[str, int | None],
    taken_on: date,
    extra: Mapping[str, object] | None,
) -> OutcomeResponse:
    # Without the signal: a service storing several answers sends it once, after all of them.
    answered = {k: v for k, v in answers.items() if v is not None}
    scores = score(instrument, answered).as_dict() | dict(extra or {})
    return OutcomeResponse.objects.create(
        person=person, instrument=instrument, answers=answered, scores=scores, taken_on=taken_on
    )


@transaction.atomic
def nrs_record(
    *, person: User, pains: Mapping[NrsRegion, int], taken_on: date
) -> list[OutcomeResponse]:
    """Knee and back are two NRS answers (one item each); the region goes with the scores."""
    stored = [
        _outcome_store(
            person=person,
            instrument="nrs",
            answers={"pain": value},
            taken_on=taken_on,
            extra={"region": region},
        )
        for region, value in pains.items()
    ]
    records_changed_send(person=person)
    return stored


@transaction.atomic
def psfs_activities_set(*, person: User, names: Sequence[str], today: date) -> list[PsfsActivity]:
    """The 3-5 activities the person names; the previous ones stop being rated."""
    if not PSFS_MIN_ACTIVITIES <= len(names) <= PSFS_MAX_ACTIVITIES or any(
        not n.strip() for n in names
    ):
        raise ValueError(f"name {PSFS_MIN_ACTIVITIES} to {PSFS_MAX_ACTIVITIES} activities")
    PsfsActivity.objects.filter(person=person, active=True).update(active=False)
    return [
        PsfsActivity.objects.create(person=person, name=name.strip()[:200], created_on=today)
        for name in names
    ]


@transaction.atomic
def psfs_record(
    *, person: User, ratings: Sequence[tuple[PsfsActivity, int]], taken_on: date
) -> OutcomeResponse:
    """Ratings in the activities' order become items "1".."5"; their names are kept with the
    scores, so an old response still says what was rated after the activities change."""
    if any(a.person_id != person.pk for a, _ in ratings):
        raise ValueError("an activity of another person")
    answers = {str(i): value for i, (_, value) in enumerate(ratings, start=1)}
    names = {str(i): a.name for i, (a, _) in enumerate(ratings, start=1)}
    return outcome_record(
        person=person, instrument="psfs", answers=answers, taken_on=taken_on, extra={"names": names}
    )
