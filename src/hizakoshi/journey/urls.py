from __future__ import annotations

from django.urls import path

from hizakoshi.journey import urls_daily, urls_measures, urls_reminders, views

app_name = "journey"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("export/", views.export, name="export"),
    path("export.json", views.export_as_json, name="export_json"),
    path("export.fhir.json", views.export_as_fhir, name="export_fhir"),
    path("delete/", views.delete, name="delete"),
]
urlpatterns += urls_reminders.urlpatterns
urlpatterns += urls_measures.urlpatterns
urlpatterns += urls_daily.urlpatterns
