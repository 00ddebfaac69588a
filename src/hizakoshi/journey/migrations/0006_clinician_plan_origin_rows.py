"""Rows made before 0005 get the origin their making implies: an exercise row without a reason
was started by a self-check's plan, one with a reason by the weekly review; a walking target is
a self-check's when it is the person's first or starts on a day a self-check's plan started
exercise rows, else the weekly review's. Who ended a row was not recorded before: their
`end_origin` stays empty."""

from django.db import migrations


def origins(apps, schema_editor):  # type: ignore[no-untyped-def]
    PlanItem = apps.get_model("journey", "PlanItem")
    WalkingTarget = apps.get_model("journey", "WalkingTarget")
    PlanItem.objects.filter(reason__isnull=False).update(origin="weekly")
    PlanItem.objects.filter(reason__isnull=True).update(origin="selfcheck")
    new_plans = set(
        PlanItem.objects.filter(reason__isnull=True).values_list("person_id", "started_on")
    )
    seen: set[int] = set()
    weekly: list[int] = []
    for target in WalkingTarget.objects.order_by("person_id", "started_on", "pk"):
        first = target.person_id not in seen
        seen.add(target.person_id)
        if not first and (target.person_id, target.started_on) not in new_plans:
            weekly.append(target.pk)
    WalkingTarget.objects.update(origin="selfcheck")
    WalkingTarget.objects.filter(pk__in=weekly).update(origin="weekly")


class Migration(migrations.Migration):
    dependencies = [("journey", "0005_clinician_plan_origin")]

    operations = [migrations.RunPython(origins, migrations.RunPython.noop)]
