"""Writes of the clinic's calendar: what staff do to a booking, each on the audit trail in the
same transaction.

A booking made by a person linked with this clinic is one of their records: a clinician's read
or change of it goes through the access door (site/access.person_for, what="booking"), which
checks the link and writes the audit event. Any other booking (made without an account, by a
person not linked, or handled by reception, whose role reaches no health record) is audited
directly with an AuditEvent (what="booking", the booking's id in the detail, and the person's
log reference when there is an account)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction

from hizakoshi.accounts.models import User
from hizakoshi.care.booking import State
from hizakoshi.clinic.booking.services import booking_cancel, booking_move, booking_set_status
from hizakoshi.clinic.calendar.selectors import linked_here
from hizakoshi.clinic.models import AuditAction, AuditEvent, Booking, Membership
from hizakoshi.clinic.roles import sees_records
from hizakoshi.site.access import Need, person_for

WHAT = "booking"
ACTIONS = ("confirm", "cancel", "attended", "no_show")


def _label(membership: Membership) -> str:
    return f"{membership.display_name} ({membership.get_role_display()})"


def _event(
    *,
    membership: Membership,
    actor: User,
    need: Need,
    ip: str | None,
    now: datetime,
    booking: Booking | None,
    what: str = WHAT,
    detail: str,
) -> AuditEvent:
    person = booking.person if booking is not None else None
    return AuditEvent(
        at=now,
        actor=actor,
        actor_label=_label(membership),
        clinic=membership.clinic,
        subject_ref=person.log_ref if person is not None else None,
        action=AuditAction(need.value),
        what=what,
        detail=detail[:200],
        ip=ip or None,
    )


def booking_access_record(
    *,
    bookings: Iterable[Booking],
    membership: Membership,
    actor: User,
    need: Need,
    ip: str | None,
    now: datetime,
    detail: str = "",
) -> None:
    """One audit event per booking: through the door for a linked person's booking read or
    changed by a clinician, else directly."""
    rows = list(bookings)
    door = set()
    if sees_records(membership.role):
        door = linked_here(clinic=membership.clinic, person_ids=(b.person_id for b in rows))
    direct = []
    for row in rows:
        if row.person_id in door:
            person_for(actor=actor, person_id=row.person_id, need=need, what=WHAT, ip=ip)
        else:
            text = f"booking {row.pk}" + (f" {detail}" if detail else "")
            direct.append(
                _event(
                    membership=membership,
                    actor=actor,
                    need=need,
                    ip=ip,
                    now=now,
                    booking=row,
                    detail=text,
                )
            )
    AuditEvent.objects.bulk_create(direct)


@transaction.atomic
def calendar_view_record(
    *,
    bookings: list[Booking],
    membership: Membership,
    actor: User,
    ip: str | None,
    now: datetime,
    first: date,
    last: date,
) -> None:
    """The calendar was read: one event for the page (its days and how many bookings), and one
    per booking shown."""
    booking_access_record(
        bookings=bookings, membership=membership, actor=actor, need=Need.READ, ip=ip, now=now
    )
    _event(
        membership=membership,
        actor=actor,
        need=Need.READ,
        ip=ip,
        now=now,
        booking=None,
        what="booking_calendar",
        detail=f"{first.isoformat()}..{last.isoformat()}: {len(bookings)}",
    ).save()


def booking_staff_act(
    *,
    booking: Booking,
    action: str,
    membership: Membership,
    actor: User,
    ip: str | None,
    now: datetime,
) -> Booking:
    """Confirm, cancel, or mark attended / no-show; the change and its audit event together.
    Raises ChangeClosed (nothing written) when the booking's state or day does not allow it."""
    with transaction.atomic():
        booking_access_record(
            bookings=[booking],
            membership=membership,
            actor=actor,
            need=Need.WRITE,
            ip=ip,
            now=now,
            detail=action,
        )
        if action == "cancel":
            return booking_cancel(booking=booking, now=now, by_staff=True)
        to = {"confirm": State.CONFIRMED, "attended": State.ATTENDED, "no_show": State.NO_SHOW}
        return booking_set_status(booking=booking, to=to[action], now=now)


def booking_staff_move(
    *,
    booking: Booking,
    resource_id: int,
    starts_at: datetime,
    membership: Membership,
    actor: User,
    ip: str | None,
    now: datetime,
) -> Booking:
    """Move to another free slot (staff may book inside the lead time and past the person's
    cutoff); SlotRefused or ChangeClosed leave nothing written."""
    with transaction.atomic():
        booking_access_record(
            bookings=[booking],
            membership=membership,
            actor=actor,
            need=Need.WRITE,
            ip=ip,
            now=now,
            detail="move",
        )
        return booking_move(
            booking=booking, resource_id=resource_id, starts_at=starts_at, now=now, by_staff=True
        )
