from __future__ import annotations

from django.urls import path

from hizakoshi.journey.function_tests import views

urlpatterns = [
    path("tests/", views.function_tests, name="function_tests"),
    path("tests/<slug:slug>/", views.function_test, name="function_test"),
]
