from __future__ import annotations

from django.urls import path

from hizakoshi.journey.checkins import views

urlpatterns = [
    path("measures/", views.measures, name="measures"),
    path("measures/psfs/activities/", views.psfs_activities, name="psfs_activities"),
    path("measures/<slug:instrument>/", views.measure, name="measure"),
]
