"""The summary for the person and their doctor: a printable page and the same as a PDF."""

from __future__ import annotations

from django.urls import path

from hizakoshi.journey.summary import views

urlpatterns = [
    path("summary/", views.summary, name="summary"),
    path("summary.pdf", views.summary_pdf, name="summary_pdf"),
]
