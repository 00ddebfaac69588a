from __future__ import annotations

from django.urls import path

from hizakoshi.journey.pause import views

urlpatterns = [
    path("today/resume/", views.resume, name="resume"),
    path("today/for-doctor/", views.for_doctor, name="for_doctor"),
]
