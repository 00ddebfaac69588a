"""An escalation message: its own page, and marking it read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hizakoshi.journey.escalations.presenters import escalation_page
from hizakoshi.journey.escalations.services import escalation_mark_seen
from hizakoshi.journey.models import Escalation
from hizakoshi.site.access import need_of, person_for
from hizakoshi.site.language import current_lang


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def escalation(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for(actor=request.user, need=need_of(request))
    row = get_object_or_404(Escalation, pk=pk, person=person)  # another person's message: 404
    if request.method == "POST":
        escalation_mark_seen(person=person, escalation_id=row.pk)
        return redirect("journey:today")
    context = {"e": escalation_page(row, current_lang(), person), "seen": row.seen_at is not None}
    return render(request, "journey/daily/escalation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def escalation_seen(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for(actor=request.user, need=need_of(request))
    get_object_or_404(Escalation, pk=pk, person=person)  # another person's message: 404
    if request.method == "POST":  # a GET (an old link) only goes back to the page
        escalation_mark_seen(person=person, escalation_id=pk)
    # The today page sends its own address as `next`; only a path on this site is followed.
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return redirect(back)
    return redirect("journey:progress")
