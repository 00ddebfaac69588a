"""The clinic is told by e-mail when a person books, moves or cancels: the clinic's address for
it (`Clinic.booking_email`, empty: not told) and one row per notice (`BookingNotice`). The
clinic seeded from the settings (migration 0002, code HIZAKOSHI_CLINIC_CODE) gets
HIZAKOSHI_CLINIC_BOOKING_EMAIL when that is set and the clinic has no address yet."""

from __future__ import annotations

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def seed_booking_email(apps, schema_editor):  # type: ignore[no-untyped-def]
    address = getattr(settings, "HIZAKOSHI_CLINIC_BOOKING_EMAIL", "")
    if not address:
        return
    Clinic = apps.get_model("clinic", "Clinic")
    code = getattr(settings, "HIZAKOSHI_CLINIC_CODE", "CLINIC1")
    Clinic.objects.filter(code=code, booking_email="").update(booking_email=address)


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0006_dashboard_status_pain"),
    ]

    operations = [
        migrations.AddField(
            model_name="clinic",
            name="booking_email",
            field=models.EmailField(blank=True, max_length=254),
        ),
        migrations.CreateModel(
            name="BookingNotice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sequence", models.PositiveIntegerField()),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("created", "booked"),
                            ("moved", "moved"),
                            ("cancelled", "cancelled"),
                        ],
                        max_length=10,
                    ),
                ),
                ("starts_at", models.DateTimeField()),
                ("label", models.CharField(max_length=60)),
                ("was_starts_at", models.DateTimeField(blank=True, null=True)),
                ("was_label", models.CharField(blank=True, max_length=60)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "pending"),
                            ("confirmed", "confirmed"),
                            ("cancelled", "cancelled"),
                            ("attended", "attended"),
                            ("no_show", "no-show"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "mail_status",
                    models.CharField(
                        choices=[
                            ("pending", "not sent yet"),
                            ("sent", "sent"),
                            ("failed", "failed"),
                            ("none", "none needed"),
                        ],
                        default="pending",
                        max_length=8,
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("claimed_at", models.DateTimeField(blank=True, null=True)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                ("error", models.CharField(blank=True, max_length=200)),
                ("created_at", models.DateTimeField()),
                (
                    "booking",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notices",
                        to="clinic.booking",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["mail_status", "starts_at"], name="notice_due_idx")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("booking", "sequence"), name="notice_one_per_change"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["created", "moved", "cancelled"])),
                        name="notice_kind_known",
                    ),
                ],
            },
        ),
        migrations.RunPython(seed_booking_email, migrations.RunPython.noop),
    ]
