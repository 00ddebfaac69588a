from __future__ import annotations

from django.urls import include, path

from hizakoshi.accounts import urls as accounts
from hizakoshi.clinic.booking import api as booking_api
from hizakoshi.journey.join import urls as join
from hizakoshi.journey.me import urls as me
from hizakoshi.journey.reminders.urls import feed_urlpatterns
from hizakoshi.selfcheck.api import EXTRA_COMPONENTS, api
from hizakoshi.site import afterlogin, pwa

# The clinic's booking endpoints share the one API and its OpenAPI document (/api/v1/).
api.add_router("", booking_api.router)
EXTRA_COMPONENTS.append(booking_api.component_schemas)

urlpatterns = [
    # At the root, so that the service worker's scope is the whole site (site/pwa.py).
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/", pwa.offline, name="offline"),
    path("", include("hizakoshi.selfcheck.urls")),
    # LOGIN_REDIRECT_URL: patients on to Today, clinic staff to the second factor.
    path("signed-in/", afterlogin.after_login, name="after_login"),
    # One `accounts` namespace under /accounts/: the login's own pages, and the journey's pages
    # there (joining, the page after a deletion), so that accounts imports no feature.
    path(
        "accounts/",
        include(
            (
                [*join.urlpatterns, *accounts.urlpatterns, *me.accounts_urlpatterns],
                accounts.app_name,
            )
        ),
    ),
    path("me/", include("hizakoshi.journey.urls")),
    # The person's links with clinics and who at a clinic looked at their records.
    path("me/clinics/", include("hizakoshi.clinic.links.urls")),
    # The clinic's staff: two factors, then only their own clinic's linked patients.
    path("clinic/", include("hizakoshi.clinic.urls")),
    # The private calendar feed: public by design, the secret token is the key.
    path("calendar/", include((feed_urlpatterns, "calendar"))),
    # Booking a consultation, for anyone; its private manage links are keys, like /r/.
    path("book/", include("hizakoshi.clinic.booking.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]
