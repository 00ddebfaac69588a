"""The clinic admin's audit trail: the page and its CSV (namespace `clinic`)."""

from __future__ import annotations

from django.urls import URLPattern, path

from hizakoshi.clinic.audit import views

urlpatterns: list[URLPattern] = [
    path("audit/", views.audit, name="audit"),
    path("audit.csv", views.audit_csv, name="audit_csv"),
]
