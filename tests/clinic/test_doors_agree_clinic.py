"""The clinic's doors agree: for every patient of the demo clinic (new, improving, unchanged,
worsening, inactive, dropped out, a warning sign, overdue), what the dashboard's status row says
about pain and warning signs is what the patient page and its PDF say, because all three ask the
core (care/journey/progress.series_progress; the pause rule) and read the same records."""

from __future__ import annotations

import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hizakoshi.care.model import Lang
from hizakoshi.clinic.demo.people import DEMO_STAFF
from hizakoshi.clinic.demo.services import demo_clinic_load
from hizakoshi.clinic.models import AttentionKind, CareLink, PatientStatus
from hizakoshi.clinic.patients.selectors import patient_report
from people import staff_login

pytestmark = pytest.mark.django_db
JA: Lang = "ja"


@pytest.fixture
def demo_links() -> list[CareLink]:
    demo_clinic_load(today=timezone.localdate())
    return list(CareLink.objects.filter(clinic__code="DEMO01").select_related("person", "status"))


def test_the_dashboard_and_the_patient_page_agree_on_pain_and_warning_signs(
    demo_links: list[CareLink],
) -> None:
    today = timezone.localdate()
    worse_seen = paused_seen = 0
    for link in demo_links:
        status: PatientStatus = link.status
        report = patient_report(link=link, today=today, lang=JA)
        page_worse = any(s.label == "worse" for s in report.pain)
        dashboard_worse = AttentionKind.PAIN_WORSE in status.attention
        assert dashboard_worse == page_worse, (link.name, status.attention)
        # A warning sign that pauses self-care is a red flag on the dashboard (none is
        # acknowledged in the demo) and a paused plan on the patient page.
        assert (AttentionKind.RED_FLAG in status.attention) == report.paused, link.name
        worse_seen += page_worse
        paused_seen += report.paused
    # The demo has both kinds, so the comparison met both answers.
    assert worse_seen and paused_seen
    assert worse_seen < len(demo_links) and paused_seen < len(demo_links)


def test_the_printed_summary_says_worse_where_the_dashboard_raised_it(
    demo_links: list[CareLink],
) -> None:
    link = next(k for k in demo_links if AttentionKind.PAIN_WORSE in k.status.attention)
    doctor = next(m for m in DEMO_STAFF if m.role == "doctor")
    client = staff_login(Client(), link.clinic.memberships.get(user__email=doctor.email).user)
    pdf = client.get(reverse("clinic:patient_pdf", kwargs={"person_id": link.person_id}))
    assert pdf.status_code == 200
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert link.name in text
    assert "悪くなった" in text
