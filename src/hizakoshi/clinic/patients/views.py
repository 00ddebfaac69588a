"""One linked patient for the clinic's staff: the page (READ), the pre-visit PDF (PRINT) and the
FHIR Bundle for the clinic's systems (EXPORT). Each asks the access door for the person, which
writes the audit event; all three render the same typed report or the same records.

The PDF is drawn by WeasyPrint in Japanese with Noto Sans CJK JP (Debian's fonts-noto-cjk), on
A4, from the page's own report body and an inline stylesheet (nothing is fetched).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from hizakoshi.clinic.models import CareLink, Membership
from hizakoshi.clinic.patients import presenters
from hizakoshi.clinic.patients.fhir import patient_bundle
from hizakoshi.clinic.patients.report import PatientReport
from hizakoshi.clinic.patients.selectors import care_link_live, linked_here, patient_report
from hizakoshi.clinic.staff.guard import staff_area, staff_ip
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.site.access import Need, person_for
from hizakoshi.site.language import current_lang

PatientView = Callable[[HttpRequest, Membership, int], HttpResponse]

STYLESHEET = "clinic/report.css"
# Drawing sizes: the page as the person's progress page (journey/progress/views.py); the PDF's
# charts wide and low, so two fit side by side on A4 within two pages.
PAGE_CHART = (340, 220)
PDF_CHART = (520, 200)


def reads_only(view: PatientView) -> PatientView:
    """GET and HEAD only. Any other method is refused without touching the records: 405 for a
    member who could read them, else 404 as the door would answer (a refusal never tells that
    the person exists)."""

    @wraps(view)
    def checked(request: HttpRequest, membership: Membership, person_id: int) -> HttpResponse:
        if request.method in ("GET", "HEAD"):
            return view(request, membership, person_id)
        if linked_here(clinic=membership.clinic, role=membership.role, person_id=person_id):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        raise Http404

    return checked


def _plan_url(person_id: int) -> str | None:
    # The plan page belongs to clinic/plan/; linked once it exists.
    try:
        return reverse("clinic:plan", kwargs={"person_id": person_id})
    except NoReverseMatch:
        return None


WHAT = {Need.READ: "patient_page", Need.PRINT: "previsit_pdf", Need.EXPORT: "fhir_bundle"}


def _link(membership: Membership, request: HttpRequest, person_id: int, need: Need) -> CareLink:
    person = person_for(
        actor=request.user, person_id=person_id, need=need, what=WHAT[need], ip=staff_ip(request)
    )
    return care_link_live(person=person, clinic=membership.clinic)


def _report(
    membership: Membership, request: HttpRequest, person_id: int, need: Need
) -> PatientReport:
    link = _link(membership, request, person_id, need)
    return patient_report(link=link, today=local_today(), lang=current_lang())


@staff_area
@reads_only
def patient(request: HttpRequest, membership: Membership, person_id: int) -> HttpResponse:
    report = _report(membership, request, person_id, Need.READ)
    lang = current_lang()
    width, height = PAGE_CHART
    context = {
        "membership": membership,
        "r": report,
        "pain_chart": presenters.pain_chart(report, lang, width=2 * width, height=height),
        "charts": [
            (row, presenters.series_chart(row, lang, width=width, height=height))
            for row in (*report.others, report.sessions)
        ],
        "plan_url": _plan_url(person_id),
    }
    return render(request, "clinic/patients/page.html", context)


def _stylesheet() -> str:
    found = finders.find(STYLESHEET)
    path = found[0] if isinstance(found, list) else found
    return Path(path).read_text(encoding="utf-8") if path else ""


@staff_area
@reads_only
def patient_pdf(request: HttpRequest, membership: Membership, person_id: int) -> HttpResponse:
    # Imported here: WeasyPrint loads Pango at import, which only this view needs.
    from weasyprint import HTML

    width, height = PDF_CHART
    with translation.override("ja"):  # the pre-visit summary is in Japanese, whoever prints it
        report = _report(membership, request, person_id, Need.PRINT)
        context = {
            "r": report,
            "pain_chart": presenters.pain_chart(report, "ja", width=width, height=height),
            "sessions_chart": presenters.series_chart(
                report.sessions, "ja", width=width, height=height
            ),
            "stylesheet": _stylesheet(),
        }
        html = render_to_string("clinic/patients/document.html", context, request=request)
    pdf = HTML(string=html).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"previsit-{person_id}-{report.today:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@staff_area
@reads_only
def patient_fhir(request: HttpRequest, membership: Membership, person_id: int) -> HttpResponse:
    link = _link(membership, request, person_id, Need.EXPORT)
    # The report the page and the PDF show: the Bundle's diary pain is its pain series, so the
    # three agree on every day and value.
    report = patient_report(link=link, today=local_today(), lang=current_lang())
    bundle = patient_bundle(link=link, report=report)
    response = HttpResponse(
        json.dumps(bundle, ensure_ascii=False, indent=1),
        content_type="application/fhir+json; charset=utf-8",
    )
    name = f"patient-{person_id}-{report.today:%Y%m%d}.fhir.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
