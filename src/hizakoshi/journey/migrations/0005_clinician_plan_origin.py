"""Plan rows record where they came from (a self-check's plan, the weekly review, a clinician),
who made them and when; a clinician's note to the person. Rows made before get "selfcheck"
here and their true origin in 0006 (a data migration of its own: on PostgreSQL no schema change
may follow row updates in one transaction)."""

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


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
