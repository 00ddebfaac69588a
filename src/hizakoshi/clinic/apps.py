from __future__ import annotations

from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "hizakoshi.clinic"
    label = "clinic"
    verbose_name = "clinic"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Staff logins and failed logins go to the audit trail (clinic/staff/signals.py).
        from hizakoshi.clinic.staff import signals  # noqa: F401
