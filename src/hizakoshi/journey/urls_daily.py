"""URLs of the daily pages, joined to the journey's (/me/, login required)."""

from __future__ import annotations

from django.urls import path, re_path

from hizakoshi.journey import views_daily, views_diary, views_pause, views_session

urlpatterns = [
    path("today/", views_daily.today, name="today"),
    path("session/", views_session.session, name="session"),
    path("diary/", views_diary.diary, name="diary"),
    # Only dates that look like dates reach the view; it checks the rest (a real day, last week).
    re_path(r"^diary/(?P<day>\d{4}-\d{2}-\d{2})/$", views_diary.diary_day, name="diary_day"),
    path("escalations/<int:pk>/", views_daily.escalation, name="escalation"),
    path("today/resume/", views_pause.resume, name="resume"),
    path("today/for-doctor/", views_pause.for_doctor, name="for_doctor"),
]
