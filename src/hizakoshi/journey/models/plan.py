"""The person's settings, their consent, their assessments and the plan built from them."""

# Model Meta lists are Django convention (the project ignores RUF012 in models.py files too).
# ruff: noqa: RUF012
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from hizakoshi.care.journey.planorigin import ORIGINS, Origin
from hizakoshi.journey.models.base import Language, one_of, person_field, range_check


class Profile(models.Model):
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journey_profile"
    )
    height_cm = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    weight_goal_kg = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    # A time of day in Japanese time (settings.TIME_ZONE), not an instant: "every day at 9:00".
    session_time = models.TimeField(null=True, blank=True)
    # E-mail reminders are opt-in: a session time alone (also used by the calendar) sends nothing.
    email_reminders = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            range_check("height_cm", 100, 230, prefix="profile"),
            range_check("weight_goal_kg", 25, 250, prefix="profile"),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.person_id}"


class ConsentPurpose(models.TextChoices):
    HEALTH_DATA = "journey_health_data", "keep health data in the account"


class JourneyConsent(models.Model):
    """Consent to keep health data in the account (APPI 要配慮個人情報): which text, when."""

    person = person_field("journey_consents")
    purpose = models.CharField(max_length=32, choices=ConsentPurpose.choices)
    text_version = models.CharField(max_length=32)
    language = models.CharField(max_length=2, choices=Language.choices)
    agreed_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            one_of("purpose", ConsentPurpose.values, prefix="journeyconsent"),
            one_of("language", Language.values, prefix="journeyconsent"),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=F("agreed_at")),
                name="journeyconsent_withdrawn_after_agreed",
            ),
            models.UniqueConstraint(
                fields=["person", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="journeyconsent_one_live_per_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"JourneyConsent {self.pk} v{self.text_version}"


class AssessmentSource(models.TextChoices):
    SELFCHECK = "selfcheck", "self-check done while signed in"
    CLAIMED = "claimed", "anonymous result taken into the account"
    REASSESSMENT = "reassessment", "self-check retaken during the journey"


class Assessment(models.Model):
    """One self-check result kept in the account: what the person answered and what they saw."""

    person = person_field("journey_assessments")
    answers = models.JSONField()  # Answers.model_dump(mode="json")
    assessment = models.JSONField()  # care Assessment.model_dump(mode="json")
    engine_version = models.CharField(max_length=32)
    content_hash = models.CharField(max_length=64)
    lang = models.CharField(max_length=2, choices=Language.choices)
    source = models.CharField(max_length=16, choices=AssessmentSource.choices)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            one_of("lang", Language.values, prefix="assessment"),
            one_of("source", AssessmentSource.values, prefix="assessment"),
        ]
        indexes = [models.Index(fields=["person", "-created_at"], name="assessment_person_idx")]

    def __str__(self) -> str:
        return f"Assessment {self.pk} ({self.source})"


class PlanOrigin(models.TextChoices):
    """Where a plan row came from (care.journey.planorigin: the weekly rules and a retaken
    self-check leave a clinician's rows as they are)."""

    SELFCHECK = "selfcheck", "a self-check's plan"
    WEEKLY = "weekly", "the weekly review"
    CLINICIAN = "clinician", "a clinician"


class PlanChangeFields(models.Model):
    """Who made a plan row, and who ended it: kept on the row, so it survives the staff account."""

    origin = models.CharField(max_length=12, choices=PlanOrigin.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The clinician's display name and role at the time: 「山田(医師)」.
    changed_by_label = models.CharField(max_length=80, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)  # None on rows made before 0005
    # What ended the row (a new plan, a weekly step, a clinician; "" while active, or unknown
    # before 0005): an exercise whose last row a clinician ended stays out of the plan.
    end_origin = models.CharField(max_length=12, choices=PlanOrigin.choices, blank=True, default="")

    class Meta:
        abstract = True

    @property
    def plan_origin(self) -> Origin:
        """The origin as the core's type (care.journey.planorigin decides what it allows)."""
        for known in ORIGINS:
            if self.origin == known:
                return known
        raise ValueError(f"unknown plan origin {self.origin!r}")


def origin_checks(prefix: str) -> list[models.CheckConstraint]:
    return [
        one_of("origin", PlanOrigin.values, prefix=prefix),
        one_of("end_origin", [*PlanOrigin.values, ""], prefix=prefix),
        models.CheckConstraint(
            condition=~Q(origin=PlanOrigin.CLINICIAN) | ~Q(changed_by_label=""),
            name=f"{prefix}_clinician_named",
        ),
    ]


class PlanItem(PlanChangeFields):
    """One exercise's amount from `started_on` on. A change (progression, a new plan, a
    clinician) ends the active row and starts a new one, so the history of amounts and reasons
    is kept."""

    person = person_field("journey_plan_items")
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_items"
    )
    exercise_id = models.CharField(max_length=64)
    position = models.PositiveSmallIntegerField(default=0)  # order in the session
    level = models.PositiveSmallIntegerField(default=1)
    sets = models.PositiveSmallIntegerField()
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_seconds = models.PositiveSmallIntegerField(null=True, blank=True)
    times_per_day = models.PositiveSmallIntegerField(default=1)
    per_side = models.BooleanField(default=False)
    # The amount the plan began with (care.journey.Dose as JSON): it defines the ladder.
    start_dose = models.JSONField()
    active = models.BooleanField(default=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.JSONField(null=True, blank=True)  # Text {ja, en}: why this amount now

    class Meta:
        constraints = [
            range_check("level", 1, 5, prefix="planitem", nullable=False),
            range_check("sets", 1, 10, prefix="planitem", nullable=False),
            range_check("reps", 1, 50, prefix="planitem"),
            range_check("hold_seconds", 1, 120, prefix="planitem"),
            range_check("times_per_day", 1, 5, prefix="planitem", nullable=False),
            models.CheckConstraint(
                condition=Q(reps__isnull=False) | Q(hold_seconds__isnull=False),
                name="planitem_reps_or_hold",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="planitem_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(active=False) | Q(ended_on__isnull=True),
                name="planitem_active_has_no_end",
            ),
            models.UniqueConstraint(
                fields=["person", "exercise_id"],
                condition=Q(active=True),
                name="planitem_one_active_per_exercise",
            ),
            *origin_checks("planitem"),
        ]

    def __str__(self) -> str:
        return f"PlanItem {self.exercise_id} L{self.level}"


class WalkingUnit(models.TextChoices):
    MINUTES = "minutes", "minutes a day"
    STEPS = "steps", "steps a day"


class WalkingTarget(PlanChangeFields):
    """The daily walking target from `started_on` on; one active row per person."""

    person = person_field("journey_walking_targets")
    unit = models.CharField(max_length=8, choices=WalkingUnit.choices)
    per_day = models.PositiveIntegerField()
    days_per_week = models.PositiveSmallIntegerField(default=5)
    from_baseline = models.BooleanField(default=False)  # from the person's own first week
    active = models.BooleanField(default=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.JSONField(null=True, blank=True)  # Text {ja, en}

    class Meta:
        constraints = [
            one_of("unit", WalkingUnit.values, prefix="walkingtarget"),
            range_check("per_day", 1, 100_000, prefix="walkingtarget", nullable=False),
            range_check("days_per_week", 1, 7, prefix="walkingtarget", nullable=False),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="walkingtarget_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(active=False) | Q(ended_on__isnull=True),
                name="walkingtarget_active_has_no_end",
            ),
            models.UniqueConstraint(
                fields=["person"], condition=Q(active=True), name="walkingtarget_one_active"
            ),
            *origin_checks("walkingtarget"),
        ]

    def __str__(self) -> str:
        return f"WalkingTarget {self.per_day} {self.unit}"
