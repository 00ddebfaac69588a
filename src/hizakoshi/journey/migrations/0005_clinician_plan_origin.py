"""Plan rows record where they came from (a self-check's plan, the weekly review, a clinician),
who made them and when; a clinician's note to the person.

Rows made before this migration get the origin their making implies: an exercise row without a
reason was started by a self-check's plan, one with a reason by the weekly review; a walking
target is a self-check's when it is the person's first or starts on a day a self-check's plan
started exercise rows, else the weekly review's. Who ended a row was not recorded before: their
`end_origin` stays empty."""

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


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
    dependencies = [
        ("journey", "0004_diary_events_and_resume"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ClinicianNote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(max_length=500)),
                ("by_label", models.CharField(max_length=80)),
                ("clinic_name", models.CharField(max_length=100)),
                ("created_at", models.DateTimeField()),
                ("seen_at", models.DateTimeField(blank=True, null=True)),
            ],
        ),
        migrations.AddField(
            model_name="planitem",
            name="changed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="planitem",
            name="changed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="planitem",
            name="changed_by_label",
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.AddField(
            model_name="planitem",
            name="end_origin",
            field=models.CharField(
                blank=True,
                choices=[
                    ("selfcheck", "a self-check's plan"),
                    ("weekly", "the weekly review"),
                    ("clinician", "a clinician"),
                ],
                default="",
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="planitem",
            name="origin",
            field=models.CharField(
                choices=[
                    ("selfcheck", "a self-check's plan"),
                    ("weekly", "the weekly review"),
                    ("clinician", "a clinician"),
                ],
                default="selfcheck",
                max_length=12,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="walkingtarget",
            name="changed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="walkingtarget",
            name="changed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="walkingtarget",
            name="changed_by_label",
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.AddField(
            model_name="walkingtarget",
            name="end_origin",
            field=models.CharField(
                blank=True,
                choices=[
                    ("selfcheck", "a self-check's plan"),
                    ("weekly", "the weekly review"),
                    ("clinician", "a clinician"),
                ],
                default="",
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="walkingtarget",
            name="origin",
            field=models.CharField(
                choices=[
                    ("selfcheck", "a self-check's plan"),
                    ("weekly", "the weekly review"),
                    ("clinician", "a clinician"),
                ],
                default="selfcheck",
                max_length=12,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(origins, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="planitem",
            constraint=models.CheckConstraint(
                condition=models.Q(("origin__in", ["selfcheck", "weekly", "clinician"])),
                name="planitem_origin_known",
            ),
        ),
        migrations.AddConstraint(
            model_name="planitem",
            constraint=models.CheckConstraint(
                condition=models.Q(("end_origin__in", ["selfcheck", "weekly", "clinician", ""])),
                name="planitem_end_origin_known",
            ),
        ),
        migrations.AddConstraint(
            model_name="planitem",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("origin", "clinician"), _negated=True),
                    models.Q(("changed_by_label", ""), _negated=True),
                    _connector="OR",
                ),
                name="planitem_clinician_named",
            ),
        ),
        migrations.AddConstraint(
            model_name="walkingtarget",
            constraint=models.CheckConstraint(
                condition=models.Q(("origin__in", ["selfcheck", "weekly", "clinician"])),
                name="walkingtarget_origin_known",
            ),
        ),
        migrations.AddConstraint(
            model_name="walkingtarget",
            constraint=models.CheckConstraint(
                condition=models.Q(("end_origin__in", ["selfcheck", "weekly", "clinician", ""])),
                name="walkingtarget_end_origin_known",
            ),
        ),
        migrations.AddConstraint(
            model_name="walkingtarget",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("origin", "clinician"), _negated=True),
                    models.Q(("changed_by_label", ""), _negated=True),
                    _connector="OR",
                ),
                name="walkingtarget_clinician_named",
            ),
        ),
        migrations.AddField(
            model_name="cliniciannote",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="clinician_notes",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="cliniciannote",
            name="written_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddIndex(
            model_name="cliniciannote",
            index=models.Index(fields=["person", "seen_at"], name="cliniciannote_person_idx"),
        ),
        migrations.AddConstraint(
            model_name="cliniciannote",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    django.db.models.lookups.GreaterThan(
                        django.db.models.functions.text.Length("text"), 0
                    ),
                    django.db.models.lookups.LessThanOrEqual(
                        django.db.models.functions.text.Length("text"), 500
                    ),
                ),
                name="cliniciannote_text_length",
            ),
        ),
        migrations.AddConstraint(
            model_name="cliniciannote",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("seen_at__isnull", True),
                    ("seen_at__gte", models.F("created_at")),
                    _connector="OR",
                ),
                name="cliniciannote_seen_after_written",
            ),
        ),
    ]
