from __future__ import annotations

from django.apps import AppConfig


class JourneyConfig(AppConfig):
    name = "hizakoshi.journey"
    label = "journey"
    verbose_name = "self-care journey"
    default_auto_field = "django.db.models.BigAutoField"
