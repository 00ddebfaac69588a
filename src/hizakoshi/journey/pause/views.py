"""Paused self-care after a diary warning sign: the summary to print for the doctor, and the
form to record "a doctor has seen me and said I may resume", with the day of the visit."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.pause.forms import ResumeForm
from hizakoshi.journey.pause.presenters import diary_pause_view
from hizakoshi.journey.pause.selectors import diary_pause_now, person_age
from hizakoshi.journey.pause.services import resume_record
from hizakoshi.site.access import need_of, person_for
from hizakoshi.site.language import current_lang


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def resume(request: HttpRequest) -> HttpResponse:
    person, today = person_for(actor=request.user, need=need_of(request)), local_today()
    pause = diary_pause_now(person=person, today=today)
    if pause is None:
        return redirect("journey:today")
    form = ResumeForm(request.POST or None, first_day=pause.first_day, today=today)
    if request.method == "POST" and form.is_valid():
        resume_record(
            person=person,
            today=today,
            seen_on=form.cleaned_data["seen_on"],
            note=form.cleaned_data["note"],
        )
        return redirect(reverse("journey:today") + "?saved=resumed")
    context = {"flag": diary_pause_view(pause, current_lang()), "resume_form": form}
    return render(request, "journey/daily/resume.html", context)


@never_cache
@login_required
@require_safe
def for_doctor(request: HttpRequest) -> HttpResponse:
    person, today = person_for(actor=request.user), local_today()
    pause = diary_pause_now(person=person, today=today)
    if pause is None:
        return redirect("journey:today")
    context = {
        "flag": diary_pause_view(pause, current_lang()),
        "age": person_age(person=person, today=today),
        "today": today,
    }
    return render(request, "journey/daily/for_doctor.html", context)
