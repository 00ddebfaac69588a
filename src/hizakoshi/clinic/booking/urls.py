"""The booking pages for anyone, under /book/ in the `booking` namespace (site/urls.py). The
manage link's token is the key to one booking (the logs show it redacted: site/logredact.py).
The clinic's side of booking is in clinic/calendar/."""

from __future__ import annotations

from django.urls import path

from hizakoshi.clinic.booking import views

app_name = "booking"

urlpatterns = [
    path("", views.start, name="start"),
    path("details/", views.details, name="details"),
    path("m/<token:token>/", views.manage, name="manage"),
    path("m/<token:token>/move/", views.move, name="move"),
    path("m/<token:token>/cancel/", views.cancel, name="cancel"),
]
