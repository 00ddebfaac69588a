from __future__ import annotations

from django.urls import path

from hizakoshi.journey.notes import views

urlpatterns = [
    path("today/notes/<int:pk>/seen/", views.clinician_note_seen, name="clinician_note_seen"),
]
