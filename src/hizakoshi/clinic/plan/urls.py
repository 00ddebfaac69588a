from __future__ import annotations

from django.urls import URLPattern, path

from hizakoshi.clinic.plan import views

urlpatterns: list[URLPattern] = [
    path("patients/<int:person_id>/plan/", views.plan, name="plan"),
]
