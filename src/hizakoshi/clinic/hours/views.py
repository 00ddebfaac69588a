"""The clinic's consultation hours (/clinic/hours/), for the clinic admin and reception
(clinic/roles.py manages_hours; other roles get a 404): each staff member's or room's weekly
hours and rules, adding and changing them, stopping and resuming bookings, closed days and one
day's own hours. Every write goes through clinic/hours/services.py (the command's own path) and
is audited there; the list then shows the bookings still to come that the hours now leave
outside, for reception to phone: nothing moves or cancels them."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hizakoshi.accounts.models import User
from hizakoshi.care.booking.hours import NUMBERS
from hizakoshi.clinic.hours import presenters, selectors
from hizakoshi.clinic.hours.forms import MSG_SCOPE, AvailabilityForm, DayForm, periods_in
from hizakoshi.clinic.hours.services import (
    Actor,
    ChangedMeanwhile,
    HoursRefused,
    availability_add,
    availability_change,
    availability_set_active,
    day_remove,
    day_set,
)
from hizakoshi.clinic.models import Availability, Membership
from hizakoshi.clinic.roles import handles_bookings, manages_hours
from hizakoshi.clinic.staff.guard import staff_area, staff_ip
from hizakoshi.site.language import current_lang

SAVED = {
    "added": _("Added. People can book these hours now."),
    "changed": _("Saved. The booking pages use the new hours now."),
    "stopped": _("Stopped: no new bookings are taken. The bookings made stay as they are."),
    "resumed": _("Bookings are taken again."),
    "day": _("Saved the day."),
    "removed": _("Removed: the day has its weekly hours again."),
}
MSG_REFUSED = _("Nothing was saved. Please check the fields marked below.")
MSG_MEANWHILE = _(
    "Someone else saved these hours while you were changing them. Nothing of yours was saved: "
    "the hours saved now are shown above the form, which still has what you entered. Check "
    "it and save again."
)


def _refused(request: HttpRequest, membership: Membership, *methods: str) -> HttpResponse | None:
    if not manages_hours(membership.role):
        raise Http404
    if request.method not in (*methods, "HEAD"):
        return HttpResponseNotAllowed(methods)
    return None


def _actor(request: HttpRequest, membership: Membership) -> Actor:
    user = request.user
    assert isinstance(user, User)  # staff_area lets only a signed-in member in
    return Actor.member(membership, user, staff_ip(request))


def _done(what: str) -> HttpResponse:
    return redirect(f"{reverse('clinic:hours')}?saved={what}")


@staff_area
def hours(request: HttpRequest, membership: Membership) -> HttpResponse:
    if refused := _refused(request, membership, "GET"):
        return refused
    clinic, now = membership.clinic, timezone.now()
    saved = request.GET.get("saved", "")
    outside = selectors.bookings_outside_hours(clinic=clinic, now=now)
    context: dict[str, Any] = {
        "membership": membership,
        "entries": presenters.entry_rows(selectors.availabilities_of(clinic), current_lang()),
        "days": presenters.day_rows(
            selectors.days_to_come(clinic=clinic, today=timezone.localdate())
        ),
        "outside": presenters.outside_rows(outside),
        "opens_bookings": handles_bookings(membership.role),
        "saved": SAVED.get(saved, ""),
    }
    return render(request, "clinic/hours/list.html", context)


def _defaults() -> dict[str, Any]:
    """A new entry's form starts from the model's defaults (30-minute slots, ...)."""
    blank = Availability()
    return {name: getattr(blank, name) for name in (*NUMBERS, "change_until_minutes")}


def _form_page(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "clinic/hours/form.html", context, status=status)


@staff_area
def hours_new(request: HttpRequest, membership: Membership) -> HttpResponse:
    if refused := _refused(request, membership, "GET", "POST"):
        return refused
    context: dict[str, Any] = {"membership": membership, "row": None}
    if request.method != "POST":
        context["form"] = AvailabilityForm(initial=_defaults())
        return _form_page(request, context)
    form = AvailabilityForm(request.POST, periods=periods_in(request.POST))
    context["form"] = form
    if form.is_valid():
        try:
            availability_add(
                clinic=membership.clinic,
                values=form.values(),
                actor=_actor(request, membership),
                now=timezone.now(),
            )
        except HoursRefused as problem:
            form.mark_errors(problem.problems)
        else:
            return _done("added")
    context["error"] = MSG_REFUSED
    return _form_page(request, context, status=400)


@staff_area
def hours_edit(request: HttpRequest, membership: Membership, availability_id: int) -> HttpResponse:
    if refused := _refused(request, membership, "GET", "POST"):
        return refused
    row = selectors.availability_here(clinic=membership.clinic, availability_id=availability_id)
    if row is None:
        raise Http404
    action = request.POST.get("action", "save")
    if request.method == "POST" and action in ("stop", "resume"):
        availability_set_active(
            clinic=membership.clinic,
            availability_id=row.pk,
            active=action == "resume",
            actor=_actor(request, membership),
            now=timezone.now(),
        )
        return _done("stopped" if action == "stop" else "resumed")
    context: dict[str, Any] = {"membership": membership, "row": row}
    if request.method != "POST":
        initial = AvailabilityForm.initial_of(row, selectors.fingerprint(row))
        context["form"] = AvailabilityForm(initial=initial, periods=periods_in({}, row.weekly))
        return _form_page(request, context)
    form = AvailabilityForm(request.POST, periods=periods_in(request.POST, row.weekly))
    context["form"] = form
    if form.is_valid():
        try:
            availability_change(
                clinic=membership.clinic,
                availability_id=row.pk,
                values=form.values(),
                actor=_actor(request, membership),
                now=timezone.now(),
                seen=form.cleaned_data["seen"] or None,
            )
        except HoursRefused as problem:
            form.mark_errors(problem.problems)
        except ChangedMeanwhile:
            return _meanwhile(request, context, form, row.pk)
        except Availability.DoesNotExist:
            raise Http404 from None
        else:
            return _done("changed")
    context["error"] = MSG_REFUSED
    return _form_page(request, context, status=400)


def _meanwhile(
    request: HttpRequest, context: dict[str, Any], form: AvailabilityForm, pk: int
) -> HttpResponse:
    """The form as sent, the hours as saved now above it, and the fingerprint of those: a
    second save, once checked, goes through."""
    now_saved = selectors.availability_here(clinic=context["membership"].clinic, availability_id=pk)
    if now_saved is None:
        raise Http404
    data = request.POST.copy()
    data["seen"] = selectors.fingerprint(now_saved)
    fresh = AvailabilityForm(data, periods=form.periods)
    fresh.is_valid()
    context.update(
        form=fresh,
        row=now_saved,
        current=presenters.entry_row(now_saved, current_lang()),
        error=MSG_MEANWHILE,
    )
    return _form_page(request, context, status=409)


@staff_area
def hours_days(request: HttpRequest, membership: Membership) -> HttpResponse:
    if refused := _refused(request, membership, "GET", "POST"):
        return refused
    clinic, now = membership.clinic, timezone.now()
    entries = selectors.availabilities_of(clinic)
    today = timezone.localdate()
    if request.method == "POST" and request.POST.get("action") == "remove":
        raw = request.POST.get("exception", "")
        removed = raw.isdigit() and day_remove(
            clinic=clinic, exception_id=int(raw), actor=_actor(request, membership), now=now
        )
        return _done("removed") if removed else redirect("clinic:hours")
    form = DayForm(request.POST if request.method == "POST" else None, entries=entries, today=today)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                day_set(
                    clinic=clinic,
                    day=data["day"],
                    hours=data["hours"],
                    resource_id=data["resource_id"],
                    note=data["note"].strip(),
                    actor=_actor(request, membership),
                    now=now,
                )
            except HoursRefused as problem:
                for message in problem.problems.values():
                    form.add_error("opens1", str(message))
            except Availability.DoesNotExist:
                form.add_error("scope", str(MSG_SCOPE))
            else:
                return _done("day")
        status = 400
    context = {
        "membership": membership,
        "form": form,
        "days": presenters.day_rows(selectors.days_to_come(clinic=clinic, today=today)),
        "error": MSG_REFUSED if status == 400 else "",
    }
    return render(request, "clinic/hours/days.html", context, status=status)
