from __future__ import annotations

from django.urls import path

from hizakoshi.journey.today import views

urlpatterns = [path("today/", views.today, name="today")]
