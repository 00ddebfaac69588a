"""One linked patient: the page, the pre-visit PDF, the FHIR Bundle (joined in clinic/urls.py)."""

from __future__ import annotations

from django.urls import URLPattern, path

from hizakoshi.clinic.patients import views

urlpatterns: list[URLPattern] = [
    path("patients/<int:person_id>/", views.patient, name="patient"),
    path("patients/<int:person_id>/summary.pdf", views.patient_pdf, name="patient_pdf"),
    path("patients/<int:person_id>/fhir.json", views.patient_fhir, name="patient_fhir"),
]
