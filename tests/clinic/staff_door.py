"""A URLconf for tests: the site's own URLs, and one staff page that reads a linked person's
records through the access door as a clinic's patient page does (`what="patient_page"`), so that
tests can reach the door the way staff do (signed in, second factor passed, `@staff_area`)
whatever clinic pages exist yet. Use with `@pytest.mark.urls("clinic.staff_door")`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from hizakoshi.clinic.models import Membership
from hizakoshi.clinic.staff.guard import staff_area, staff_ip
from hizakoshi.site.access import person_for
from hizakoshi.site.urls import urlpatterns as site_urls

PATIENT_PAGE = "/test-staff/patients/{}/"


@staff_area
def patient_page(request: HttpRequest, membership: Membership, person_id: int) -> HttpResponse:
    person = person_for(
        actor=request.user, person_id=person_id, what="patient_page", ip=staff_ip(request)
    )
    return HttpResponse(f"records of {person.pk}")


urlpatterns: list[URLPattern | URLResolver] = [
    path("test-staff/patients/<int:person_id>/", patient_page),
    *site_urls,
]
