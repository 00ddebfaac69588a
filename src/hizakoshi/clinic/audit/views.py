"""The clinic's audit trail, for its admin only (clinic/roles.py reads_audit; any other role
gets a 404, as for a page that is not theirs): the events newest first with filters, and the
same events as CSV. Taking the CSV is itself put on the trail."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils import timezone

from hizakoshi.clinic.audit.forms import AuditFilterForm
from hizakoshi.clinic.audit.presenters import audit_rows, csv_rows
from hizakoshi.clinic.audit.selectors import audit_events_of_clinic, linked_names
from hizakoshi.clinic.audit.services import audit_export_record
from hizakoshi.clinic.models import AuditEvent, Membership
from hizakoshi.clinic.roles import reads_audit
from hizakoshi.clinic.staff.guard import staff_area, staff_ip

PER_PAGE = 50
CSV_CHUNK = 500  # rows read from the database at a time while the file streams


def _refused(request: HttpRequest, membership: Membership) -> HttpResponse | None:
    """Another role: a 404 whatever the method (a 405 would tell them the page is there)."""
    if not reads_audit(membership.role):
        raise Http404
    if request.method not in ("GET", "HEAD"):  # GET never writes; the filters are a GET form
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return None


def _filtered(request: HttpRequest, membership: Membership) -> AuditFilterForm:
    # Only the known filters: a stray ?page= is the paginator's, not the form's.
    data = {k: request.GET[k] for k in ("since", "until", "staff", "action") if k in request.GET}
    return AuditFilterForm(data, clinic=membership.clinic)


def _page(
    request: HttpRequest, membership: Membership, form: AuditFilterForm, status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {"membership": membership, "form": form, "here": "audit"}
    if form.is_valid():
        events = audit_events_of_clinic(clinic=membership.clinic, only=form.audit_filter())
        page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
        names = linked_names(clinic=membership.clinic, refs=(e.subject_ref for e in page))
        context |= {"page": page, "rows": audit_rows(page, names)}
    return render(request, "clinic/audit/list.html", context, status=status)


@staff_area
def audit(request: HttpRequest, membership: Membership) -> HttpResponse:
    if refused := _refused(request, membership):
        return refused
    return _page(request, membership, _filtered(request, membership))


class _Line:
    """A file-like object csv.writer writes one line into, handed straight back."""

    def write(self, value: str) -> str:
        return value


def _stream(events: Iterable[AuditEvent]) -> Iterator[str]:
    # The byte order mark tells Excel the file is UTF-8 (without it Japanese is garbled).
    yield codecs.BOM_UTF8.decode("utf-8")
    writer = csv.writer(_Line())
    for row in csv_rows(events):
        yield writer.writerow(row)


@staff_area
def audit_csv(request: HttpRequest, membership: Membership) -> HttpResponse | StreamingHttpResponse:
    if refused := _refused(request, membership):
        return refused
    form = _filtered(request, membership)
    if not form.is_valid():  # the page, with what to correct: no file, nothing on record
        return _page(request, membership, form, status=400)
    now = timezone.now()
    audit_export_record(
        actor=request.user,  # type: ignore[arg-type]  # staff_area let only a User in
        membership=membership,
        filters=form.summary(),
        ip=staff_ip(request),
        now=now,
    )
    # Read after the export's own row is written, so the file holds it too.
    events = audit_events_of_clinic(clinic=membership.clinic, only=form.audit_filter())
    response = StreamingHttpResponse(
        _stream(events.iterator(chunk_size=CSV_CHUNK)), content_type="text/csv; charset=utf-8"
    )
    day = timezone.localdate(now)
    name = f"audit-{membership.clinic.code}-{day:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
