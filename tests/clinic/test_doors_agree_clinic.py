"""The clinic's doors agree: for every patient of the demo clinic (new, improving, unchanged,
worsening, inactive, dropped out, a warning sign, overdue), what the dashboard's status row says
about pain and warning signs is what the patient page and its PDF say, because all three ask the
core (care/journey/progress.series_progress; the pause rule) and read the same records; and the
FHIR export holds, day by day, the diary pain the page draws, the dashboard compares and the
diary keeps."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hizakoshi.care.model import Lang
from hizakoshi.clinic.dashboard.records import journeys_facts
from hizakoshi.clinic.demo.people import DEMO_STAFF
from hizakoshi.clinic.demo.services import demo_clinic_load
from hizakoshi.clinic.models import AttentionKind, CareLink, PatientStatus
from hizakoshi.clinic.patients import jpcore
from hizakoshi.clinic.patients.selectors import patient_report
from hizakoshi.journey.models import DiaryEntry
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


Pains = dict[tuple[str, date], float]


def _exported(bundle: dict[str, Any]) -> Pains:
    found: Pains = {}
    for entry in bundle["entry"]:
        resource = entry["resource"]
        series = jpcore.diary_pain_of(resource)
        if resource["resourceType"] == "Observation" and series is not None:
            found[(series, date.fromisoformat(resource["effectiveDateTime"]))] = float(
                resource["valueInteger"]
            )
    return found


def test_the_fhir_export_holds_the_diary_pain_the_page_and_the_dashboard_show(
    demo_links: list[CareLink],
) -> None:
    """Page, dashboard and diary for every patient; the export itself (about 0.2 s each, most of
    it fhir.resources' validation) for one patient of each dashboard situation and the busiest."""
    today = timezone.localdate()
    facts = journeys_facts(person_ids=[k.person_id for k in demo_links], today=today)
    sites = list(jpcore.PAIN_SITES)
    shown: dict[int, Pains] = {}
    for link in demo_links:
        report = patient_report(link=link, today=today, lang=JA)
        page = {(row.id, p.day): p.value for row in report.pain for p in row.points}
        dashboard = {
            (series, p.day): p.value
            for series, points in facts[link.person_id].pain.items()
            for p in points
        }
        rows = DiaryEntry.objects.filter(person=link.person, day__lte=today)
        diary = {
            (series, day): float(value)
            for day, *values in rows.values_list("day", *sites)
            for series, value in zip(sites, values, strict=True)
            if value is not None
        }
        assert page == dashboard == diary, link.name
        shown[link.person_id] = page
    situations = {frozenset(k.status.attention): k for k in reversed(demo_links)}
    busiest = max(demo_links, key=lambda k: len(shown[k.person_id]))
    sample = [*situations.values(), busiest]
    doctor = next(m for m in DEMO_STAFF if m.role == "doctor")
    member = demo_links[0].clinic.memberships.get(user__email=doctor.email)
    client = staff_login(Client(), member.user)
    for link in sample:
        url = reverse("clinic:patient_fhir", kwargs={"person_id": link.person_id})
        response = client.get(url)
        assert response.status_code == 200, link.name
        assert _exported(json.loads(response.content)) == shown[link.person_id], link.name
    assert len(situations) >= 5 and len(shown[busiest.person_id]) > 300
    # Both sites the demo rates (its people have a right knee, a low back or both) were exported.
    assert {series for k in sample for series, _ in shown[k.person_id]} >= {
        "knee_pain_right",
        "back_pain",
    }
