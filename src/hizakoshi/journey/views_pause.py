"""Paused self-care after a diary warning sign: the summary to print for the doctor, and the
form to record "a doctor has seen me and said I may resume", with the day of the visit."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from hizakoshi.accounts.models import User
from hizakoshi.journey.forms_pause import ResumeForm
from hizakoshi.journey.presenters_daily import diary_pause_view
from hizakoshi.journey.selectors import local_today
from hizakoshi.journey.selectors_pause import diary_pause_now, person_age
from hizakoshi.journey.services_daily import resume_record
from hizakoshi.selfcheck.language import current_lang


def _person(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required ran first
    return user


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def resume(request: HttpRequest) -> HttpResponse:
    person, today = _person(request), local_today()
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
    person, today = _person(request), local_today()
    pause = diary_pause_now(person=person, today=today)
    if pause is None:
        return redirect("journey:today")
    context = {
        "flag": diary_pause_view(pause, current_lang()),
        "age": person_age(person=person, today=today),
        "today": today,
    }
    return render(request, "journey/daily/for_doctor.html", context)
