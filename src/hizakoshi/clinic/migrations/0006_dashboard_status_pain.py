"""The dashboard's status rows: the pain compared is a weekly average (one decimal) of a named
series; the link's name in kana is copied, with an index for the order by name, so the
dashboard filters, counts and sorts over this one table; every live care link made before
this migration gets its (empty) row, which the next daily review fills in
(`hizakoshi review_journeys`)."""

from __future__ import annotations

from django.db import migrations, models
from django.utils import timezone


def rows_for_live_links(apps, schema_editor):  # type: ignore[no-untyped-def]
    CareLink = apps.get_model("clinic", "CareLink")
    PatientStatus = apps.get_model("clinic", "PatientStatus")
    now = timezone.now()
    for row in PatientStatus.objects.select_related("link"):
        row.name_kana = row.link.name_kana
        row.save(update_fields=["name_kana"])
    PatientStatus.objects.bulk_create(
        [
            PatientStatus(
                link=link,
                clinic_id=link.clinic_id,
                person_id=link.person_id,
                name_kana=link.name_kana,
                computed_at=now,
            )
            for link in CareLink.objects.filter(ended_at__isnull=True, status__isnull=True)
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("clinic", "0005_booking_bookings")]

    operations = [
        migrations.AddField(
            model_name="patientstatus",
            name="pain_series",
            field=models.CharField(blank=True, max_length=16),
        ),
        migrations.AlterField(
            model_name="patientstatus",
            name="pain_baseline",
            field=models.DecimalField(decimal_places=1, max_digits=3, null=True),
        ),
        migrations.AlterField(
            model_name="patientstatus",
            name="pain_latest",
            field=models.DecimalField(decimal_places=1, max_digits=3, null=True),
        ),
        migrations.AddField(
            model_name="patientstatus",
            name="name_kana",
            field=models.CharField(blank=True, max_length=60),
        ),
        migrations.AddIndex(
            model_name="patientstatus",
            index=models.Index(fields=["clinic", "name_kana"], name="status_clinic_kana_idx"),
        ),
        migrations.RunPython(rows_for_live_links, migrations.RunPython.noop),
    ]
