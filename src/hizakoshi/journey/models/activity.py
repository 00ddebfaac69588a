"""What the person does: guided sessions and the daily diary."""

# Model Meta lists are Django convention (the project ignores RUF012 in models.py files too).
# ruff: noqa: RUF012
from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from hizakoshi.journey.models.base import one_of, person_field, range_check

SKIP_REASONS = ["pain", "unwell", "no_time", "other"]  # care.journey.progression.SkipReason


class Feeling(models.TextChoices):
    BETTER = "better", "better"
    SAME = "same", "same"
    WORSE = "worse", "worse"


# The day a session counts for everywhere (Today, Progress, the weekly review, the clinic's
# dashboard and outcomes): the local day it began, whenever it reached the server.
SESSION_DAY_FROM = "started_at"


class ExerciseSession(models.Model):
    """One guided session. `client_id` is made by the browser, so sending a finished session
    again after the connection dropped stores it once."""

    person = person_field("journey_sessions")
    client_id = models.UUIDField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    pain_during = models.PositiveSmallIntegerField(null=True, blank=True)
    feeling = models.CharField(max_length=8, choices=Feeling.choices, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "client_id"], name="exercisesession_client_id_unique"
            ),
            range_check("pain_during", 0, 10, prefix="exercisesession"),
            one_of("feeling", ["", *Feeling.values], prefix="exercisesession"),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(finished_at__gte=F("started_at")),
                name="exercisesession_finished_after_start",
            ),
        ]
        indexes = [models.Index(fields=["person", "started_at"], name="session_person_idx")]

    def __str__(self) -> str:
        return f"ExerciseSession {self.pk}"


class SessionItem(models.Model):
    """One exercise within a session: what was done, or that it was skipped and why."""

    person = person_field("journey_session_items")  # the session's person, for scoped queries
    session = models.ForeignKey(ExerciseSession, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    exercise_id = models.CharField(max_length=64)
    level = models.PositiveSmallIntegerField(default=1)
    reps_done = models.PositiveSmallIntegerField(null=True, blank=True)
    sets_done = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_seconds = models.PositiveSmallIntegerField(null=True, blank=True)
    skipped = models.BooleanField(default=False)
    skip_reason = models.CharField(max_length=8, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "position"], name="sessionitem_position_unique"
            ),
            one_of("skip_reason", ["", *SKIP_REASONS], prefix="sessionitem"),
            models.CheckConstraint(
                condition=(Q(skipped=True) & ~Q(skip_reason="")) | Q(skipped=False, skip_reason=""),
                name="sessionitem_skip_has_reason",
            ),
            range_check("level", 1, 5, prefix="sessionitem", nullable=False),
            range_check("reps_done", 0, 200, prefix="sessionitem"),
            range_check("sets_done", 0, 20, prefix="sessionitem"),
            range_check("hold_seconds", 0, 600, prefix="sessionitem"),
        ]

    def __str__(self) -> str:
        return f"SessionItem {self.exercise_id}"


class DailyLife(models.TextChoices):
    LITTLE = "little", "little"
    MODERATE = "moderate", "moderate"
    SEVERE = "severe", "severe"


class DiaryEntry(models.Model):
    """The 30-second daily check-in. Pains are NULL when not answered; a knee side is NULL
    when that knee does not hurt."""

    person = person_field("journey_diary")
    day = models.DateField()  # the person's own (Japanese) calendar day
    knee_pain_left = models.PositiveSmallIntegerField(null=True, blank=True)
    knee_pain_right = models.PositiveSmallIntegerField(null=True, blank=True)
    back_pain = models.PositiveSmallIntegerField(null=True, blank=True)
    morning_stiffness_min = models.PositiveSmallIntegerField(null=True, blank=True)
    walking_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    steps = models.PositiveIntegerField(null=True, blank=True)
    walking_pain = models.PositiveSmallIntegerField(null=True, blank=True)
    skipped_walk_for_pain = models.BooleanField(default=False)
    sleep_disturbed = models.BooleanField(null=True, blank=True)
    next_morning_back_to_usual = models.BooleanField(null=True, blank=True)
    good_control = models.BooleanField(null=True, blank=True)
    daily_life = models.CharField(max_length=8, choices=DailyLife.choices, blank=True, default="")
    weight_kg = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    # ids of redflags.yaml rules: those ticked (journey.yaml diary.signs) and those the new
    # events raised (diary.event_signs)
    red_flag_signs = models.JSONField(default=list, blank=True)
    events = models.JSONField(default=dict, blank=True)  # care.journey.DiaryEvents, as answered
    notes = models.TextField(max_length=2000, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "day"], name="diaryentry_one_per_day"),
            range_check("knee_pain_left", 0, 10, prefix="diaryentry"),
            range_check("knee_pain_right", 0, 10, prefix="diaryentry"),
            range_check("back_pain", 0, 10, prefix="diaryentry"),
            range_check("walking_pain", 0, 10, prefix="diaryentry"),
            range_check("morning_stiffness_min", 0, 600, prefix="diaryentry"),
            range_check("walking_minutes", 0, 600, prefix="diaryentry"),
            range_check("steps", 0, 100_000, prefix="diaryentry"),
            range_check("weight_kg", 20, 300, prefix="diaryentry"),
            one_of("daily_life", ["", *DailyLife.values], prefix="diaryentry"),
        ]

    def __str__(self) -> str:
        return f"DiaryEntry {self.day}"


class ResumeRecord(models.Model):
    """The person saw a doctor, who said they may resume self-care after a diary warning sign.

    It covers the signs that paused the plan (`signs`, first noted on `flag_day`) up to the day
    of the visit; it stays in the person's record and export."""

    person = person_field("journey_resumes")
    flag_day = models.DateField()  # the first day of the warning signs it resumes from
    signs = models.JSONField()  # ids of the redflags.yaml rules it covers
    seen_on = models.DateField()  # the day the doctor saw the person
    note = models.TextField(max_length=1000, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(seen_on__gte=F("flag_day")), name="resumerecord_seen_after_flag"
            ),
        ]
        indexes = [models.Index(fields=["person", "seen_on"], name="resume_person_idx")]

    def __str__(self) -> str:
        return f"ResumeRecord {self.seen_on}"
