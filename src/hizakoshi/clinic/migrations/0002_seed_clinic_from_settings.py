"""A deployment that named its clinic in the settings (HIZAKOSHI_CLINIC_NAME/_PHONE/_URL) gets
that clinic as a row, so that it keeps working as one clinic; its code is HIZAKOSHI_CLINIC_CODE
(default CLINIC1). Without a name nothing is made (a new site adds its clinics itself)."""

from __future__ import annotations

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    name = getattr(settings, "HIZAKOSHI_CLINIC_NAME", "")
    if not name:
        return
    Clinic = apps.get_model("clinic", "Clinic")
    code = getattr(settings, "HIZAKOSHI_CLINIC_CODE", "CLINIC1")
    Clinic.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "phone": getattr(settings, "HIZAKOSHI_CLINIC_PHONE", ""),
            "url": getattr(settings, "HIZAKOSHI_CLINIC_URL", ""),
            "created_at": timezone.now(),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("clinic", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
