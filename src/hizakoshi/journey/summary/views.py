"""The summary for the doctor: /me/summary/ to read or print (A4), /me/summary.pdf to save or send.

Both render the same body from the same reads; the PDF is drawn by WeasyPrint with Noto Sans CJK
JP (Debian's fonts-noto-cjk) and carries the engine version and content hash in its page footer,
where the clinic looks for them and the person is not troubled by them.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.summary.presenters import summary_view
from hizakoshi.journey.summary.selectors import summary_records
from hizakoshi.site.access import person_for
from hizakoshi.site.language import current_lang

STYLESHEET = "hizakoshi/summary.css"


def _context(request: HttpRequest) -> dict[str, object]:
    person = person_for(actor=request.user)
    records = summary_records(person=person, today=local_today())
    return {"s": summary_view(records, current_lang())}


@never_cache
@login_required
@require_safe
def summary(request: HttpRequest) -> HttpResponse:
    return render(request, "journey/summary/page.html", _context(request))


def _stylesheet() -> str:
    found = finders.find(STYLESHEET)
    path = found[0] if isinstance(found, list) else found
    return Path(path).read_text(encoding="utf-8") if path else ""


@never_cache
@login_required
@require_safe
def summary_pdf(request: HttpRequest) -> HttpResponse:
    # Imported here: WeasyPrint loads Pango at import, which only this view needs.
    from weasyprint import HTML

    context = _context(request) | {"stylesheet": _stylesheet()}
    html = render_to_string("journey/summary/document.html", context, request=request)
    # The document refers to nothing outside itself (the stylesheet is inline): nothing fetched.
    pdf = HTML(string=html).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"hizakoshi-summary-{timezone.localdate():%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
