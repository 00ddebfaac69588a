"""Reads for the clinic's plan page: the person's active plan, the latest changes, the notes the
clinic wrote, and how the clinic knows the person (their care link). Reads only."""

from __future__ import annotations

from dataclasses import dataclass

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import CareLink, Clinic
from hizakoshi.journey.models import ClinicianNote, PlanItem, WalkingTarget
from hizakoshi.journey.notes.selectors import clinician_notes_recent
from hizakoshi.journey.plan.selectors import plan_items_active, walking_target_active

HISTORY_SHOWN = 12


@dataclass(frozen=True)
class PlanRecords:
    link: CareLink | None
    items: list[PlanItem]
    walking: WalkingTarget | None
    history: list[PlanItem | WalkingTarget]  # the latest rows started, newest first
    notes: list[ClinicianNote]


def plan_records(*, person: User, clinic: Clinic) -> PlanRecords:
    link = CareLink.objects.filter(person=person, clinic=clinic, ended_at__isnull=True).first()
    rows: list[PlanItem | WalkingTarget] = [
        *PlanItem.objects.filter(person=person).order_by("-started_on", "-pk")[:HISTORY_SHOWN],
        *WalkingTarget.objects.filter(person=person).order_by("-started_on", "-pk")[:HISTORY_SHOWN],
    ]
    rows.sort(key=lambda r: (r.started_on, r.changed_at.timestamp() if r.changed_at else 0.0))
    return PlanRecords(
        link=link,
        items=list(plan_items_active(person=person)),
        walking=walking_target_active(person=person),
        history=rows[::-1][:HISTORY_SHOWN],
        notes=clinician_notes_recent(person=person, limit=5),
    )
