from __future__ import annotations

from django.urls import URLPattern, path

from hizakoshi.clinic.reports import views

urlpatterns: list[URLPattern] = [
    path("outcomes/", views.outcomes, name="outcomes"),
    path("outcomes.csv", views.outcomes_csv, name="outcomes_csv"),
]
