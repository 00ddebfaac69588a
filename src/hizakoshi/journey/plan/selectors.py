"""Reads of the plan: the latest assessment, the active plan items and walking target, the day
the journey started and the changes made to the plan. Scoped to one person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.model import Text
from hizakoshi.journey.models import (
    Assessment,
    PlanItem,
    PlanOrigin,
    WalkingTarget,
)


def assessment_latest(*, person: User) -> Assessment | None:
    return Assessment.objects.filter(person=person).order_by("-created_at", "-pk").first()


def plan_items_active(*, person: User) -> QuerySet[PlanItem]:
    return PlanItem.objects.filter(person=person, active=True).order_by("position", "pk")


def walking_target_active(*, person: User) -> WalkingTarget | None:
    return WalkingTarget.objects.filter(person=person, active=True).first()


def plan_item_for(*, person: User, exercise_id: str) -> PlanItem | None:
    return PlanItem.objects.filter(person=person, exercise_id=exercise_id, active=True).first()


def exercises_removed_by_clinician(*, person: User) -> set[str]:
    """Exercises a clinician took out of the plan: no active row, and a row a clinician ended.
    Only a clinician starts them again (care.journey.planorigin), so a row they ended without a
    successor is the last one."""
    ended = PlanItem.objects.filter(person=person, active=False, end_origin=PlanOrigin.CLINICIAN)
    active = PlanItem.objects.filter(person=person, active=True).values_list("exercise_id")
    return set(ended.exclude(exercise_id__in=active).values_list("exercise_id", flat=True))


# --- the journey's calendar ------------------------------------------------------------------


def journey_start_day(*, person: User) -> date | None:
    """The day of the first assessment kept in the account: every schedule counts from it."""
    first = Assessment.objects.filter(person=person).order_by("created_at", "pk").first()
    return None if first is None else timezone.localdate(first.created_at)


# --- plan changes --------------------------------------------------------------


@dataclass(frozen=True)
class PlanChangeView:
    exercise_id: str | None  # None: walking
    started_on: date
    reason: Text


def _text(value: Any) -> Text | None:
    if isinstance(value, dict) and isinstance(value.get("ja"), str):
        return Text(ja=value["ja"], en=str(value.get("en", "")))
    return None


def plan_changes_since(*, person: User, since: date) -> list[PlanChangeView]:
    """Amounts changed by the weekly review or a clinician from `since` on, with their reasons.

    A change is a row that took over from a row of the same exercise ended that day; new plans
    from a self-check start rows without a predecessor, so they are not listed here.
    """
    found: list[PlanChangeView] = []
    items = PlanItem.objects.filter(person=person, started_on__gte=since, reason__isnull=False)
    ended = {
        (row.exercise_id, row.ended_on)
        for row in PlanItem.objects.filter(person=person, active=False, ended_on__gte=since)
    }
    for item in items.order_by("-started_on", "position"):
        reason = _text(item.reason)
        if reason and (item.exercise_id, item.started_on) in ended:
            found.append(PlanChangeView(item.exercise_id, item.started_on, reason))
    # A new plan from a self-check also ends the walking target and starts one (no predecessor
    # test works there), but it starts exercise rows without a reason on the same day.
    new_plans = set(
        PlanItem.objects.filter(
            person=person, started_on__gte=since, reason__isnull=True
        ).values_list("started_on", flat=True)
    )
    ended_walks = set(
        WalkingTarget.objects.filter(person=person, active=False, ended_on__gte=since).values_list(
            "ended_on", flat=True
        )
    )
    walks = WalkingTarget.objects.filter(person=person, started_on__gte=since)
    for walk in walks.order_by("-started_on", "-pk"):
        reason = _text(walk.reason)
        if reason and walk.started_on in ended_walks and walk.started_on not in new_plans:
            found.append(PlanChangeView(None, walk.started_on, reason))
    return found
