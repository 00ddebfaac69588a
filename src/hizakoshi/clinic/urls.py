"""The clinic area under /clinic/, namespace `clinic`: one URL module per feature folder, joined
here (each feature owns its own file; names do not repeat across them)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from hizakoshi.clinic.audit import urls as audit
from hizakoshi.clinic.calendar import urls as calendar
from hizakoshi.clinic.dashboard import urls as dashboard
from hizakoshi.clinic.hours import urls as hours
from hizakoshi.clinic.patients import urls as patients
from hizakoshi.clinic.plan import urls as plan
from hizakoshi.clinic.reports import urls as reports
from hizakoshi.clinic.staff import urls as staff

app_name = "clinic"

urlpatterns: list[URLPattern | URLResolver] = [
    *staff.urlpatterns,
    *dashboard.urlpatterns,
    *patients.urlpatterns,
    *plan.urlpatterns,
    *audit.urlpatterns,
    *reports.urlpatterns,
    *calendar.urlpatterns,
    *hours.urlpatterns,
]
