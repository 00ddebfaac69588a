"""A linked patient on a plan, and the clinic's doctor signed in on the plan page."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import PlanItem, WalkingTarget


def plan_url(person: User) -> str:
    return reverse("clinic:plan", kwargs={"person_id": person.pk})


def post(client: Client, person: User, action: str, **fields: Any) -> Any:
    return client.post(plan_url(person), {"action": action, **fields})


def active(person: User) -> dict[str, PlanItem]:
    return {p.exercise_id: p for p in PlanItem.objects.filter(person=person, active=True)}


def walking(person: User) -> WalkingTarget:
    return WalkingTarget.objects.get(person=person, active=True)


def dose(**changes: Any) -> dict[str, Any]:
    """The bridge's form fields at level 2, 3 sets of 12, once a day, with changes."""
    return {"level": 2, "sets": 3, "reps": 12, "hold_seconds": 5, "times_per_day": 1} | changes
