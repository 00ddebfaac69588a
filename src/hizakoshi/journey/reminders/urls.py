"""URLs of the reminders. `urlpatterns` join the journey's (/me/, login required);
`feed_urlpatterns` are mounted at /calendar/ by the site, outside /me/: the feed is public by
design (calendar apps cannot log in) and its secret token is the only key."""

from __future__ import annotations

from django.urls import path, re_path

from hizakoshi.journey.reminders import views

urlpatterns = [
    path("calendar/", views.calendar, name="calendar"),
    path("reminders/", views.reminders, name="reminders"),
]

# Tokens are secrets.token_urlsafe(32): 43 URL-safe characters. Anything else is not a token.
feed_urlpatterns = [
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,100})\.ics$", views.calendar_feed, name="feed"),
]
