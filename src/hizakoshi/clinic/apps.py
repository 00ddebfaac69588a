from __future__ import annotations

from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "hizakoshi.clinic"
    label = "clinic"
    verbose_name = "clinic"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Staff logins and failed logins go to the audit trail (clinic/staff/signals.py). The
        # dashboard's status rows follow the journey's records through site/signals.py: the
        # journey never imports the clinic.
        from hizakoshi.clinic.dashboard.services import (
            journeys_reviewed_received,
            records_changed_received,
        )
        from hizakoshi.clinic.staff import signals  # noqa: F401
        from hizakoshi.site.signals import journeys_reviewed, records_changed

        records_changed.connect(records_changed_received, dispatch_uid="clinic_dashboard_status")
        journeys_reviewed.connect(journeys_reviewed_received, dispatch_uid="clinic_dashboard_daily")
