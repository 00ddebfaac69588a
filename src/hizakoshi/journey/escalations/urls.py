from __future__ import annotations

from django.urls import path

from hizakoshi.journey.escalations import views

urlpatterns = [
    path("escalations/<int:pk>/", views.escalation, name="escalation"),
    path("progress/messages/<int:pk>/read/", views.escalation_seen, name="escalation_seen"),
]
