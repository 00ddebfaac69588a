from __future__ import annotations

from django.urls import path

from hizakoshi.journey.session import views

urlpatterns = [path("session/", views.session, name="session")]
