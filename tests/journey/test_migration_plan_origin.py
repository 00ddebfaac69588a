"""Migrations 0005 and 0006 give the plan rows made before them the origin their making implies:
exercise rows without a reason came from a self-check's plan, with one from the weekly review; a
walking target is a self-check's when it is the person's first or starts with a new plan. On
SQLite and on PostgreSQL (where no schema change may follow row updates in one transaction)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("journey", "0004_diary_events_and_resume")]
AFTER = [("journey", "0006_clinician_plan_origin_rows")]
D1, D8, D15 = date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 17)


def test_rows_made_before_the_migration_get_the_origin_their_making_implies() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    user = apps.get_model("accounts", "User").objects.create(email="old@example.jp")
    plan = apps.get_model("journey", "PlanItem")
    walk = apps.get_model("journey", "WalkingTarget")
    row = {"person_id": user.pk, "sets": 2, "reps": 10, "start_dose": {}}
    why = {"ja": "順調", "en": "going well"}
    first = plan.objects.create(
        exercise_id="bridge", started_on=D1, ended_on=D8, active=False, **row
    )
    stepped = plan.objects.create(exercise_id="bridge", started_on=D8, reason=why, **row)
    retaken = plan.objects.create(exercise_id="calf_raise", started_on=D15, **row)
    target = {"person_id": user.pk, "unit": "minutes"}
    w1 = walk.objects.create(per_day=10, started_on=D1, active=False, ended_on=D8, **target)
    w2 = walk.objects.create(
        per_day=15, started_on=D8, active=False, ended_on=D15, reason=why, **target
    )
    w3 = walk.objects.create(per_day=10, started_on=D15, reason=why, **target)  # a new plan's

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    plan = apps.get_model("journey", "PlanItem")
    walk = apps.get_model("journey", "WalkingTarget")
    origins = dict(plan.objects.values_list("pk", "origin"))
    assert origins == {first.pk: "selfcheck", stepped.pk: "weekly", retaken.pk: "selfcheck"}
    walks = dict(walk.objects.values_list("pk", "origin"))
    assert walks == {w1.pk: "selfcheck", w2.pk: "weekly", w3.pk: "selfcheck"}
    assert set(plan.objects.values_list("end_origin", flat=True)) == {""}

    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
