from __future__ import annotations

from django.urls import include, path

from hizakoshi.selfcheck.api import api

urlpatterns = [
    path("", include("hizakoshi.selfcheck.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]
