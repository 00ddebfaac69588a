"""Reads for the clinic's outcomes report: one `Episode` per live care link, for the core
(care/clinic/outcomes.py) to judge. No names and no ids leave this module.

A fixed number of queries whatever the number of patients (tests/clinic/reports checks it): the
links, the journey starts, the measured questionnaires, the finished sessions' days, and the last
day of each kind of record, each one query over every linked person at once (the links as a
subquery, so no list of ids travels to the database).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Max, Min, QuerySet
from django.utils import timezone

from hizakoshi.care.clinic.outcomes import Episode, Score, instruments_measured, scores_of
from hizakoshi.clinic.models import CareLink, Clinic
from hizakoshi.journey.models import (
    SESSION_DAY_FROM,
    Assessment,
    DiaryEntry,
    ExerciseSession,
    FunctionTest,
    OutcomeResponse,
)


def _live_links(clinic: Clinic) -> QuerySet[CareLink]:
    # As the access door: a live link of an active account (an ended link withdrew the consent).
    return CareLink.objects.filter(clinic=clinic, ended_at__isnull=True, person__is_active=True)


def _latest(found: dict[int, date], rows: Iterable[tuple[int, date | None]]) -> None:
    for person_id, day in rows:
        if day is not None and (person_id not in found or day > found[person_id]):
            found[person_id] = day


def _last_days(people: QuerySet[CareLink, Any], today: date) -> dict[int, date]:
    """Each person's last diary day, questionnaire and function test (one query each)."""
    found: dict[int, date] = {}
    kinds: tuple[QuerySet[Any], ...] = (
        DiaryEntry.objects.filter(person_id__in=people, day__lte=today)
        .values("person_id")
        .annotate(last=Max("day")),
        OutcomeResponse.objects.filter(person_id__in=people, taken_on__lte=today)
        .values("person_id")
        .annotate(last=Max("taken_on")),
        FunctionTest.objects.filter(person_id__in=people, taken_on__lte=today)
        .values("person_id")
        .annotate(last=Max("taken_on")),
    )
    for rows in kinds:
        _latest(found, rows.values_list("person_id", "last"))
    return found


def clinic_episodes(*, clinic: Clinic, today: date) -> list[Episode]:
    """The clinic's live links as episodes, records up to `today` only."""
    tz = timezone.get_current_timezone()
    links = dict(_live_links(clinic).values_list("person_id", "linked_at"))
    people = _live_links(clinic).values("person_id")
    starts = dict(
        Assessment.objects.filter(person_id__in=people)
        .values("person_id")
        .annotate(first=Min("created_at"))
        .values_list("person_id", "first")
    )
    scores: dict[int, dict[str, list[Score]]] = defaultdict(lambda: defaultdict(list))
    for person_id, instrument, stored, taken_on in (
        OutcomeResponse.objects.filter(
            person_id__in=people, instrument__in=instruments_measured(), taken_on__lte=today
        )
        .order_by("taken_on", "pk")
        .values_list("person_id", "instrument", "scores", "taken_on")
        .iterator(chunk_size=2000)
    ):
        for measure, value in scores_of(instrument, stored).items():
            scores[person_id][measure].append(Score(day=taken_on, value=value))
    sessions: dict[int, list[date]] = defaultdict(list)
    # The local day is taken here, not with TruncDate: SQLite would parse every row's time in
    # Python twice (filter and select), about four times slower for a clinic's sessions.
    day_after = datetime.combine(today + timedelta(days=1), time(), tzinfo=tz)
    for person_id, began in (
        ExerciseSession.objects.filter(
            person_id__in=people,
            finished_at__isnull=False,
            **{f"{SESSION_DAY_FROM}__lt": day_after},
        )
        .values_list("person_id", SESSION_DAY_FROM)
        .iterator(chunk_size=2000)
    ):
        sessions[person_id].append(timezone.localdate(began, tz))
    last = _last_days(people, today)
    _latest(last, ((person_id, max(days)) for person_id, days in sessions.items()))
    episodes = []
    for person_id, linked_at in links.items():
        started = starts.get(person_id)
        start = timezone.localdate(linked_at, tz)
        if started is not None:
            start = max(start, timezone.localdate(started, tz))
        episodes.append(
            Episode(
                start=start,
                scores={m: tuple(s) for m, s in scores.get(person_id, {}).items()},
                session_days=tuple(sessions.get(person_id, ())),
                last_activity=last.get(person_id),
            )
        )
    return episodes
