"""The diary: the 30-second daily check-in. `/me/diary/` is today's entry (or, with ?day=, a
missed day of the last week); `/me/diary/<day>/` is an entry the person already made. A
warning sign answers at once with the urgent advice, 119 first for an emergency.

A phone that was offline sends the form later (site/static/hizakoshi/offline.js), asking for
JSON: the answers are checked against the entry as the page showed it (`seen`), so a repeat is
harmless and an older page never silently overwrites a newer entry; the page's `client_id`
comes back on the answer page so that the phone knows which kept diary has arrived."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import diary_days, diary_editable, journey
from hizakoshi.care.model import Lang
from hizakoshi.journey.diary.forms import MSG_FOLLOW_UP_NOTE, DiaryForm
from hizakoshi.journey.diary.presenters import pain_answer_view
from hizakoshi.journey.diary.selectors import (
    diary_recent,
    diary_version,
    knee_sides,
    weight_due,
)
from hizakoshi.journey.diary.services import DiaryChanged, DiarySaved, diary_save
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.models import DiaryEntry
from hizakoshi.journey.pause.presenters import triage_view, weight_loss_view
from hizakoshi.journey.plan.selectors import assessment_latest
from hizakoshi.site.access import need_of, person_for
from hizakoshi.site.language import current_lang

YES_NO_FIELDS = ("next_morning_back_to_usual", "good_control", "sleep_disturbed")


MSG_CHANGED = _(
    "This check-in was changed after you opened this page (perhaps on another phone). "
    "Your answers below are not saved yet: press Save to keep them instead."
)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _client_id(raw: str) -> str:
    """The page's id for one sending of the form, echoed so the phone can forget its copy."""
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        return ""


def _seen(raw: str | None) -> str | None:
    """The version the page was opened with; anything that is not one counts as "no entry",
    which can only be stricter (None: an older page without it, not checked)."""
    if raw is None:
        return None
    try:
        return raw if raw and parse_datetime(raw) else ""
    except ValueError:  # looks like a date and time but is none (month 13)
        return ""


def _day(raw: str, today: date) -> date:
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise Http404 from None
    if not diary_editable(day, today=today):
        raise Http404
    return day


def _initial(entry: DiaryEntry | None) -> dict[str, Any]:
    if entry is None:
        return {}
    initial = {name: getattr(entry, name) for name in DiaryForm.base_fields}
    for name in YES_NO_FIELDS:
        value = initial[name]
        initial[name] = None if value is None else "yes" if value else "no"
    events = entry.events if isinstance(entry.events, dict) else {}
    return initial | DiaryForm.initial_events(events)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def diary(request: HttpRequest) -> HttpResponse:
    today = local_today()
    raw = request.GET.get("day")
    day = today if not raw else _day(raw, today)
    person = person_for(actor=request.user, need=need_of(request))
    entry = DiaryEntry.objects.filter(person=person, day=day).first()
    action = reverse("journey:diary") + ("" if day == today else f"?day={day.isoformat()}")
    return _diary(request, person, day, entry, action)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def diary_day(request: HttpRequest, day: str) -> HttpResponse:
    person = person_for(actor=request.user, need=need_of(request))
    found = _day(day, local_today())
    entry = get_object_or_404(DiaryEntry, person=person, day=found)
    return _diary(request, person, found, entry, request.path)


def _diary(
    request: HttpRequest, person: User, day: date, entry: DiaryEntry | None, action: str
) -> HttpResponse:
    lang = current_lang()
    sides = knee_sides(assessment_latest(person=person))
    show_weight = weight_due(person=person, today=day) or bool(entry and entry.weight_kg)
    options: dict[str, Any] = {"lang": lang, "sides": sides, "show_weight": show_weight}
    seen = diary_version(entry)
    received = ""
    if request.method == "POST":
        form = DiaryForm(request.POST, **options)
        received = _client_id(request.POST.get("client_id", ""))
        posted_seen = _seen(request.POST.get("seen"))
        if posted_seen is not None:
            seen = posted_seen  # an error page keeps the version the person saw
        if form.is_valid():
            try:
                saved = diary_save(
                    person=person,
                    day=day,
                    values=form.values(),
                    events=form.events(),
                    seen=posted_seen,
                )
            except DiaryChanged as changed:
                form.add_error(None, ValidationError(MSG_CHANGED, code="changed"))
                seen = diary_version(changed.entry)  # told now: the next Save keeps these
                if _wants_json(request):
                    errors = form.errors.get_json_data()
                    return JsonResponse({"ok": False, "errors": errors}, status=409)
            else:
                return _saved(request, person, saved, day, received)
        elif _wants_json(request):
            return JsonResponse({"ok": False, "errors": form.errors.get_json_data()}, status=400)
    else:
        form = DiaryForm(initial=_initial(entry), **options)
    context = _context(request, person, form, day, lang) | {"action": action, "seen": seen}
    if received:
        context["received"] = received
    return render(request, "journey/daily/diary.html", context)


def _saved(
    request: HttpRequest, person: User, saved: DiarySaved, day: date, received: str
) -> HttpResponse:
    lang = current_lang()
    if _wants_json(request):
        # Sent later from the phone: the advice pages below cannot be shown; Today shows a
        # warning sign's advice, so the phone offers a link there.
        urgent = bool(saved.triage.hits)
        done = reverse("journey:today" if urgent else "journey:diary")
        done += "" if urgent else f"?saved={day.isoformat()}"
        return JsonResponse({"ok": True, "urgent": urgent, "repeat": saved.repeat, "next": done})
    if saved.triage.hits:
        context = {"triage": triage_view(saved.triage, lang), "day": day, "received": received}
        return render(request, "journey/daily/diary_urgent.html", context)
    # Pain above 5, or a weight loss to check: answered at once, on the saved page.
    answer = pain_answer_view(saved.entry, lang)
    weight = weight_loss_view(person, day, lang)
    if answer or weight:
        context = {"pain_answer": answer, "weight_loss": weight, "day": day, "received": received}
        return render(request, "journey/daily/diary_answer.html", context)
    got = f"&got={received}" if received else ""
    return redirect(reverse("journey:diary") + f"?saved={day.isoformat()}{got}")


def _context(
    request: HttpRequest, person: User, form: DiaryForm, day: date, lang: Lang
) -> dict[str, Any]:
    today = local_today()
    entries = {e.day: e for e in diary_recent(person=person, today=today)}
    week = []
    for d in diary_days(today):
        found = entries.get(d)
        url = (
            reverse("journey:diary_day", kwargs={"day": d.isoformat()})
            if found
            else reverse("journey:diary") + ("" if d == today else f"?day={d.isoformat()}")
        )
        week.append({"day": d, "entry": found, "url": url, "current": d == day})
    saved = request.GET.get("saved", "")
    return {
        "received": _client_id(request.GET.get("got", "")),
        "form": form,
        "day": day,
        "is_today": day == today,
        "week": week,
        "saved": _day_or_none(saved),
        "signs_field": form["red_flag_signs"],
        "events": form.events_view(),
        "events_heading": journey().diary.events.heading.get(lang),
        "follow_up_note": MSG_FOLLOW_UP_NOTE,
        "lang": lang,
    }


def _day_or_none(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
