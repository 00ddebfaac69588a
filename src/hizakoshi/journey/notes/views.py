"""Dismissing a clinician's note on Today."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods

from hizakoshi.journey.models import ClinicianNote
from hizakoshi.journey.notes.services import clinician_note_mark_seen
from hizakoshi.site.access import need_of, person_for


@login_required
@require_http_methods(["GET", "POST"])
def clinician_note_seen(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for(actor=request.user, need=need_of(request))
    get_object_or_404(ClinicianNote, pk=pk, person=person)  # another person's note: 404
    if request.method == "POST":  # a GET (an old link) only goes back to Today
        clinician_note_mark_seen(person=person, note_id=pk)
    return redirect("journey:today")
