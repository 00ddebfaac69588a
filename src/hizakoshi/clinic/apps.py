from __future__ import annotations

from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "hizakoshi.clinic"
    label = "clinic"
    verbose_name = "clinic"
    default_auto_field = "django.db.models.BigAutoField"
