"""The clinic's outcomes report, as a page (table and chart) and as a CSV file. Aggregates over
the clinic's live care links only: no names, so no person's door is asked; reception gets 404
(clinic/roles.py reads_reports)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from hizakoshi.care.clinic.outcomes import ClinicOutcomes, clinic_outcomes
from hizakoshi.clinic.models import Membership
from hizakoshi.clinic.reports.presenters import report_context, report_csv
from hizakoshi.clinic.reports.selectors import clinic_episodes
from hizakoshi.clinic.roles import reads_reports
from hizakoshi.clinic.staff.guard import staff_area
from hizakoshi.site.language import current_lang


def _report(membership: Membership) -> ClinicOutcomes:
    if not reads_reports(membership.role):
        raise Http404
    today = timezone.localdate()
    return clinic_outcomes(clinic_episodes(clinic=membership.clinic, today=today), today=today)


@staff_area
@require_safe
def outcomes(request: HttpRequest, membership: Membership) -> HttpResponse:
    lang = current_lang()
    context = report_context(_report(membership), lang)
    context["membership"] = membership
    return render(request, "clinic/reports/outcomes.html", context)


@staff_area
@require_safe
def outcomes_csv(request: HttpRequest, membership: Membership) -> HttpResponse:
    report = _report(membership)
    body = report_csv(report, current_lang())
    response = HttpResponse(body.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    name = f"outcomes-{membership.clinic.code}-{report.today.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
