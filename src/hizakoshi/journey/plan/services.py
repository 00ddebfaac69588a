"""Writes of the plan: starting the journey from an assessment, and each change of a plan item
or of the walking target, stored as a new row with its reason."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import Dose
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.care.model import Answers, Lang, Text
from hizakoshi.care.model import Assessment as CareAssessment
from hizakoshi.journey.models import (
    Assessment,
    AssessmentSource,
    PlanItem,
    WalkingTarget,
    WalkingUnit,
)
from hizakoshi.journey.models.plan import Profile
from hizakoshi.site.signals import records_changed_send


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
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
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
    _end_active(person=person, on=today)
    for position, exercise in enumerate(plan.exercises):
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
        )
    WalkingTarget.objects.create(
        person=person,
        unit=WalkingUnit.MINUTES,
        per_day=plan.walking.minutes_per_day,
        days_per_week=plan.walking.days_per_week,
        started_on=today,
        reason=plan.walking.text.model_dump(),
    )
    return stored


def _end_active(*, person: User, on: date) -> None:
    PlanItem.objects.filter(person=person, active=True).update(active=False, ended_on=on)
    WalkingTarget.objects.filter(person=person, active=True).update(active=False, ended_on=on)


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
def plan_item_change(*, item: PlanItem, dose: Dose, reason: Text, on: date) -> PlanItem:
    """End `item` and start the next amount of the same exercise (progression or step back)."""
    PlanItem.objects.filter(pk=item.pk).update(active=False, ended_on=max(on, item.started_on))
    return PlanItem.objects.create(
        person_id=item.person_id,
        assessment_id=item.assessment_id,
        exercise_id=item.exercise_id,
        position=item.position,
        start_dose=item.start_dose,
        started_on=max(on, item.started_on),
        reason=reason.model_dump(),
        **_dose_fields(dose),
    )


@transaction.atomic
def walking_target_change(
    *,
    person: User,
    target: WalkingAmount,
    reason: Text,
    on: date,
    from_baseline: bool = False,
) -> WalkingTarget:
    WalkingTarget.objects.filter(person=person, active=True).update(active=False, ended_on=on)
    return WalkingTarget.objects.create(
        person=person,
        unit=target.unit,
        per_day=target.per_day,
        days_per_week=target.days_per_week,
        from_baseline=from_baseline,
        started_on=on,
        reason=reason.model_dump(),
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
