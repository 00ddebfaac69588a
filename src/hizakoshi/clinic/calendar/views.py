"""The clinic's booking calendar: the day or the week with each booking (and, for the roles that
see records, the self-check attached to it), one booking with what staff may do, and moving it.
Every read and change is on the audit trail (clinic/calendar/services.py). Roles that do not
handle bookings get a 404, as for a page that is not theirs."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizakoshi.accounts.models import User
from hizakoshi.clinic.booking.forms import MSG_SLOT, refusal_message
from hizakoshi.clinic.booking.presenters import days_of, parse_slot_value, slot_label
from hizakoshi.clinic.booking.selectors import offers
from hizakoshi.clinic.booking.services import ChangeClosed, SlotRefused
from hizakoshi.clinic.calendar import presenters, selectors
from hizakoshi.clinic.calendar.services import (
    ACTIONS,
    booking_access_record,
    booking_staff_act,
    booking_staff_move,
    calendar_view_record,
)
from hizakoshi.clinic.models import Booking, Membership
from hizakoshi.clinic.roles import handles_bookings, sees_records
from hizakoshi.clinic.staff.guard import staff_area, staff_ip
from hizakoshi.site.access import Need
from hizakoshi.site.language import current_lang

MSG_BAD_DAY = _("Please give the day as YYYY-MM-DD, like 2026-12-03. Today is shown instead.")
MSG_NOT_NOW = _(
    "This cannot be done to the booking now (it is cancelled or finished, or its day has not "
    "come yet)."
)
MSG_UNKNOWN_ACTION = _("Please use one of the buttons shown.")
MOVE_DAYS = 14  # the free times shown for a move, two weeks at a time


def _gate(request: HttpRequest, membership: Membership, *methods: str) -> None:
    if not handles_bookings(membership.role):
        raise Http404
    if request.method not in (*methods, "HEAD"):
        raise _NotAllowed(methods)


class _NotAllowed(Exception):
    def __init__(self, methods: tuple[str, ...]) -> None:
        self.methods = methods


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # staff_area lets only a signed-in member in
    return user


def _day(raw: str | None) -> tuple[date, str]:
    today = timezone.localdate()
    if not raw:
        return today, ""
    try:
        return date.fromisoformat(raw), ""
    except ValueError:
        return today, str(MSG_BAD_DAY)


@staff_area
def bookings(request: HttpRequest, membership: Membership) -> HttpResponse:
    try:
        _gate(request, membership, "GET")
    except _NotAllowed as refused:
        return HttpResponseNotAllowed(refused.methods)
    day, error = _day(request.GET.get("day"))
    week = request.GET.get("view", "week") != "day"
    first, last = selectors.week_of(day) if week else (day, day)
    found = selectors.bookings_of_days(clinic=membership.clinic, first=first, last=last)
    with_summary = sees_records(membership.role)
    calendar_view_record(
        bookings=found,
        membership=membership,
        actor=_actor(request),
        ip=staff_ip(request),
        now=timezone.now(),
        first=first,
        last=last,
    )
    step = timedelta(days=7 if week else 1)
    context: dict[str, Any] = {
        "membership": membership,
        "week": week,
        "view": "week" if week else "day",
        "day": day,
        "first": first,
        "last": last,
        "previous": (day - step).isoformat(),
        "next": (day + step).isoformat(),
        "today": timezone.localdate().isoformat(),
        "days": presenters.days_rows(found, first, last, current_lang(), with_summary=with_summary),
        "with_summary": with_summary,
        "count": len(found),
        "error": error,
    }
    return render(request, "clinic/calendar/week.html", context)


def _booking(membership: Membership, booking_id: int) -> Booking:
    found = selectors.booking_here(clinic=membership.clinic, booking_id=booking_id)
    if found is None:
        raise Http404
    return found


@staff_area
def booking(request: HttpRequest, membership: Membership, booking_id: int) -> HttpResponse:
    try:
        _gate(request, membership, "GET", "POST")
    except _NotAllowed as refused:
        return HttpResponseNotAllowed(refused.methods)
    row = _booking(membership, booking_id)
    ip, now = staff_ip(request), timezone.now()
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            error = str(MSG_UNKNOWN_ACTION)
        else:
            try:
                booking_staff_act(
                    booking=row,
                    action=action,
                    membership=membership,
                    actor=_actor(request),
                    ip=ip,
                    now=now,
                )
            except ChangeClosed:
                error = str(MSG_NOT_NOW)
            else:
                return redirect(reverse("clinic:booking", args=[row.pk]) + f"?done={action}")
    else:
        booking_access_record(
            bookings=[row],
            membership=membership,
            actor=_actor(request),
            need=Need.READ,
            ip=ip,
            now=now,
        )
    return _booking_page(request, membership, row, error)


def _booking_page(
    request: HttpRequest, membership: Membership, row: Booking, error: str
) -> HttpResponse:
    lang = current_lang()
    view = presenters.booking_row(row, lang, with_summary=sees_records(membership.role))
    done = request.GET.get("done", "")
    context = {
        "membership": membership,
        "b": view,
        "booking": row,
        "actions": presenters.actions_of(row),
        "notice": presenters.notice_row(selectors.notice_latest(booking=row)),
        "movable": row.status in ("pending", "confirmed"),
        "error": error,
        "done": presenters.ACTION_LABELS.get(done, "") if done != "move" else _("Moved"),
        "patient_linked": bool(
            sees_records(membership.role)
            and row.person_id
            and selectors.linked_here(clinic=membership.clinic, person_ids=[row.person_id])
        ),
    }
    return render(request, "clinic/calendar/booking.html", context)


@staff_area
def booking_move(request: HttpRequest, membership: Membership, booking_id: int) -> HttpResponse:
    try:
        _gate(request, membership, "GET", "POST")
    except _NotAllowed as refused:
        return HttpResponseNotAllowed(refused.methods)
    row = _booking(membership, booking_id)
    now, error = timezone.now(), ""
    if request.method == "POST":
        picked = parse_slot_value(request.POST.get("pick", ""))
        if picked is None:
            error = str(MSG_SLOT)
        else:
            try:
                booking_staff_move(
                    booking=row,
                    resource_id=picked[0],
                    starts_at=picked[1],
                    membership=membership,
                    actor=_actor(request),
                    ip=staff_ip(request),
                    now=now,
                )
            except SlotRefused as refused:
                error = refusal_message(refused.refusal)
            except ChangeClosed:
                error = str(MSG_NOT_NOW)
            else:
                return redirect(reverse("clinic:booking", args=[row.pk]) + "?done=move")
    else:
        booking_access_record(
            bookings=[row],
            membership=membership,
            actor=_actor(request),
            need=Need.READ,
            ip=staff_ip(request),
            now=now,
        )
    first, _error = _day(request.GET.get("from"))
    first = max(first, timezone.localdate())
    free = offers(
        clinic=membership.clinic,
        now=now,
        first_day=first,
        last_day=first + timedelta(days=MOVE_DAYS - 1),
        for_staff=True,
        leaving_out=row.pk,
    )
    context = {
        "membership": membership,
        "booking": row,
        "when": slot_label(row.starts_at),
        "days": days_of(free),
        "error": error,
        "later": (first + timedelta(days=MOVE_DAYS)).isoformat(),
        "movable": row.status in ("pending", "confirmed"),
    }
    return render(request, "clinic/calendar/move.html", context)
