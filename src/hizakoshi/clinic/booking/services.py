"""Writes of booking: make one (exactly one per slot, one per request), cancel, move, confirm,
mark the outcome; send the e-mails and the reminder; delete bookings past keeping. What the
person does also tells the clinic (notices.py), in the same transaction.

Each write is one transaction. The slot is checked by the core inside it and the database's
constraint refuses a second booking of a slot whichever request got there first (see
clinic/models/booking.py); the request that loses gets SlotRefused with the next free slots.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.booking import (
    MAX_REMINDER_ATTEMPTS,
    OPEN,
    Refusal,
    Slot,
    State,
    check_slot,
    may_change,
    may_mark_outcome,
    next_statuses,
    purge_before,
    reminder_due,
)
from hizakoshi.clinic.booking.consent import CONSENT_VERSION
from hizakoshi.clinic.booking.emails import Kind, booking_email
from hizakoshi.clinic.booking.notices import notice_record
from hizakoshi.clinic.booking.requests import Asked as Asked
from hizakoshi.clinic.booking.requests import ChangeClosed as ChangeClosed
from hizakoshi.clinic.booking.requests import KeyReused as KeyReused
from hizakoshi.clinic.booking.requests import Made as Made
from hizakoshi.clinic.booking.requests import SlotRefused as SlotRefused
from hizakoshi.clinic.booking.selectors import exceptions_of, offer_of, offers, taken_of
from hizakoshi.clinic.booking.tokens import (
    idempotency_hash,
    manage_token,
    manage_token_hash,
    new_nonce,
    request_hash,
)
from hizakoshi.clinic.models import (
    Availability,
    Booking,
    BookingStatus,
    Clinic,
    NoticeKind,
    ReminderStatus,
)
from hizakoshi.site.jobs import job_claim, job_claim_release

REMINDER_JOB = "booking_reminder"  # the run-once claims' name (site/jobs.py)
NEXT_FREE = 3  # how many free slots a refusal offers instead
SEARCH_DAYS = 366  # the next free slots are looked for up to a year ahead (horizons are shorter)


def booking_create(
    *,
    clinic: Clinic,
    asked: Asked,
    idempotency_key: str,
    person: User | None,
    now: datetime,
) -> Made:
    key = idempotency_hash(clinic_id=clinic.pk, key=idempotency_key)
    fingerprint = _fingerprint(clinic, asked)
    earlier = Booking.objects.filter(idempotency_key=key).select_related("clinic").first()
    if earlier is not None:
        return _replay(earlier, fingerprint)
    try:
        with transaction.atomic():
            resource = _resource(clinic, asked.resource_id, asked.starts_at, now)
            slot = _checked(resource, asked.starts_at, now=now, for_staff=False)
            nonce = new_nonce()
            token = manage_token(nonce)
            booking = Booking.objects.create(
                clinic=clinic,
                resource=resource,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                status=BookingStatus.PENDING
                if resource.confirm_by_staff
                else BookingStatus.CONFIRMED,
                name=asked.name,
                name_kana=asked.name_kana,
                phone=asked.phone,
                email=asked.email,
                contact_by=asked.contact_by,
                message=asked.message,
                lang=asked.lang,
                consent_version=CONSENT_VERSION,
                consent_at=now,
                selfcheck=asked.selfcheck,
                person=person if person is not None and person.is_authenticated else None,
                idempotency_key=key,
                request_hash=fingerprint,
                manage_nonce=nonce,
                manage_token_hash=manage_token_hash(token),
                mail_status=ReminderStatus.PENDING if asked.email else ReminderStatus.NONE,
                reminder_status=ReminderStatus.PENDING if asked.email else ReminderStatus.NONE,
                created_at=now,
                updated_at=now,
            )
            _mail_after_commit(booking, "created")
            notice_record(booking=booking, kind=NoticeKind.CREATED, now=now)
    except (IntegrityError, SlotRefused) as refused:
        # The same request may have got in first (a double tap racing this one): its booking
        # is the answer. Otherwise another request took the slot, or it was never free.
        earlier = Booking.objects.filter(idempotency_key=key).select_related("clinic").first()
        if earlier is not None:
            return _replay(earlier, fingerprint)
        if isinstance(refused, SlotRefused):
            raise
        raise SlotRefused(Refusal.TAKEN, _next_free(clinic, asked.starts_at, now)) from None
    return Made(booking=booking, token=token, replayed=False)


def _fingerprint(clinic: Clinic, asked: Asked) -> str:
    return request_hash(
        {
            "clinic": clinic.pk,
            "resource": asked.resource_id,
            "starts_at": asked.starts_at.timestamp(),
            "name": asked.name,
            "name_kana": asked.name_kana,
            "phone": asked.phone,
            "email": asked.email,
            "contact_by": asked.contact_by,
            "message": asked.message,
        }
    )


def _replay(booking: Booking, fingerprint: str) -> Made:
    if booking.request_hash != fingerprint:
        raise KeyReused
    return Made(booking=booking, token=manage_token(booking.manage_nonce), replayed=True)


def _resource(clinic: Clinic, resource_id: int, starts_at: datetime, now: datetime) -> Availability:
    resource = Availability.objects.filter(pk=resource_id, clinic=clinic, active=True).first()
    if resource is None:
        raise SlotRefused(Refusal.NOT_A_SLOT, _next_free(clinic, starts_at, now))
    return resource


def _checked(
    resource: Availability,
    starts_at: datetime,
    *,
    now: datetime,
    for_staff: bool,
    leaving_out: int | None = None,
) -> Slot:
    day = timezone.localdate(starts_at)
    window = (starts_at - timedelta(days=1), starts_at + timedelta(days=1))
    checked = check_slot(
        offer_of(resource, for_staff=for_staff),
        starts_at,
        now=now,
        exceptions=exceptions_of(resource, day, day),
        taken=taken_of(resource, *window, leaving_out=leaving_out),
    )
    if isinstance(checked, Refusal):
        raise SlotRefused(checked, _next_free(resource.clinic, starts_at, now, leaving_out))
    return checked


def _next_free(
    clinic: Clinic, wanted: datetime, now: datetime, leaving_out: int | None = None
) -> list[tuple[int, Slot]]:
    today = timezone.localdate(now)
    first = max(today, timezone.localdate(wanted))
    return offers(
        clinic=clinic,
        now=now,
        first_day=first,
        last_day=today + timedelta(days=SEARCH_DAYS),
        after=wanted if wanted > now else None,
        limit=NEXT_FREE,
        leaving_out=leaving_out,
    )


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update().select_related("clinic", "resource").get(pk=booking.pk)
    )


def _may_person_change(row: Booking, now: datetime) -> bool:
    return row.status in OPEN and may_change(
        starts_at=row.starts_at, now=now, cutoff_minutes=row.resource.change_until_minutes
    )


def person_may_change(*, booking: Booking, now: datetime) -> bool:
    return _may_person_change(booking, now)


def booking_cancel(*, booking: Booking, now: datetime, by_staff: bool) -> Booking:
    """Cancel an open booking; the person only until the clinic's cutoff. The slot is free at
    once (a cancelled booking holds nothing) and the invitation is cancelled (same UID)."""
    with transaction.atomic():
        row = _locked(booking)
        if row.status not in OPEN or (not by_staff and not _may_person_change(row, now)):
            raise ChangeClosed
        row.status = BookingStatus.CANCELLED
        _changed(row, now)
        row.save()
        _mail_after_commit(row, "cancelled")
        if not by_staff:  # staff made the change: nobody needs telling
            notice_record(booking=row, kind=NoticeKind.CANCELLED, now=now)
    return row


def booking_move(
    *, booking: Booking, resource_id: int, starts_at: datetime, now: datetime, by_staff: bool
) -> Booking:
    """Move an open booking to another free slot of the clinic (same UID, next SEQUENCE)."""
    with transaction.atomic():
        row = _locked(booking)
        if row.status not in OPEN or (not by_staff and not _may_person_change(row, now)):
            raise ChangeClosed
        resource = _resource(row.clinic, resource_id, starts_at, now)
        slot = _checked(resource, starts_at, now=now, for_staff=by_staff, leaving_out=row.pk)
        was_starts_at, was_label = row.starts_at, row.resource.label
        row.resource, row.starts_at, row.ends_at = resource, slot.starts_at, slot.ends_at
        # A new day needs its own reminder.
        row.reminder_status = ReminderStatus.PENDING if row.email else ReminderStatus.NONE
        row.reminder_attempts, row.reminder_error, row.reminder_sent_at = 0, "", None
        _changed(row, now)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            raise SlotRefused(
                Refusal.TAKEN, _next_free(row.clinic, starts_at, now, row.pk)
            ) from None
        _mail_after_commit(row, "moved")
        if not by_staff:
            notice_record(
                booking=row,
                kind=NoticeKind.MOVED,
                now=now,
                was_starts_at=was_starts_at,
                was_label=was_label,
            )
    return row


def booking_set_status(*, booking: Booking, to: State, now: datetime) -> Booking:
    """Staff: confirm a pending booking, or mark attended / no-show (from the consultation's
    day). Confirming is sent to the person; an outcome is not."""
    with transaction.atomic():
        row = _locked(booking)
        if to not in next_statuses(row.status) or to == State.CANCELLED:
            raise ChangeClosed
        if to in (State.ATTENDED, State.NO_SHOW) and not may_mark_outcome(
            starts_at=row.starts_at, now=now, tz=settings.TIME_ZONE
        ):
            raise ChangeClosed
        row.status = to.value
        if to == State.CONFIRMED:
            _changed(row, now)
            _mail_after_commit(row, "confirmed")
        else:
            row.updated_at = now
        row.save()
    return row


def _changed(row: Booking, now: datetime) -> None:
    """A change the person's calendar must follow: the next SEQUENCE, a new e-mail to send."""
    row.ics_sequence += 1  # the row is locked for this transaction (_locked)
    row.mail_status = ReminderStatus.PENDING if row.email else ReminderStatus.NONE
    row.mail_error = ""
    row.updated_at = now


def _mail_after_commit(booking: Booking, kind: Kind) -> None:
    if not booking.email:
        return
    # Imported here: the task module imports this one.
    from hizakoshi.clinic.booking.tasks import send_booking_mail

    pk = booking.pk
    transaction.on_commit(lambda: send_booking_mail.enqueue(pk, kind))


def booking_mail_send(*, booking_id: int, kind: Kind, now: datetime | None = None) -> bool:
    """Send one e-mail about the booking and record whether it went (staff see a failure)."""
    booking = Booking.objects.select_related("clinic", "resource").filter(pk=booking_id).first()
    if booking is None or not booking.email:
        return False
    now = now or timezone.now()
    message = booking_email(
        booking=booking, kind=kind, token=manage_token(booking.manage_nonce), now=now
    )
    try:
        message.send(fail_silently=False)
    except Exception as problem:
        _record_mail(booking_id, ReminderStatus.FAILED, problem)
        raise
    _record_mail(booking_id, ReminderStatus.SENT, None)
    return True


def _record_mail(booking_id: int, status: str, problem: Exception | None) -> None:
    error = f"{type(problem).__name__}: {problem}"[:200] if problem else ""
    Booking.objects.filter(pk=booking_id).update(mail_status=status, mail_error=error)


def booking_reminder_send(*, booking_id: int, now: datetime) -> str:
    """The reminder the day before: "sent", "failed" (tried again at the next run, up to the
    core's limit) or "skipped" (not due, already sent, or another server has it)."""
    booking = Booking.objects.select_related("clinic", "resource").filter(pk=booking_id).first()
    if booking is None or not _reminder_wanted(booking, now):
        return "skipped"
    key = f"{booking.pk}:{booking.starts_at.isoformat()}"
    if not job_claim(name=REMINDER_JOB, key=key, now=now):
        return "skipped"
    message = booking_email(
        booking=booking, kind="reminder", token=manage_token(booking.manage_nonce), now=now
    )
    try:
        message.send(fail_silently=False)
    except Exception as problem:
        job_claim_release(name=REMINDER_JOB, key=key)  # so that the next run may try again
        Booking.objects.filter(pk=booking.pk).update(
            reminder_status=ReminderStatus.FAILED,
            reminder_attempts=F("reminder_attempts") + 1,
            reminder_error=f"{type(problem).__name__}: {problem}"[:200],
        )
        return "failed"
    Booking.objects.filter(pk=booking.pk).update(
        reminder_status=ReminderStatus.SENT,
        reminder_attempts=F("reminder_attempts") + 1,
        reminder_error="",
        reminder_sent_at=now,
    )
    return "sent"


def _reminder_wanted(booking: Booking, now: datetime) -> bool:
    return (
        booking.status in OPEN
        and bool(booking.email)
        and booking.reminder_status in (ReminderStatus.PENDING, ReminderStatus.FAILED)
        and booking.reminder_attempts < MAX_REMINDER_ATTEMPTS
        and reminder_due(
            starts_at=booking.starts_at,
            booked_at=booking.created_at,
            now=now,
            tz=settings.TIME_ZONE,
        )
    )


def bookings_purge(*, now: datetime) -> int:
    """Delete the bookings kept long enough after their consultation (care.booking)."""
    deleted, _ = Booking.objects.filter(ends_at__lt=purge_before(now=now)).delete()
    return deleted
