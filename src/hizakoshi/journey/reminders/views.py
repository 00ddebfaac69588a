"""Reminders: the private calendar link (made, shown once, stopped), the feed it serves, and the
daily reminder time. Pages only ever touch `request.user`'s rows; the feed is reached by its
secret token alone, because calendar apps cannot log in."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from hizakoshi.journey.reminders.selectors import (
    calendar_feed_by_token,
    calendar_feed_ics,
    calendar_feed_live,
    reminders_wanted,
    session_time_of,
)
from hizakoshi.journey.reminders.services import (
    calendar_feed_create,
    calendar_feed_revoke,
    reminder_time_set,
)
from hizakoshi.site.access import need_of, person_for


class ReminderForm(forms.Form):
    session_time = forms.TimeField(
        label=_("Reminder time"),
        required=False,
        input_formats=["%H:%M"],
        help_text=_("Japanese time. Your calendar link uses it too."),
        error_messages={"invalid": _("Please enter a time like 09:30.")},
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    email_reminders = forms.BooleanField(
        label=_("Send me a reminder e-mail at this time every day"), required=False
    )

    def clean(self) -> dict[str, object]:
        cleaned: dict[str, object] = super().clean() or {}
        if cleaned.get("email_reminders") and cleaned.get("session_time") is None:
            self.add_error("session_time", _("Please choose a time for the e-mails."))
        return cleaned


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest) -> HttpResponse:
    person = person_for(actor=request.user, need=need_of(request))
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "revoke":
        calendar_feed_revoke(person=person)
        return redirect("journey:calendar")
    token = calendar_feed_create(person=person)[1] if action == "create" else None
    context: dict[str, object] = {
        "live": calendar_feed_live(person=person),
        "session_time": session_time_of(person=person),
    }
    if token is not None:
        # Shown on this response only (never_cache): the database keeps just the token's hash.
        url = request.build_absolute_uri(reverse("calendar:feed", kwargs={"token": token}))
        context["feed_url"] = url
        context["webcal_url"] = "webcal://" + url.split("://", 1)[1]
    return render(request, "journey/reminders/calendar.html", context)


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = calendar_feed_by_token(token=token)
    if feed is None or not feed.person.is_active:
        raise Http404
    response = HttpResponse(
        calendar_feed_ics(feed=feed), content_type="text/calendar; charset=utf-8"
    )
    # Personal, behind a secret URL: no shared cache may keep it, and a stopped link must stop.
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest) -> HttpResponse:
    person = person_for(actor=request.user, need=need_of(request))
    if request.method == "POST":
        form = ReminderForm(request.POST)
        if form.is_valid():
            reminder_time_set(
                person=person,
                session_time=form.cleaned_data["session_time"],
                email_reminders=form.cleaned_data["email_reminders"],
            )
            return redirect(reverse("journey:reminders") + "?saved=1")
    else:
        form = ReminderForm(
            initial={
                "session_time": session_time_of(person=person),
                "email_reminders": reminders_wanted(person=person),
            }
        )
    context = {"form": form, "saved": request.GET.get("saved") == "1"}
    return render(request, "journey/reminders/reminders.html", context)
