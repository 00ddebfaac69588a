"""The dashboard: who needs attention (CLINIC: about no one patient), and acknowledging a
patient's flags with a note (STAFF: one linked patient, through the door)."""

from __future__ import annotations

from django.urls import URLPattern, path

from hizakoshi.clinic.dashboard import views

urlpatterns: list[URLPattern] = [
    path("", views.dashboard, name="dashboard"),
    path("patients/<int:person_id>/acknowledge/", views.acknowledge, name="acknowledge"),
]
