"""The person's side of the clinic: their care links (made, ended) and who looked at their
records. Mounted under /me/clinics/ in the `links` namespace (site/urls.py)."""

from __future__ import annotations

from django.urls import URLPattern, path

from hizakoshi.clinic.links import views

app_name = "links"

urlpatterns: list[URLPattern] = [
    path("", views.care_links, name="list"),
    # The invitation a clinic hands out: /me/clinics/join/HIZA01/ (its code names no person).
    path("join/<str:code>/", views.join, name="join"),
    path("<int:pk>/end/", views.end, name="end"),
    path("access/", views.access_log, name="access_log"),
]
