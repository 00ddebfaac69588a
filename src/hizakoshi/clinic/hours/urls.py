"""The clinic's consultation hours (namespace `clinic`): the list, a new entry, one entry, and
closed days or one day's own hours. For the clinic admin and reception (clinic/roles.py)."""

from __future__ import annotations

from django.urls import URLPattern, path

from hizakoshi.clinic.hours import views

urlpatterns: list[URLPattern] = [
    path("hours/", views.hours, name="hours"),
    path("hours/new/", views.hours_new, name="hours_new"),
    path("hours/<int:availability_id>/", views.hours_edit, name="hours_edit"),
    path("hours/days/", views.hours_days, name="hours_days"),
]
