"""The person's own pages: profile, export, account deletion, and the page after it. Each reaches
the person through the door (site/access.py); no URL here names another record."""

from __future__ import annotations

import json

from django.contrib import auth
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from hizakoshi.journey.me.export import export_json
from hizakoshi.journey.me.fhir import export_fhir
from hizakoshi.journey.me.forms import DeleteAccountForm, ProfileForm
from hizakoshi.journey.me.selectors import consents_of, profile_get
from hizakoshi.journey.me.services import (
    DELETED_COUNTS,
    DELETED_KINDS,
    account_delete,
    data_log_add,
    profile_update,
)
from hizakoshi.journey.models import DataLogAction
from hizakoshi.journey.plan.selectors import assessment_latest
from hizakoshi.site.access import need_of, person_for
from hizakoshi.site.language import switch_language


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    person = person_for(actor=request.user, need=need_of(request))
    current = profile_get(person=person)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            profile_update(person=person, **form.cleaned_data)
            response = redirect("journey:profile")
            return switch_language(response, form.cleaned_data["language"])
    else:
        form = ProfileForm(
            initial={
                "height_cm": current.height_cm,
                "weight_goal_kg": current.weight_goal_kg,
                "session_time": current.session_time,
                "language": person.language,
            }
        )
    context = {
        "form": form,
        "consents": consents_of(person=person),
        "latest": assessment_latest(person=person),
    }
    return render(request, "journey/profile.html", context)


@never_cache
@login_required
@require_safe
def export(request: HttpRequest) -> HttpResponse:
    # The page itself shows no records, but it is one of the person's pages: the door decides
    # who may open it, as it will for a clinic's staff.
    person_for(actor=request.user)
    return render(request, "journey/export.html")


def _download(data: object, filename: str, content_type: str) -> HttpResponse:
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_safe
def export_as_json(request: HttpRequest) -> HttpResponse:
    person = person_for(actor=request.user)
    data = export_json(person=person)
    data_log_add(person=person, action=DataLogAction.EXPORT_JSON)
    return _download(data, f"hizakoshi-{timezone.localdate():%Y%m%d}.json", "application/json")


@never_cache
@login_required
@require_safe
def export_as_fhir(request: HttpRequest) -> HttpResponse:
    person = person_for(actor=request.user)
    bundle = export_fhir(person=person)
    data_log_add(person=person, action=DataLogAction.EXPORT_FHIR)
    name = f"hizakoshi-{timezone.localdate():%Y%m%d}.fhir.json"
    return _download(bundle, name, "application/fhir+json")


@never_cache
@login_required
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    person = person_for(actor=request.user, need=need_of(request))
    form = DeleteAccountForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        counts = account_delete(person=person)
        auth.logout(request)
        request.session[DELETED_COUNTS] = counts  # a fresh session, no one's in it
        return redirect("accounts:deleted")
    return render(request, "journey/delete.html", {"form": form})


@require_safe
def deleted(request: HttpRequest) -> HttpResponse:
    """What went, kind by kind, shown once (the counts live in the new, empty session): no
    person's records are read, so no door."""
    counts = request.session.pop(DELETED_COUNTS, None)
    names = {
        "results": _("Self-check results"),
        "saved_links": _("Saved result links"),
        "sessions": _("Exercise sessions"),
        "diary": _("Diary check-ins"),
        "questionnaires": _("Questionnaires"),
        "tests": _("Home function tests"),
        "care_links": _("Links with clinics"),
    }
    rows = (
        [(names[k], int(counts.get(k, 0))) for k in DELETED_KINDS]
        if isinstance(counts, dict)
        else []
    )
    linked = isinstance(counts, dict) and int(counts.get("care_links", 0)) > 0
    return render(request, "journey/deleted.html", {"rows": rows, "linked": linked})
