"""The plan and a clinic's notes in the FHIR export: a CarePlan for each plan row (an exercise's
amount, the walking target; active or ended), with where it came from (a self-check, the weekly
review, a clinician: the category, in our own code system) and who set it; a Communication for
each note a clinician wrote to the person."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from hizakoshi.accounts.models import User
from hizakoshi.care.content import exercises
from hizakoshi.care.journey import WalkingTarget as WalkingAmount
from hizakoshi.journey.models import ClinicianNote, PlanItem, WalkingTarget
from hizakoshi.journey.session.selectors import dose_of

CODE_SYSTEM = "urn:hizakoshi:codesystem:journey"
ORIGIN_SYSTEM = "urn:hizakoshi:codesystem:plan-origin"
ORIGIN_DISPLAY = {
    "selfcheck": "the plan of a self-check",
    "weekly": "the weekly review (pain-monitoring rules)",
    "clinician": "a clinician",
}

Ref = Callable[[str, int], str]


def _care_plan(
    subject: str,
    row: PlanItem | WalkingTarget,
    code: str,
    name: str,
    amount: str,
) -> dict[str, Any]:
    period = {"start": row.started_on.isoformat()}
    if row.ended_on is not None:
        period["end"] = row.ended_on.isoformat()
    origin = {"system": ORIGIN_SYSTEM, "code": row.origin}
    origin["display"] = ORIGIN_DISPLAY.get(row.origin, row.origin)
    plan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "status": "active" if row.active else "completed",
        "intent": "plan",
        "category": [{"coding": [origin]}],
        "subject": {"reference": subject},
        "period": period,
        "activity": [
            {
                "detail": {
                    "code": {"coding": [{"system": CODE_SYSTEM, "code": code}], "text": name},
                    "status": "in-progress" if row.active else "completed",
                    "description": amount,
                }
            }
        ],
    }
    if row.changed_at is not None:
        plan["created"] = row.changed_at.isoformat()
    if row.changed_by_label:
        plan["author"] = {"display": row.changed_by_label}
    reason = row.reason if isinstance(row.reason, dict) else {}
    if isinstance(reason.get("ja"), str) and reason["ja"]:
        plan["note"] = [{"text": reason["ja"]}]
    return plan


def plan_entries(person: User, subject: str, ref: Ref) -> Iterator[dict[str, Any]]:
    known = exercises()
    for item in PlanItem.objects.filter(person=person).order_by("started_on", "pk"):
        found = known.get(item.exercise_id)
        name = found.name.ja if found else item.exercise_id
        resource = _care_plan(
            subject, item, f"exercise:{item.exercise_id}", name, dose_of(item).text().ja
        )
        yield {"fullUrl": ref("plan", item.pk), "resource": resource}
    for walk in WalkingTarget.objects.filter(person=person).order_by("started_on", "pk"):
        amount = WalkingAmount(unit=walk.unit, per_day=walk.per_day).text().ja
        text = f"{amount}・週{walk.days_per_week}日"
        resource = _care_plan(subject, walk, "walking", "ウォーキング", text)
        yield {"fullUrl": ref("walking", walk.pk), "resource": resource}


def note_entries(person: User, subject: str, ref: Ref) -> Iterator[dict[str, Any]]:
    for note in ClinicianNote.objects.filter(person=person).order_by("created_at", "pk"):
        resource: dict[str, Any] = {
            "resourceType": "Communication",
            "status": "completed",
            "subject": {"reference": subject},
            "recipient": [{"reference": subject}],
            "sender": {"display": f"{note.by_label}, {note.clinic_name}"},
            "sent": note.created_at.isoformat(),
            "payload": [{"contentString": note.text}],
        }
        if note.seen_at is not None:
            resource["received"] = note.seen_at.isoformat()
        yield {"fullUrl": ref("note", note.pk), "resource": resource}
