"""Background tasks of booking (django-tasks; the backend is chosen in settings.TASKS).

Tasks take plain ids: a queued task's arguments must survive being stored as JSON, and the
booking may have changed or gone before it runs.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.base import Task

from hizakoshi.clinic.booking.emails import KINDS
from hizakoshi.clinic.booking.notices import notice_send
from hizakoshi.clinic.booking.services import booking_mail_send, booking_reminder_send


@task()
def send_booking_mail(booking_id: int, kind: str) -> bool:
    """The e-mail (with its invitation) about a booking made or changed; False if none sent."""
    if kind not in KINDS:
        return False
    return booking_mail_send(booking_id=booking_id, kind=kind)


@task()
def send_booking_reminder(booking_id: int) -> str:
    """The reminder the day before: "sent", "failed" or "skipped"."""
    return booking_reminder_send(booking_id=booking_id, now=timezone.now())


@task()
def send_booking_notice(notice_id: int) -> str:
    """The clinic's e-mail about a booking the person made, moved or cancelled: "sent",
    "failed" (tried again by `send_booking_notices`) or "skipped" (sent or being sent)."""
    return notice_send(notice_id=notice_id, now=timezone.now())


def outcome_of(job: Task[[int], str], row_id: int) -> str:
    """Run one send task for a command (send_booking_reminders, send_booking_notices): its own
    "sent"/"failed"/"skipped" when it ran here, "failed" when it raised, "queued" with a
    worker backend."""
    result = job.enqueue(row_id)
    if result.status == TaskResultStatus.SUCCESSFUL:
        return str(result.return_value)
    return "failed" if result.status == TaskResultStatus.FAILED else "queued"
