"""URLs for bench_server.py only: the site's own, plus /__bench__/bare/, a view that does
nothing, so the cost of the self-check itself can be told apart from Django's and the
middleware's. Production URLs never carry it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from hizakoshi.site.urls import urlpatterns as site_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("__bench__/bare/", bare), *site_urlpatterns]
