"""Today: the one page a person opens each day.

It only reads: the weekly plan review and the escalation review run for everyone in the
background (`hizakoshi review_journeys`, journey/review/services.py), so a person who stops
opening the app is reviewed too, and Today shows what they stored."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from hizakoshi.journey.join.services import WELCOME
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.notes.selectors import clinician_notes_unseen
from hizakoshi.journey.today.presenters import today_context
from hizakoshi.site.access import person_for
from hizakoshi.site.language import current_lang


@never_cache
@login_required
@require_safe
def today(request: HttpRequest) -> HttpResponse:
    person = person_for(actor=request.user)
    context = today_context(person=person, day=local_today(), lang=current_lang())
    # A clinic's message shows whether or not the person has a plan yet.
    context["clinic_notes"] = list(clinician_notes_unseen(person=person))
    context["saved"] = request.GET.get("saved", "")
    context["welcome"] = request.session.pop(WELCOME, "")  # once, after sign-up
    return render(request, "journey/daily/today.html", context)
