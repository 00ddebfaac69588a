"""Who needs attention: one status row per live care link, kept current by the services that
change a person's records and by the daily review, so that a clinic's dashboard is one indexed
query over this table whatever the number of patients. The flags are decided by the core
(care/clinic/attention.py); the row stores what it said and when."""

# Model Meta lists are Django convention (the project ignores RUF012 in models.py files too).
# ruff: noqa: RUF012
from __future__ import annotations

from django.conf import settings
from django.db import models


class AttentionKind(models.TextChoices):
    RED_FLAG = "red_flag", "red flag not yet acknowledged"
    ESCALATION = "escalation", "escalation"
    PAIN_WORSE = "pain_worse", "pain worse by its minimal important change"
    INACTIVE = "inactive", "no activity for 14 days"
    CHECKIN_OVERDUE = "checkin_overdue", "check-in overdue"
    HIGH_RISK = "high_risk", "STarT Back high-risk group"


class PatientStatus(models.Model):
    link = models.OneToOneField("clinic.CareLink", on_delete=models.CASCADE, related_name="status")
    # Copies of the link's clinic, person and name in kana, so that the dashboard filters, counts
    # and sorts without a join. A row lives as long as its link: ending the link deletes it.
    clinic = models.ForeignKey("clinic.Clinic", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name_kana = models.CharField(max_length=60, blank=True)
    attention = models.JSONField(default=list)  # AttentionKind values, most urgent first
    priority = models.PositiveSmallIntegerField(default=0)  # higher first; 0 = nothing to do
    last_activity_on = models.DateField(null=True)
    red_flag_at = models.DateTimeField(null=True)
    escalations_open = models.PositiveSmallIntegerField(default=0)
    # The weekly averages the core compared (0-10, one decimal), of the series named.
    pain_series = models.CharField(max_length=16, blank=True)
    pain_latest = models.DecimalField(max_digits=3, decimal_places=1, null=True)
    pain_baseline = models.DecimalField(max_digits=3, decimal_places=1, null=True)
    checkin_overdue_since = models.DateField(null=True)
    risk_group = models.CharField(max_length=8, blank=True)  # STarT Back: low, medium, high
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(
                fields=["clinic", "-priority", "last_activity_on"], name="status_clinic_idx"
            ),
            # The dashboard by name. (The longest without records first, nulls first, is a
            # top-N sort of the clinic's rows: SQLite has no NULLS FIRST in an index.)
            models.Index(fields=["clinic", "name_kana"], name="status_clinic_kana_idx"),
        ]

    def __str__(self) -> str:
        return f"PatientStatus {self.pk}"


class Acknowledgement(models.Model):
    """A staff member saw a flag and wrote what was done. A red flag raised after the
    acknowledgement is a new one."""

    link = models.ForeignKey("clinic.CareLink", on_delete=models.CASCADE, related_name="acks")
    kind = models.CharField(max_length=16, choices=AttentionKind.choices)
    note = models.TextField(max_length=1000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_label = models.CharField(max_length=80)  # the display name and role at the time
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["link", "kind", "-at"], name="ack_link_idx")]

    def __str__(self) -> str:
        return f"Acknowledgement {self.pk} {self.kind}"
