"""The booking pages for anyone, no account needed: choose a time, give the details, and manage
the booking from its private link (see, move, cancel).

The way in from a result page is a POST that carries which self-check to attach (the result
page's signed answers, or a saved result's link) in a cookie limited to /book/, so that no
answer and no link ever appears in a URL. GET never writes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hizakoshi.clinic.booking import selectors
from hizakoshi.clinic.booking.consent import CONSENT_LABEL, CONSENT_POINTS
from hizakoshi.clinic.booking.emails import cutoff_text
from hizakoshi.clinic.booking.forms import (
    MSG_KEY_REUSED,
    MSG_SLOT,
    BookingForm,
    count_contacts,
    refusal_message,
)
from hizakoshi.clinic.booking.presenters import (
    STATUS_LABELS,
    days_of,
    parse_slot_value,
    slot_label,
)
from hizakoshi.clinic.booking.services import (
    Asked,
    ChangeClosed,
    KeyReused,
    SlotRefused,
    booking_cancel,
    booking_create,
    booking_move,
    person_may_change,
)
from hizakoshi.clinic.booking.tokens import new_nonce
from hizakoshi.clinic.models import Booking, CareLink, Clinic
from hizakoshi.site.language import current_lang
from hizakoshi.site.ratelimit import count_or_refuse

CARRY_COOKIE = "hizakoshi_book"
CARRY_PATH = "/book/"
DAYS_SHOWN = 14  # two weeks of slots on one page; "later" shows the next two


def _clinic_context(clinic: Clinic | None) -> dict[str, Any]:
    resources = selectors.resources_of(clinic) if clinic else []
    prices = sorted({r.price_yen for r in resources if r.price_yen is not None})
    notes = sorted({r.price_note for r in resources if r.price_note})
    return {"clinic": clinic, "bookable": bool(resources), "prices": prices, "price_notes": notes}


def _week_from(request: HttpRequest) -> date:
    today = timezone.localdate()
    try:
        wanted = date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        return today
    return max(today, min(wanted, today + timedelta(days=366)))


def _slot_days(clinic: Clinic, first: date, leaving_out: int | None = None) -> dict[str, Any]:
    last = first + timedelta(days=DAYS_SHOWN - 1)
    found = selectors.offers(
        clinic=clinic, now=timezone.now(), first_day=first, last_day=last, leaving_out=leaving_out
    )
    today = timezone.localdate()
    earlier = first - timedelta(days=DAYS_SHOWN)
    return {
        "days": days_of(found),
        "later": (last + timedelta(days=1)).isoformat(),
        "earlier": max(earlier, today).isoformat() if first > today else "",
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """The clinic and its free times. A POST (from a result page) remembers which self-check
    the person may attach, then shows the same page by GET."""
    if request.method == "POST":
        return _carry(request)
    clinic = selectors.booking_clinic(person=request.user)
    context = _clinic_context(clinic)
    if clinic is not None and context["bookable"]:
        context.update(_slot_days(clinic, _week_from(request)))
    return render(request, "booking/start.html", context)


def _carry(request: HttpRequest) -> HttpResponse:
    response = redirect("booking:start")
    state, saved = request.POST.get("state", ""), request.POST.get("result", "")
    value = selectors.CARRIED_STATE + state if state else ""
    if saved and not value:
        value = selectors.CARRIED_SAVED + saved
    if value and len(value) < 4000:
        response.set_cookie(
            CARRY_COOKIE,
            value,
            max_age=settings.SELFCHECK_STATE_MAX_AGE,
            path=CARRY_PATH,
            secure=settings.HTTPS,
            httponly=True,
            samesite="Lax",
        )
    return response


def _attachable(request: HttpRequest) -> dict[str, Any] | None:
    return selectors.attachable(
        carried=request.COOKIES.get(CARRY_COOKIE, ""), person=request.user, now=timezone.now()
    )


def _initial(request: HttpRequest, clinic: Clinic) -> dict[str, Any]:
    """A signed-in person's details, filled in (their link with the clinic names them)."""
    user = request.user
    if not user.is_authenticated:
        return {}
    initial: dict[str, Any] = {"email": getattr(user, "email", ""), "contact_by": "email"}
    link = CareLink.objects.filter(person=user, clinic=clinic, ended_at__isnull=True).first()
    if link is not None:
        initial |= {"name": link.name, "name_kana": link.name_kana}
    return initial


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def details(request: HttpRequest) -> HttpResponse:
    clinic = selectors.booking_clinic(person=request.user)
    if clinic is None or not selectors.is_bookable(clinic):
        return redirect("booking:start")
    attach = _attachable(request)
    if request.method != "POST":
        chosen = parse_slot_value(request.GET.get("slot", ""))
        if chosen is None:
            return redirect("booking:start")
        initial = _initial(request, clinic) | {
            "resource": chosen[0],
            "starts_at": chosen[1].isoformat(),
        }
        form = BookingForm(initial=initial)
        return _details_page(request, clinic, form, new_nonce(), attach)
    return _book(request, clinic, attach)


def _book(request: HttpRequest, clinic: Clinic, attach: dict[str, Any] | None) -> HttpResponse:
    count_or_refuse(request, key="ip", rate="RATELIMIT_BOOKING_IP", group="booking-ip")
    data = _with_picked_slot(request.POST)
    key = request.POST.get("idempotency_key", "") or new_nonce()
    form = BookingForm(data)
    if not form.is_valid():
        return _details_page(request, clinic, form, key, attach)
    values = form.cleaned_data
    count_contacts(request, values)
    asked = Asked.from_form(
        values,
        lang=current_lang(),
        selfcheck=attach if request.POST.get("attach") == "yes" else None,
    )
    try:
        made = booking_create(
            clinic=clinic,
            asked=asked,
            idempotency_key=key,
            person=request.user if request.user.is_authenticated else None,
            now=timezone.now(),
        )
    except SlotRefused as refused:
        form.add_error("starts_at", refusal_message(refused.refusal))
        return _details_page(request, clinic, form, key, attach, refused=refused)
    except KeyReused:
        form.add_error(None, MSG_KEY_REUSED)
        return _details_page(request, clinic, form, new_nonce(), attach)
    response = redirect(reverse("booking:manage", kwargs={"token": made.token}) + "?made=1")
    response.delete_cookie(CARRY_COOKIE, path=CARRY_PATH, samesite="Lax")
    return response


def _with_picked_slot(post: QueryDict) -> QueryDict:
    """A time picked from the "next free times" offered after a refusal replaces the one
    refused, keeping everything else the person typed."""
    data = post.copy()
    picked = parse_slot_value(post.get("pick", ""))
    if picked is not None:
        data["resource"], data["starts_at"] = str(picked[0]), picked[1].isoformat()
    return data


def _details_page(
    request: HttpRequest,
    clinic: Clinic,
    form: BookingForm,
    key: str,
    attach: dict[str, Any] | None,
    *,
    refused: SlotRefused | None = None,
) -> HttpResponse:
    lang = current_lang()
    chosen = form.data.get("starts_at") if form.is_bound else form.initial.get("starts_at")
    context = _clinic_context(clinic) | {
        "form": form,
        "idempotency_key": key,
        "when": _label_of(chosen),
        "attach": attach,
        "attach_checked": request.POST.get("attach") == "yes" if form.is_bound else False,
        "next_free": days_of(refused.next_free) if refused else [],
        "consent_points": [p.get(lang).format(clinic=clinic.name) for p in CONSENT_POINTS],
        "consent_label": CONSENT_LABEL.get(lang),
    }
    return render(request, "booking/details.html", context)


def _label_of(raw: Any) -> str:
    try:
        return slot_label(datetime.fromisoformat(str(raw)))
    except (TypeError, ValueError):
        return ""


def _booking(token: str) -> Booking:
    booking = selectors.booking_by_token(token)
    if booking is None:
        raise Http404
    return booking


def _manage_context(booking: Booking) -> dict[str, Any]:
    now = timezone.now()
    return _clinic_context(booking.clinic) | {
        "booking": booking,
        "when": slot_label(booking.starts_at),
        "status_label": STATUS_LABELS.get(booking.status, booking.status),
        "may_change": person_may_change(booking=booking, now=now),
        "cutoff": cutoff_text(booking.resource.change_until_minutes, current_lang()),
    }


@never_cache
@require_http_methods(["GET", "HEAD"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    context = _manage_context(booking) | {
        "token": token,
        "link": request.build_absolute_uri(reverse("booking:manage", kwargs={"token": token})),
        "done": request.GET.get("made") or request.GET.get("moved") or request.GET.get("cancelled"),
        "made": bool(request.GET.get("made")),
    }
    return render(request, "booking/manage.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    context = _manage_context(booking) | {"token": token}
    if request.method == "POST" and context["may_change"]:
        try:
            booking_cancel(booking=booking, now=timezone.now(), by_staff=False)
        except ChangeClosed:
            context["may_change"] = False
        else:
            return redirect(reverse("booking:manage", kwargs={"token": token}) + "?cancelled=1")
    return render(request, "booking/cancel.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def move(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    context = _manage_context(booking) | {"token": token, "error": ""}
    if not context["may_change"]:
        return render(request, "booking/move.html", context)
    if request.method == "POST":
        picked = parse_slot_value(request.POST.get("pick", ""))
        if picked is None:
            context["error"] = str(MSG_SLOT)
        else:
            try:
                booking_move(
                    booking=booking,
                    resource_id=picked[0],
                    starts_at=picked[1],
                    now=timezone.now(),
                    by_staff=False,
                )
            except SlotRefused as refused:
                context["error"] = refusal_message(refused.refusal)
            except ChangeClosed:
                context["may_change"] = False
            else:
                return redirect(reverse("booking:manage", kwargs={"token": token}) + "?moved=1")
    if context["may_change"]:
        context.update(_slot_days(booking.clinic, _week_from(request), leaving_out=booking.pk))
    return render(request, "booking/move.html", context)
