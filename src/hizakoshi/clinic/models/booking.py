"""Consultation booking: what each staff member or room offers (Availability), the clinic's
closed days and one-off hours (DayException), and the bookings.

Exactly one booking per slot, enforced by the database, not by a check in Python that a second
request can slip past (Cal.com issues 13397, 28151):
- PostgreSQL: an exclusion constraint refuses two bookings of one resource whose time ranges
  overlap, for every booking that is not cancelled (btree_gist, migration 0005);
- SQLite (no exclusion constraints): a unique constraint on (resource, starts_at) for the same
  bookings. It is equivalent because every booking starts at a slot of its resource's grid
  (care.booking.check_slot refuses any other start) and slots of one grid never overlap, so two
  overlapping bookings would have the same start. Writers on SQLite also take the database's
  write lock at the start of each transaction (settings: IMMEDIATE), so the overlap check done
  inside booking_create's transaction is serialized too, which covers a grid that was changed.
Both run inside booking_create's transaction; the database's refusal is the answer a racing
second request gets.
"""

# Model Meta lists are Django convention (the project ignores RUF012 in models.py files too).
# ruff: noqa: RUF012
from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.db import models
from django.db.models import F, Func, Q

from hizakoshi.care.booking.policy import State


class TsTzRange(Func):
    """PostgreSQL's tstzrange(start, end, '[)'): a booking's time as one value."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class Availability(models.Model):
    """What one staff member or room offers for consultations, and the clinic's rules for it.

    `weekly`: seven lists (Monday first) of [opens, closes] pairs in the clinic's time,
    [["09:00", "12:00"], ["14:00", "18:00"]]; validated by care.booking.Availability."""

    clinic = models.ForeignKey(
        "clinic.Clinic", on_delete=models.CASCADE, related_name="availabilities"
    )
    label = models.CharField(max_length=60)  # for staff: 「山田(医師)」「相談室1」
    membership = models.ForeignKey(
        "clinic.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    weekly = models.JSONField()
    slot_minutes = models.PositiveSmallIntegerField(default=30)
    buffer_minutes = models.PositiveSmallIntegerField(default=0)
    lead_minutes = models.PositiveIntegerField(default=120)
    horizon_days = models.PositiveSmallIntegerField(default=30)
    open_on_holidays = models.BooleanField(default=False)
    # Until how long before the start the person may cancel or move from their private link.
    change_until_minutes = models.PositiveIntegerField(default=24 * 60)
    # New bookings wait for the clinic's confirmation (pending) or are confirmed at once.
    confirm_by_staff = models.BooleanField(default=False)
    # What the consultation costs, shown as a plain fact (0 is shown too); None: not shown.
    price_yen = models.PositiveIntegerField(null=True, blank=True)
    price_note = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["clinic", "active"], name="availability_clinic_idx")]

    def __str__(self) -> str:
        return f"Availability {self.pk}"


class DayException(models.Model):
    """A day with other hours than the week's: `hours` empty = closed (年末年始, 臨時休診),
    else [[opens, closes], ...]. For the whole clinic (`resource` empty) or one resource, whose
    own exception wins. A public holiday needs none (closed unless the resource opens on
    holidays); an exception on a holiday opens it."""

    clinic = models.ForeignKey("clinic.Clinic", on_delete=models.CASCADE, related_name="+")
    resource = models.ForeignKey(
        Availability, null=True, blank=True, on_delete=models.CASCADE, related_name="exceptions"
    )
    day = models.DateField()
    hours = models.JSONField(default=list, blank=True)
    note = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "day"],
                condition=Q(resource__isnull=True),
                name="dayexception_one_per_clinic_day",
            ),
            models.UniqueConstraint(
                fields=["resource", "day"],
                condition=Q(resource__isnull=False),
                name="dayexception_one_per_resource_day",
            ),
        ]

    def __str__(self) -> str:
        return f"DayException {self.day}"


class BookingStatus(models.TextChoices):
    PENDING = State.PENDING.value, "pending"
    CONFIRMED = State.CONFIRMED.value, "confirmed"
    CANCELLED = State.CANCELLED.value, "cancelled"
    ATTENDED = State.ATTENDED.value, "attended"
    NO_SHOW = State.NO_SHOW.value, "no-show"


class ContactBy(models.TextChoices):
    PHONE = "phone", "phone"
    EMAIL = "email", "e-mail"
    EITHER = "either", "either"


class ReminderStatus(models.TextChoices):
    """Whether an e-mail went out (the reminder, and the last confirmation or change)."""

    PENDING = "pending", "not sent yet"
    SENT = "sent", "sent"
    FAILED = "failed", "failed"
    NONE = "none", "none needed"  # no e-mail address, or booked the day before


# The slot is held by every booking not cancelled (care.booking.HOLDS_SLOT).
HOLDING = ~Q(status=BookingStatus.CANCELLED)


class Booking(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # ICS UID
    clinic = models.ForeignKey("clinic.Clinic", on_delete=models.PROTECT, related_name="bookings")
    resource = models.ForeignKey(Availability, on_delete=models.PROTECT, related_name="bookings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=BookingStatus.choices)
    # Who: only what the consultation needs (japan-requirements: collect only what is needed).
    name = models.CharField(max_length=60)
    name_kana = models.CharField(max_length=60)
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    contact_by = models.CharField(max_length=8, choices=ContactBy.choices)
    message = models.TextField(max_length=1000, blank=True)
    lang = models.CharField(max_length=2, default="ja")
    # The consent to share this with the clinic: which words (version) and when.
    consent_version = models.CharField(max_length=32)
    consent_at = models.DateTimeField()
    # The self-check result the person chose to attach, as it was: {"source", "taken_at",
    # "assessment"} (care Assessment.model_dump(mode="json")); null when none was attached.
    selfcheck = models.JSONField(null=True, blank=True)
    # The account, when booked signed in: the booking goes with the account when it is deleted.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    # sha256 of the client's Idempotency-Key (a retry or a double tap finds its booking), and of
    # what was asked, so that a key reused for another request is refused, not answered.
    idempotency_key = models.CharField(max_length=64, unique=True)
    request_hash = models.CharField(max_length=64)
    # The private manage link: only the sha256 of its token; the token is an HMAC of this nonce
    # with the site's secret key (clinic/booking/tokens.py), so a retry can be given the link
    # again while a copy of the database alone opens nothing.
    manage_nonce = models.CharField(max_length=64)
    manage_token_hash = models.CharField(max_length=64, unique=True)
    ics_sequence = models.PositiveIntegerField(default=0)  # RFC 5545 SEQUENCE of the invitation
    # The last e-mail about the booking (confirmation, change, cancellation) and the reminder:
    # whether each went out, so that staff see a failure instead of nobody noticing.
    mail_status = models.CharField(
        max_length=8, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    mail_error = models.CharField(max_length=200, blank=True)
    reminder_status = models.CharField(
        max_length=8, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    reminder_attempts = models.PositiveSmallIntegerField(default=0)
    reminder_error = models.CharField(max_length=200, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="booking_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=BookingStatus.values), name="booking_status_known"
            ),
            models.CheckConstraint(
                condition=Q(contact_by__in=ContactBy.values), name="booking_contact_by_known"
            ),
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""), name="booking_phone_or_email"
            ),
            # Both databases (see the module docstring); on PostgreSQL the exclusion
            # constraint below also refuses a partial overlap.
            models.UniqueConstraint(
                fields=["resource", "starts_at"], condition=HOLDING, name="booking_one_per_slot"
            ),
            # PostgreSQL only: migration 0005 adds it there and skips it on SQLite.
            ExclusionConstraint(
                name="booking_no_overlap",
                expressions=[
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                    ("resource", RangeOperators.EQUAL),
                ],
                condition=HOLDING,
            ),
        ]
        indexes = [
            models.Index(fields=["clinic", "starts_at"], name="booking_clinic_idx"),
            models.Index(fields=["reminder_status", "starts_at"], name="booking_reminder_idx"),
        ]

    def __str__(self) -> str:
        return f"Booking {self.pk} {self.status}"


class NoticeKind(models.TextChoices):
    """What the person did that the clinic is told of (staff's own changes are not sent)."""

    CREATED = "created", "booked"
    MOVED = "moved", "moved"
    CANCELLED = "cancelled", "cancelled"


class BookingNotice(models.Model):
    """One e-mail to the clinic about one thing the person did to their booking, written in the
    same transaction as the change and sent after its commit (clinic/booking/notices.py).

    What it says is kept as it was at that moment (the time, the time before a move, the staff
    member or room, the booking's state), never the person's name or health. One per change
    (`sequence` is the booking's SEQUENCE after it, raised by every change); `claimed_at` is
    the run-once claim of a send, so two jobs sending at once send it once."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notices")
    sequence = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=NoticeKind.choices)
    starts_at = models.DateTimeField()
    label = models.CharField(max_length=60)
    was_starts_at = models.DateTimeField(null=True, blank=True)
    was_label = models.CharField(max_length=60, blank=True)
    status = models.CharField(max_length=12, choices=BookingStatus.choices)
    mail_status = models.CharField(
        max_length=8, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["booking", "sequence"], name="notice_one_per_change"),
            models.CheckConstraint(
                condition=Q(kind__in=NoticeKind.values), name="notice_kind_known"
            ),
        ]
        indexes = [models.Index(fields=["mail_status", "starts_at"], name="notice_due_idx")]

    def __str__(self) -> str:
        return f"BookingNotice {self.pk} {self.kind}"
