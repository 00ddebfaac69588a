"""The dashboard's pages: the list of the clinic's linked patients, most urgent first, and the
page to acknowledge a patient's flags with a note."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hizakoshi.clinic.dashboard.forms import (
    SORT_LABELS,
    AcknowledgeForm,
    DashboardQuery,
    kind_choices,
)
from hizakoshi.clinic.dashboard.presenters import RowMaker, flags_of, history_of
from hizakoshi.clinic.dashboard.selectors import (
    acknowledgements_of,
    dashboard_page,
    live_link_at,
    status_of,
)
from hizakoshi.clinic.dashboard.services import acknowledgement_create, dashboard_view_audit
from hizakoshi.clinic.models import CareLink, Membership, PatientStatus
from hizakoshi.clinic.roles import sees_records
from hizakoshi.clinic.staff.guard import staff_area, staff_ip
from hizakoshi.site.access import Need, person_for
from hizakoshi.site.language import current_lang


@staff_area
@require_http_methods(["GET", "HEAD"])
def dashboard(request: HttpRequest, membership: Membership) -> HttpResponse:
    if not sees_records(membership.role):
        # Reception and the clinic admin see no health records (clinic/roles.py).
        return render(request, "clinic/dashboard/no_records.html", {"membership": membership})
    query = DashboardQuery(request.GET)
    query.is_valid()  # a bad value is said on the page; the list goes on without it
    kind, sort = query.chosen_kind, query.value("sort", "priority")
    page = dashboard_page(
        clinic=membership.clinic, kind=kind, sort=sort, page=query.value("page", 1)
    )
    # The list reaches no one through the door (it shows this clinic's own linked people's status
    # rows), but it shows names and flags: one audit row per look (services.py).
    dashboard_view_audit(membership=membership, ip=staff_ip(request), now=timezone.now())
    rows = RowMaker(today=timezone.localdate(), lang=current_lang(), no_records=_("No records yet"))
    keep = {k: v for k, v in (("kind", kind), ("sort", sort)) if v}

    def page_url(number: int) -> str:
        return "?" + urlencode({**keep, "page": number})

    context = {
        "membership": membership,
        "query": query,
        "page": page,
        "rows": [rows.row(s) for s in page.rows],
        "kinds": [(k, label, page.by_kind[k]) for k, label in kind_choices()],
        "kind": kind or "",
        "sorts": list(SORT_LABELS.items()),
        "sort": sort,
        "previous_url": page_url(page.page - 1) if page.page > 1 else "",
        "next_url": page_url(page.page + 1) if page.page < page.pages else "",
        "saved": query.value("saved", False),
    }
    status = 400 if query.errors else 200
    return render(request, "clinic/dashboard/dashboard.html", context, status=status)


def _acknowledge_page(
    request: HttpRequest,
    membership: Membership,
    link: CareLink,
    status: PatientStatus | None,
    form: AcknowledgeForm,
) -> HttpResponse:
    lang = current_lang()
    context = {
        "membership": membership,
        "link": link,
        "flags": flags_of(status, lang),
        "form": form,
        "history": history_of(acknowledgements_of(link=link), lang),
    }
    return render(
        request, "clinic/dashboard/acknowledge.html", context, status=400 if form.errors else 200
    )


@staff_area
@require_http_methods(["GET", "POST"])
def acknowledge(request: HttpRequest, membership: Membership, person_id: int) -> HttpResponse:
    ip = staff_ip(request)
    if request.method != "POST":
        person = person_for(
            actor=request.user, person_id=person_id, need=Need.READ, what="acknowledge", ip=ip
        )
        link = live_link_at(person=person, clinic=membership.clinic)
        if link is None:
            raise Http404  # the staff member's own id: they are not this clinic's patient
        status = status_of(person=person, clinic=membership.clinic)
        form = AcknowledgeForm(initial={"kinds": [] if status is None else status.attention})
        return _acknowledge_page(request, membership, link, status, form)
    form = AcknowledgeForm(request.POST)
    # The door and the write in one transaction: the audit row and the acknowledgement are
    # committed together or not at all (site/access.py).
    with transaction.atomic():
        person = person_for(
            actor=request.user, person_id=person_id, need=Need.WRITE, what="acknowledge", ip=ip
        )
        link = live_link_at(person=person, clinic=membership.clinic)
        if link is None:
            raise Http404
        if form.is_valid():
            acknowledgement_create(
                person=person,
                membership=membership,
                kinds=form.chosen,
                note=form.cleaned_data["note"],
                now=timezone.now(),
            )
            return redirect(f"{reverse('clinic:dashboard')}?saved=1")
    status = status_of(person=person, clinic=membership.clinic)
    return _acknowledge_page(request, membership, link, status, form)
