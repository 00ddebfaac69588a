"""Is the person's self-care paused now? The one place that decides, for Today, the guided
session and the weekly review: by the latest self-check (a warning sign in its result), or by a
diary warning sign not yet covered by a doctor's visit the person recorded (care.journey.pause).

Also the person's age and weights as the diary's rules read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import (
    Clearance,
    DiaryPause,
    DiaryReport,
    Weight,
    WeightLossNotice,
    diary_known_signs,
    diary_pause,
    weight_loss_check,
    weight_loss_window_start,
)
from hizakoshi.journey.models import Assessment, DiaryEntry, ResumeRecord
from hizakoshi.journey.plan.selectors import assessment_latest


@dataclass(frozen=True)
class PauseNow:
    by_assessment: bool  # the latest self-check found a sign that pauses self-care
    diary: DiaryPause | None  # diary signs not yet covered by a doctor's visit

    @property
    def paused(self) -> bool:
        return self.by_assessment or self.diary is not None


def assessment_paused(assessment: Assessment | None) -> bool:
    stored = (assessment.assessment or {}).get("triage", {}) if assessment else {}
    return bool(stored.get("self_care_paused"))


def diary_pause_now(*, person: User, today: date) -> DiaryPause | None:
    known = {rule.id for rule in diary_known_signs()}
    rows = DiaryEntry.objects.filter(person=person, day__lte=today).values_list(
        "day", "red_flag_signs"
    )
    # A sign later removed from the content is not a reason to stop everything.
    reports = [
        DiaryReport(day=day, signs=tuple(s for s in signs if s in known))
        for day, signs in rows
        if signs and any(s in known for s in signs)
    ]
    if not reports:
        return None
    clearances = [
        Clearance(seen_on=seen_on, signs=tuple(signs))
        for seen_on, signs in ResumeRecord.objects.filter(person=person).values_list(
            "seen_on", "signs"
        )
    ]
    return diary_pause(reports, clearances, today=today)


def pause_now(*, person: User, today: date) -> PauseNow:
    return PauseNow(
        by_assessment=assessment_paused(assessment_latest(person=person)),
        diary=diary_pause_now(person=person, today=today),
    )


def self_care_paused_now(*, person: User, today: date) -> bool:
    return pause_now(person=person, today=today).paused


def person_age(*, person: User, today: date) -> int | None:
    """The age the latest self-check gave, plus the whole years since (None: not known)."""
    latest = assessment_latest(person=person)
    age = (latest.answers or {}).get("age") if latest else None
    if latest is None or not isinstance(age, int):
        return None
    return age + (today - timezone.localdate(latest.created_at)).days * 4 // 1461


def weight_loss_now(*, person: User, today: date) -> WeightLossNotice | None:
    # The core says which days count; only those rows are read.
    first = weight_loss_window_start(today)
    rows = DiaryEntry.objects.filter(
        person=person, day__gte=first, day__lte=today, weight_kg__isnull=False
    ).values_list("day", "weight_kg")
    return weight_loss_check((Weight(day, kg) for day, kg in rows if kg is not None), today=today)
