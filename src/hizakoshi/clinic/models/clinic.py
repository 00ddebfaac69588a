"""Clinics, the staff who work there, and the care links people make with a clinic."""

# Model Meta lists are Django convention (the project ignores RUF012 in models.py files too).
# ruff: noqa: RUF012
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class Clinic(models.Model):
    """One clinic. `code` is what a person types (or follows in an invitation link) to link
    their journey with this clinic; it names the clinic, never a person."""

    name = models.CharField(max_length=100)
    code = models.CharField(max_length=12, unique=True)
    phone = models.CharField(max_length=32, blank=True)
    url = models.URLField(blank=True)
    address = models.CharField(max_length=200, blank=True)
    hours = models.TextField(blank=True)  # opening hours, as the clinic writes them
    # Where the clinic is told when a person books, moves or cancels a consultation
    # (clinic/booking/notices.py); empty: the clinic is not told by e-mail.
    booking_email = models.EmailField(max_length=254, blank=True)
    # The clinic's licensed wording of questionnaires whose text may not ship with the app, in
    # the format of care.instruments.load_clinic_item_texts (validated when saved).
    item_texts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z0-9]{4,12}$"), name="clinic_code_form"
            )
        ]

    def __str__(self) -> str:
        return f"Clinic {self.code}"


class Role(models.TextChoices):
    DOCTOR = "doctor", "doctor"
    PHYSIO = "physio", "physiotherapist"
    RECEPTION = "reception", "reception"
    ADMIN = "admin", "clinic admin"


class Membership(models.Model):
    """A staff member's place in a clinic, with their role. Ending it (`ended_at`) ends every
    session of theirs in the clinic area at once (the area checks a live membership each time).
    One live membership per person: the clinic area is that clinic's."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=12, choices=Role.choices)
    display_name = models.CharField(max_length=60)  # shown to patients: 「山田(医師)」
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_known"),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="membership_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(ended_at__isnull=True), name="membership_one_live"
            ),
        ]

    def __str__(self) -> str:
        return f"Membership {self.pk} {self.role}"


class CareLink(models.Model):
    """A person's consent to share their journey records with one clinic (APPI: third-party
    provision of 要配慮個人情報 needs prior consent for that clinic). Made by the person, ended by
    the person at any time; after `ended_at` the clinic's staff reach nothing of theirs."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_links"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="care_links")
    # How the clinic knows the person: given when linking, so that staff can match the link
    # with the clinic's own chart (the account itself holds only an e-mail address).
    name = models.CharField(max_length=60)
    name_kana = models.CharField(max_length=60)
    birth_date = models.DateField(null=True, blank=True)
    shared = models.JSONField()  # what the person agreed to share: a list of record kinds
    consent_version = models.CharField(max_length=32)
    language = models.CharField(max_length=2)
    linked_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("linked_at")),
                name="carelink_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["person", "clinic"],
                condition=Q(ended_at__isnull=True),
                name="carelink_one_live_per_clinic",
            ),
        ]
        indexes = [models.Index(fields=["clinic", "ended_at"], name="carelink_clinic_idx")]

    def __str__(self) -> str:
        return f"CareLink {self.pk}"
