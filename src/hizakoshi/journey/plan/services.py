"""Writes of the plan: starting the journey from an assessment, and each change of a plan item
or of the walking target, stored as a new row with its reason and where it came from (`ChangeBy`:
a self-check, the weekly review, a clinician). The core decides what the automatic rules may
replace (care.journey.planorigin): a retaken self-check leaves a clinician's rows as they are."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import Dose
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.care.journey.planorigin import (
    PlanRow,
    selfcheck_plan_merge,
    selfcheck_replaces_walking,
)
from hizakoshi.care.model import Answers, Lang, Text
from hizakoshi.care.model import Assessment as CareAssessment
from hizakoshi.journey.models import (
    Assessment,
    AssessmentSource,
    PlanItem,
    PlanOrigin,
    WalkingTarget,
    WalkingUnit,
)
from hizakoshi.journey.models.plan import Profile
from hizakoshi.journey.plan.selectors import exercises_removed_by_clinician
from hizakoshi.site.signals import records_changed_send


@dataclass(frozen=True)
class ChangeBy:
    """Where a change of the plan comes from: kept on the rows it starts and ends."""

    origin: PlanOrigin
    user: User | None = None  # the clinician
    label: str = ""  # their display name and role at the time
    at: datetime = field(default_factory=timezone.now)

    def fields(self) -> dict[str, object]:
        return {
            "origin": self.origin,
            "changed_by": self.user,
            "changed_by_label": self.label,
            "changed_at": self.at,
        }


def by_selfcheck(now: datetime | None = None) -> ChangeBy:
    return ChangeBy(PlanOrigin.SELFCHECK, at=now or timezone.now())


def by_weekly_review() -> ChangeBy:
    return ChangeBy(PlanOrigin.WEEKLY)


def plan_lock(*, person: User) -> None:
    # One writer of a person's plan at a time: the weekly review, a self-check and clinicians
    # take turns (PostgreSQL row lock; SQLite's write transactions are IMMEDIATE already).
    User.objects.select_for_update().filter(pk=person.pk).first()


@transaction.atomic
def journey_start_from_assessment(
    *,
    person: User,
    answers: Answers,
    assessment: CareAssessment,
    source: AssessmentSource = AssessmentSource.CLAIMED,
    lang: Lang = "ja",
    now: datetime | None = None,
) -> Assessment:
    """Keep a self-check result in the account and make its plan the person's plan.

    A result with self-care paused (a warning sign) has no plan: it is kept, and the plan the
    person had stays as it was, since the page tells them to stop and see a doctor first.
    A clinician's rows stay too, and an exercise a clinician took out does not come back.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    plan_lock(person=person)
    stored = Assessment.objects.create(
        person=person,
        answers=answers.model_dump(mode="json"),
        assessment=assessment.model_dump(mode="json"),
        engine_version=assessment.engine_version,
        content_hash=assessment.content_hash,
        lang=lang,
        source=source,
        created_at=now,
    )
    _profile_height_from(person=person, answers=answers)
    records_changed_send(person=person, now=now)  # a self-check kept or retaken
    plan = assessment.plan
    if plan is None:
        return stored
    change = by_selfcheck(now)
    active = PlanItem.objects.filter(person=person, active=True)
    merge = selfcheck_plan_merge(
        [PlanRow(exercise_id=i.exercise_id, origin=i.plan_origin) for i in active],
        [e.id for e in plan.exercises],
        removed_by_clinician=exercises_removed_by_clinician(person=person),
    )
    active.filter(exercise_id__in=merge.end).update(
        active=False, ended_on=today, end_origin=change.origin
    )
    for position, exercise in enumerate(plan.exercises):
        if exercise.id not in merge.start:
            continue
        dose = Dose.from_dosage(exercise.dosage)
        PlanItem.objects.create(
            person=person,
            assessment=stored,
            exercise_id=exercise.id,
            position=position,
            start_dose=dose.model_dump(mode="json"),
            started_on=today,
            reason=None,
            **_dose_fields(dose),
            **change.fields(),
        )
    walking = WalkingTarget.objects.filter(person=person, active=True).first()
    if selfcheck_replaces_walking(None if walking is None else walking.plan_origin):
        WalkingTarget.objects.filter(person=person, active=True).update(
            active=False, ended_on=today, end_origin=change.origin
        )
        WalkingTarget.objects.create(
            person=person,
            unit=WalkingUnit.MINUTES,
            per_day=plan.walking.minutes_per_day,
            days_per_week=plan.walking.days_per_week,
            started_on=today,
            reason=plan.walking.text.model_dump(),
            **change.fields(),
        )
    return stored


def _dose_fields(dose: Dose) -> dict[str, object]:
    return {
        "level": dose.level,
        "sets": dose.sets,
        "reps": dose.reps,
        "hold_seconds": dose.hold_seconds,
        "times_per_day": dose.times_per_day,
        "per_side": dose.per_side,
    }


@transaction.atomic
def plan_item_change(
    *, item: PlanItem, dose: Dose, reason: Text, on: date, change: ChangeBy
) -> PlanItem:
    """End `item` and start the next amount of the same exercise (a weekly step up or back, or a
    clinician's dose)."""
    day = max(on, item.started_on)
    PlanItem.objects.filter(pk=item.pk).update(active=False, ended_on=day, end_origin=change.origin)
    return PlanItem.objects.create(
        person_id=item.person_id,
        assessment_id=item.assessment_id,
        exercise_id=item.exercise_id,
        position=item.position,
        start_dose=item.start_dose,
        started_on=day,
        reason=reason.model_dump(),
        **_dose_fields(dose),
        **change.fields(),
    )


@transaction.atomic
def plan_item_add(
    *,
    person: User,
    exercise_id: str,
    dose: Dose,
    reason: Text,
    on: date,
    change: ChangeBy,
) -> PlanItem:
    """Start an exercise that is not in the plan (a clinician's choice), last in the session;
    its dose is where its ladder starts."""
    last = PlanItem.objects.filter(person=person, active=True).order_by("-position").first()
    return PlanItem.objects.create(
        person=person,
        exercise_id=exercise_id,
        position=0 if last is None else last.position + 1,
        start_dose=dose.model_dump(mode="json"),
        started_on=on,
        reason=reason.model_dump(),
        **_dose_fields(dose),
        **change.fields(),
    )


@transaction.atomic
def plan_item_end(*, item: PlanItem, on: date, change: ChangeBy) -> None:
    """Take an exercise out of the plan; the row is kept, ended, with who ended it."""
    PlanItem.objects.filter(pk=item.pk).update(
        active=False, ended_on=max(on, item.started_on), end_origin=change.origin
    )


@transaction.atomic
def walking_target_change(
    *,
    person: User,
    target: WalkingAmount,
    reason: Text,
    on: date,
    change: ChangeBy,
    from_baseline: bool = False,
) -> WalkingTarget:
    WalkingTarget.objects.filter(person=person, active=True).update(
        active=False, ended_on=on, end_origin=change.origin
    )
    return WalkingTarget.objects.create(
        person=person,
        unit=target.unit,
        per_day=target.per_day,
        days_per_week=target.days_per_week,
        from_baseline=from_baseline,
        started_on=on,
        reason=reason.model_dump(),
        **change.fields(),
    )


@transaction.atomic
def _profile_height_from(*, person: User, answers: Answers) -> None:
    # The self-check asked for the height already: the function tests and BMI need it, and the
    # person should not have to type it twice. A height they set on the profile is kept.
    if answers.height_cm is None or not 100 <= answers.height_cm <= 230:
        return
    profile, _ = Profile.objects.get_or_create(person=person)
    if profile.height_cm is None:
        profile.height_cm = Decimal(str(round(answers.height_cm, 1)))
        profile.save(update_fields=["height_cm", "updated_at"])
