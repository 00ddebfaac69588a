from __future__ import annotations

from django.urls import include, path

from hizakoshi.journey.reminders.urls import feed_urlpatterns
from hizakoshi.selfcheck.api import api

urlpatterns = [
    path("", include("hizakoshi.selfcheck.urls")),
    path("accounts/", include("hizakoshi.accounts.urls")),
    path("me/", include("hizakoshi.journey.urls")),
    # The private calendar feed: public by design, the secret token is the key.
    path("calendar/", include((feed_urlpatterns, "calendar"))),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]
