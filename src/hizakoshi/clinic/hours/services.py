"""The one way a clinic's consultation hours are written: the hours page (clinic/hours/views.py)
and `hizakoshi booking_hours` both call these, so they cannot disagree on what is kept.

- Every change is checked by the core's rules (care.booking.availability_problems, day_problem)
  and refused with its problems by field (HoursRefused), nothing written.
- Every write leaves one AuditEvent (who, what changed, when) in the same transaction, as the
  calendar's writes do (clinic/calendar/services.py): action WRITE, what "availability" or
  "day_exception", the row and the change in the detail; the command's actor is the command line.
- Writers of one clinic's hours take its row's lock first (SQLite's transactions take the write
  lock anyway), so two of them wait their turn: the last one wins, cleanly. A save from the
  page carries the fingerprint of the hours it was shown; when they changed meanwhile it is
  refused (ChangedMeanwhile) and the page says so, rather than undo the other change unseen.
- A change of hours never moves or cancels a booking (clinic/hours/selectors.py lists the ones
  left outside the hours, for the clinic to phone).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from hizakoshi.accounts.models import User
from hizakoshi.care.booking import availability_problems, day_problem
from hizakoshi.care.booking.hours import NUMBERS
from hizakoshi.clinic.hours.selectors import STORED, fingerprint, label_taken, values_of
from hizakoshi.clinic.members.services import COMMAND_LINE
from hizakoshi.clinic.models import (
    AuditAction,
    AuditEvent,
    Availability,
    Clinic,
    DayException,
    Membership,
)
from hizakoshi.clinic.staff.services import actor_label
from hizakoshi.site.language import current_lang

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

WHAT_AVAILABILITY = "availability"
WHAT_DAY = "day_exception"

MSG_LABEL_TAKEN = _("Another entry of the clinic already has this name. Please choose another.")
MSG_LABEL_EMPTY = _("Please give a name, such as the staff member or the room.")
MSG_NEEDS_WEEK = _("A new entry needs its weekly hours.")
MSG_NOT_NEGATIVE = _("Please enter 0 or more.")


@dataclass(frozen=True)
class Actor:
    """Who writes, for the audit trail: a staff member on the page, or the command line."""

    user: User | None
    label: str
    ip: str | None = None

    @classmethod
    def member(cls, membership: Membership, user: User, ip: str | None) -> Actor:
        return cls(user=user, label=actor_label(membership), ip=ip)


COMMAND = Actor(user=None, label=COMMAND_LINE)


class HoursRefused(Exception):
    """Nothing was written: what is wrong, by field (the form's names; "" for the whole)."""

    def __init__(self, problems: Mapping[str, StrOrPromise]) -> None:
        super().__init__(dict(problems))
        self.problems = dict(problems)

    def __str__(self) -> str:
        return "; ".join(f"{k}: {v}" if k else str(v) for k, v in self.problems.items())


class ChangedMeanwhile(Exception):
    """The hours were changed by someone else after the page showed them; nothing written."""


def _locked(clinic: Clinic) -> Clinic:
    return Clinic.objects.select_for_update().get(pk=clinic.pk)


def _audit(*, clinic: Clinic, actor: Actor, what: str, detail: str, now: datetime) -> None:
    AuditEvent.objects.create(
        at=now,
        actor=actor.user,
        actor_label=actor.label[:80],
        clinic=clinic,
        action=AuditAction.WRITE,
        what=what,
        detail=detail[:200],
        ip=actor.ip or None,
    )


def _problems(row: Availability, clinic: Clinic) -> dict[str, StrOrPromise]:
    lang = current_lang()
    numbers = {name: getattr(row, name) for name in NUMBERS}
    found: dict[str, StrOrPromise] = {
        name: text.get(lang)
        for name, text in availability_problems(weekly=row.weekly, numbers=numbers).items()
    }
    for name in ("change_until_minutes", "price_yen"):
        value = getattr(row, name)
        if value is not None and value < 0:
            found[name] = MSG_NOT_NEGATIVE
    if not row.label:
        found["label"] = MSG_LABEL_EMPTY
    elif label_taken(clinic=clinic, label=row.label, leaving_out=row.pk):
        found["label"] = MSG_LABEL_TAKEN
    return found


DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _periods(day: Sequence[Sequence[str]]) -> str:
    return ",".join(f"{a}-{b}" for a, b in day) or "closed"


def _week_change(before: Any, after: Any) -> str:
    """Only the weekdays that changed: "tue 09:00-12:00>10:00-12:00"."""
    old = before if isinstance(before, list) else [[] for _ in DAY_CODES]
    return " ".join(
        f"{code} {_periods(was)}>{_periods(now)}"
        if before is not None
        else f"{code} {_periods(now)}"
        for code, was, now in zip(DAY_CODES, old, after, strict=False)
        if was != now or before is None
    )


def _change_text(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """What changed, the numbers and words first, the week last (the detail holds 200)."""
    parts = [
        f"{name} {before[name]}>{after[name]}"
        for name in STORED
        if name != "weekly" and before[name] != after[name]
    ]
    if before["weekly"] != after["weekly"]:
        parts.append(f"weekly {_week_change(before['weekly'], after['weekly'])}")
    return "; ".join(parts)


def _save(
    *, row: Availability, clinic: Clinic, values: Mapping[str, Any], actor: Actor, now: datetime
) -> Availability:
    new = row.pk is None
    before = values_of(row)
    for name, value in values.items():
        if name not in STORED:
            raise TypeError(f"{name} is not a field of the hours")
        setattr(row, name, value)
    problems = _problems(row, clinic)
    if problems:
        raise HoursRefused(problems)
    change = _change_text(before, values_of(row))
    if not new and not change:
        return row  # nothing changed: nothing to write or record
    row.save()
    verb = "added" if new else "changed"
    _audit(
        clinic=clinic,
        actor=actor,
        what=WHAT_AVAILABILITY,
        detail=f"{verb} availability {row.pk}: {change}",
        now=now,
    )
    return row


def availability_add(
    *, clinic: Clinic, values: Mapping[str, Any], actor: Actor, now: datetime
) -> Availability:
    """A new staff member's or room's hours (every field of EDITABLE given)."""
    with transaction.atomic():
        locked = _locked(clinic)
        if "weekly" not in values:
            raise HoursRefused({"weekly": MSG_NEEDS_WEEK})
        row = Availability(clinic=locked, created_at=now)
        return _save(row=row, clinic=locked, values=values, actor=actor, now=now)


def availability_change(
    *,
    clinic: Clinic,
    availability_id: int,
    values: Mapping[str, Any],
    actor: Actor,
    now: datetime,
    seen: str | None = None,
) -> Availability:
    """Change the given fields of one of the clinic's availabilities. `seen`: the fingerprint of
    the hours the page showed (ChangedMeanwhile if they changed since); None: last write wins.
    Availability.DoesNotExist when it is not the clinic's."""
    with transaction.atomic():
        locked = _locked(clinic)
        row = Availability.objects.select_for_update().get(clinic=locked, pk=availability_id)
        if seen is not None and seen != fingerprint(row):
            raise ChangedMeanwhile
        return _save(row=row, clinic=locked, values=values, actor=actor, now=now)


def availability_put(
    *, clinic: Clinic, label: str, values: Mapping[str, Any], actor: Actor, now: datetime
) -> Availability:
    """The command's way: the availability of that label changed, or made when it is new."""
    with transaction.atomic():
        locked = _locked(clinic)
        row = (
            Availability.objects.select_for_update()
            .filter(clinic=locked, label=label)
            .order_by("pk")
            .first()
        )
        if row is None:
            if "weekly" not in values:
                raise HoursRefused({"weekly": MSG_NEEDS_WEEK})
            row = Availability(clinic=locked, created_at=now)
        return _save(
            row=row, clinic=locked, values={**values, "label": label}, actor=actor, now=now
        )


def availability_set_active(
    *, clinic: Clinic, availability_id: int, active: bool, actor: Actor, now: datetime
) -> Availability:
    """Stop or resume taking bookings; the bookings made stay as they are."""
    return availability_change(
        clinic=clinic,
        availability_id=availability_id,
        values={"active": active},
        actor=actor,
        now=now,
    )


def day_set(
    *,
    clinic: Clinic,
    day: date,
    hours: Sequence[Sequence[str]],
    actor: Actor,
    now: datetime,
    resource_id: int | None = None,
    note: str = "",
) -> DayException:
    """A closed day (`hours` empty) or one day's own hours, for the whole clinic or one of its
    availabilities; the day's earlier exception of the same scope is replaced."""
    pairs = [[str(a), str(b)] for a, b in hours]
    problem = day_problem(pairs)
    if problem is not None:
        raise HoursRefused({"hours": problem.get(current_lang())})
    with transaction.atomic():
        locked = _locked(clinic)
        resource = None
        if resource_id is not None:
            resource = Availability.objects.get(clinic=locked, pk=resource_id)
        row, made = DayException.objects.update_or_create(
            clinic=locked,
            resource=resource,
            day=day,
            defaults={"hours": pairs, "note": note[:100]},
        )
        scope = f"availability {resource.pk}" if resource else "the clinic"
        _audit(
            clinic=locked,
            actor=actor,
            what=WHAT_DAY,
            detail=f"{'set' if made else 'changed'} {day.isoformat()} for {scope}: "
            f"{_periods(pairs)}",
            now=now,
        )
        return row


def day_remove(*, clinic: Clinic, exception_id: int, actor: Actor, now: datetime) -> bool:
    """The day has its weekly hours again. False when it was gone already (nothing written)."""
    with transaction.atomic():
        locked = _locked(clinic)
        row = DayException.objects.filter(clinic=locked, pk=exception_id).first()
        if row is None:
            return False
        scope = f"availability {row.resource_id}" if row.resource_id else "the clinic"
        row.delete()
        _audit(
            clinic=locked,
            actor=actor,
            what=WHAT_DAY,
            detail=f"removed {row.day.isoformat()} for {scope}: {_periods(row.hours)}",
            now=now,
        )
        return True
