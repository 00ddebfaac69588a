"""Outcome measures, home function tests, progress and escalations (under /me/)."""

from __future__ import annotations

from django.urls import path

from hizakoshi.journey import views_measures, views_progress, views_tests

urlpatterns = [
    path("measures/", views_measures.measures, name="measures"),
    path("measures/psfs/activities/", views_measures.psfs_activities, name="psfs_activities"),
    path("measures/<slug:instrument>/", views_measures.measure, name="measure"),
    path("tests/", views_tests.function_tests, name="function_tests"),
    path("tests/<slug:slug>/", views_tests.function_test, name="function_test"),
    path("progress/", views_progress.progress, name="progress"),
    path(
        "progress/messages/<int:pk>/read/",
        views_progress.escalation_seen,
        name="escalation_seen",
    ),
]
