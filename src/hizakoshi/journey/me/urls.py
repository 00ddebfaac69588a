"""The person's own account pages under /me/: profile, export, deletion; and the page after a
deletion, which site/urls.py mounts under /accounts/ (the person is logged out by then)."""

from __future__ import annotations

from django.urls import path

from hizakoshi.journey.me import views

urlpatterns = [
    path("", views.profile, name="profile"),
    path("export/", views.export, name="export"),
    path("export.json", views.export_as_json, name="export_json"),
    path("export.fhir.json", views.export_as_fhir, name="export_fhir"),
    path("delete/", views.delete, name="delete"),
]
accounts_urlpatterns = [
    path("deleted/", views.deleted, name="deleted"),
]
