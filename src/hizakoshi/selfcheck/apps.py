from __future__ import annotations

from django.apps import AppConfig


class SelfcheckConfig(AppConfig):
    name = "hizakoshi.selfcheck"
    label = "selfcheck"
    verbose_name = "self-check"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A broken content file must stop start-up, never surface in front of a patient.
        from hizakoshi.care.content import load_all

        load_all()
