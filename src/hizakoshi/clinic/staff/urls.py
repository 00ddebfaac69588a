"""The second factor's pages (clinic/staff/views.py), in the clinic's namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from hizakoshi.clinic.staff import views

urlpatterns: list[URLPattern] = [
    path("verify/", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
]
