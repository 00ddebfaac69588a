"""The person's side of the clinic: their care links (made, ended) and who looked at their
records. Mounted under /me/clinics/ in the `links` namespace (site/urls.py)."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "links"

urlpatterns: list[URLPattern] = []
