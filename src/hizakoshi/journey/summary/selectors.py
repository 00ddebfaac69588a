"""Reads for the printable summary: everything about one person that a doctor would ask for.
Reads only (a GET of the summary never reviews the plan or raises a message)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hizakoshi.accounts.models import User
from hizakoshi.journey.checkins.selectors import outcomes_of
from hizakoshi.journey.function_tests.selectors import function_tests_latest
from hizakoshi.journey.models import (
    Assessment,
    Escalation,
    FunctionTest,
    OutcomeResponse,
    PlanItem,
    WalkingTarget,
)
from hizakoshi.journey.pause.selectors import PauseNow, pause_now, person_age
from hizakoshi.journey.plan.selectors import (
    assessment_latest,
    journey_start_day,
    plan_items_active,
    walking_target_active,
)
from hizakoshi.journey.progress.selectors import MeasureRecords, measure_records

# The check-ins a doctor reads first: pain, the person's own goals, then the questionnaires a
# clinic may have added. Each is shown with its latest answer only.
INSTRUMENTS = ("nrs", "psfs", "start-back", "koos", "koos-12", "koos-ps", "rmdq", "odi")
# A doctor wants every message of the journey, not only this month's; the newest few suffice.
ESCALATIONS_SHOWN = 5


@dataclass(frozen=True)
class SummaryRecords:
    today: date
    start: date | None
    age: int | None
    assessment: Assessment | None
    plan: list[PlanItem]
    walking: WalkingTarget | None
    measures: MeasureRecords
    outcomes: dict[str, list[OutcomeResponse]] = field(default_factory=dict)
    tests: dict[str, FunctionTest] = field(default_factory=dict)
    escalations: list[Escalation] = field(default_factory=list)
    pause: PauseNow | None = None


def summary_records(*, person: User, today: date) -> SummaryRecords:
    # NRS keeps knee and back as two rows of one day: the latest two are one answer.
    outcomes = {
        name: rows
        for name in INSTRUMENTS
        if (rows := outcomes_of(person=person, instrument=name, limit=2 if name == "nrs" else 1))
    }
    return SummaryRecords(
        today=today,
        start=journey_start_day(person=person),
        age=person_age(person=person, today=today),
        assessment=assessment_latest(person=person),
        plan=list(plan_items_active(person=person)),
        walking=walking_target_active(person=person),
        measures=measure_records(person=person, today=today),
        outcomes=outcomes,
        tests=function_tests_latest(person=person),
        escalations=escalations_latest(person=person, today=today),
        pause=pause_now(person=person, today=today),
    )


def escalations_latest(*, person: User, today: date) -> list[Escalation]:
    found = Escalation.objects.filter(person=person, raised_on__lte=today)
    return list(found.order_by("-raised_on", "-pk")[:ESCALATIONS_SHOWN])
