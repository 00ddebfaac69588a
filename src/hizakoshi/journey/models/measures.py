"""Measurements over time: outcome questionnaires, home function tests, escalations."""

# Model Meta lists are Django convention (the project ignores RUF012 in models.py files too).
# ruff: noqa: RUF012
from __future__ import annotations

from typing import get_args

from django.db import models
from django.db.models import Q

from hizakoshi.care.journey.content import EscalationId
from hizakoshi.journey.models.base import one_of, person_field

INSTRUMENTS = ["nrs", "psfs", "start-back", "koos", "koos-12", "koos-ps", "rmdq", "odi"]
ESCALATION_KINDS: list[str] = list(get_args(EscalationId))
URGENCIES = ["emergency", "same_day", "within_days", "soon", "none"]  # care.model.Urgency


class OutcomeResponse(models.Model):
    """One completed questionnaire, keyed by the instrument's official item ids."""

    person = person_field("journey_outcomes")
    instrument = models.CharField(max_length=16, choices=[(i, i) for i in INSTRUMENTS])
    answers = models.JSONField()  # item id -> value
    scores = models.JSONField()  # care.scoring result .as_dict()
    taken_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [one_of("instrument", INSTRUMENTS, prefix="outcomeresponse")]
        indexes = [
            models.Index(fields=["person", "instrument", "taken_on"], name="outcome_person_idx")
        ]

    def __str__(self) -> str:
        return f"OutcomeResponse {self.instrument} {self.taken_on}"


class PsfsActivity(models.Model):
    """An activity the person named for the PSFS (3-5 active at a time, checked in the form)."""

    person = person_field("journey_psfs_activities")
    name = models.CharField(max_length=200)
    created_on = models.DateField()
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="psfsactivity_name_not_empty")
        ]

    def __str__(self) -> str:
        return f"PsfsActivity {self.pk}"


class FunctionTestKind(models.TextChoices):
    TWO_STEP = "two_step", "two-step test"
    STAND_UP = "stand_up", "stand-up test"
    CHAIR_STAND_CDC = "chair_stand_cdc", "30-second chair stand, 43 cm chair"
    CHAIR_STAND_CS30 = "chair_stand_cs30", "CS-30, 40 cm chair"
    STEADI = "steadi", "STEADI three questions"
    ONE_LEG = "one_leg", "one-leg standing"


class FunctionTest(models.Model):
    person = person_field("journey_function_tests")
    kind = models.CharField(max_length=20, choices=FunctionTestKind.choices)
    values = models.JSONField()  # what was measured
    result = models.JSONField()  # what care.functiontests made of it
    taken_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [one_of("kind", FunctionTestKind.values, prefix="functiontest")]
        indexes = [
            models.Index(fields=["person", "kind", "taken_on"], name="functiontest_person_idx")
        ]

    def __str__(self) -> str:
        return f"FunctionTest {self.kind} {self.taken_on}"


class Escalation(models.Model):
    """A message from care.journey.escalation_review that was raised for the person."""

    person = person_field("journey_escalations")
    kind = models.CharField(max_length=32, choices=[(k, k) for k in ESCALATION_KINDS])
    urgency = models.CharField(max_length=12, choices=[(u, u) for u in URGENCIES])
    message = models.JSONField()  # EscalationItem as JSON: headline/reasons/what_to_do {ja, en}
    raised_on = models.DateField()
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            one_of("kind", ESCALATION_KINDS, prefix="escalation"),
            one_of("urgency", URGENCIES, prefix="escalation"),
            models.UniqueConstraint(
                fields=["person", "kind", "raised_on"], name="escalation_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"Escalation {self.kind} {self.raised_on}"
