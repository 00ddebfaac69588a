"""The person's side of the clinic: their links (made by a clinic's code, ended with a
confirmation) and who at a clinic looked at their records. Every view reaches the person through
the door (site/access.py), as the person themself; a link named in the URL is narrowed to theirs.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from hizakoshi.clinic.audit.presenters import access_rows
from hizakoshi.clinic.audit.selectors import audit_events_about
from hizakoshi.clinic.links.forms import CareLinkForm, ClinicCodeForm
from hizakoshi.clinic.links.presenters import consent_points, link_view
from hizakoshi.clinic.links.selectors import care_link_live, care_links_of, clinic_by_code
from hizakoshi.clinic.links.services import care_link_create, care_link_end
from hizakoshi.clinic.models import CareLink
from hizakoshi.site.access import need_of, person_for
from hizakoshi.site.language import current_lang

ACCESS_PER_PAGE = 20
# What the list says after a change (?done=...): only these words, never text from the URL.
DONE = ("linked", "ended")


def _list_with(done: str) -> HttpResponse:
    return redirect(f"{reverse('links:list')}?done={done}")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def care_links(request: HttpRequest) -> HttpResponse:
    person = person_for(actor=request.user, need=need_of(request))
    form = ClinicCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The code only leads to the clinic's page, where the person reads what is shared and
        # agrees (or not): nothing is linked from here.
        return redirect("links:join", code=form.clinic.code)
    done = request.GET.get("done")
    links = [link_view(link) for link in care_links_of(person=person)]
    context = {
        "live": [link for link in links if link["live"]],
        "ended": [link for link in links if not link["live"]],
        "form": form,
        "done": done if done in DONE else "",
    }
    return render(request, "clinic/links/list.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, code: str) -> HttpResponse:
    """The invitation a clinic hands out (a link or a QR code with its code). An unknown code is
    a page that says so and offers to type the code again; it names no clinic."""
    person = person_for(actor=request.user, need=need_of(request))
    clinic = clinic_by_code(code=code)
    if clinic is None:
        unknown: dict[str, Any] = {"form": ClinicCodeForm()}
        return render(request, "clinic/links/join_unknown.html", unknown, status=404)
    if care_link_live(person=person, clinic=clinic) is not None:
        if request.method == "POST":  # a second tap of the button: the link is made already
            return _list_with("linked")
        return render(request, "clinic/links/join.html", {"clinic": clinic, "linked": True})
    form = CareLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        care_link_create(
            person=person,
            clinic=clinic,
            language=current_lang(),
            now=timezone.now(),
            **form.link_fields(),
        )
        return _list_with("linked")
    context = {"clinic": clinic, "form": form, "points": consent_points(current_lang())}
    return render(request, "clinic/links/join.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def end(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks "are you sure?"; POST ends the link. Only the person's own link (else 404)."""
    person = person_for(actor=request.user, need=need_of(request))
    link = get_object_or_404(CareLink.objects.select_related("clinic"), pk=pk, person=person)
    if request.method == "POST":
        care_link_end(person=person, link_id=link.pk, now=timezone.now())
        return _list_with("ended")
    return render(request, "clinic/links/end.html", {"link": link_view(link)})


@never_cache
@login_required
@require_safe
def access_log(request: HttpRequest) -> HttpResponse:
    """Who at which clinic looked at the person's records, newest first."""
    person = person_for(actor=request.user)
    page = Paginator(audit_events_about(person=person), ACCESS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "clinic/links/access_log.html", {"page": page, "rows": access_rows(page)}
    )
