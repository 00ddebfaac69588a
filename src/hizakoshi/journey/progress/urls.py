from __future__ import annotations

from django.urls import path

from hizakoshi.journey.progress import views

urlpatterns = [path("progress/", views.progress, name="progress")]
