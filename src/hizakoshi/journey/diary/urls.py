from __future__ import annotations

from django.urls import path, re_path

from hizakoshi.journey.diary import views

urlpatterns = [
    path("diary/", views.diary, name="diary"),
    # Only dates that look like dates reach the view; it checks the rest (a real day, last week).
    re_path(r"^diary/(?P<day>\d{4}-\d{2}-\d{2})/$", views.diary_day, name="diary_day"),
]
