"""Every URL of the site, walked from the URLconf, for every persona: nobody signed in, the
patient, another patient, staff of the patient's clinic, staff of another clinic, and staff of the
patient's clinic who have not passed the second factor in this session.

Each URL name has a row in URLS (tests/urltable.py) saying what kind of page it is and how to
fill its parameters with the patient's own records; a URL without a row fails, so a new URL
cannot escape the walk.
- RECORDS pages show or change the signed-in person's records: the one door
  (site/access.person_for) is asked for that person, with need WRITE for a POST; anonymous
  visitors are sent to log in (or get a 404), never the records.
- OWNED pages name one of the patient's records in the URL: another patient gets a 404.
- OPEN pages are for anyone, by design (the row says why); they show no account's records, or
  only to the holder of a secret token.
- CLINIC pages are the clinic area's, about no one person (the dashboard, the audit trail):
  staff who passed the second factor only; patients get a 404. A row may name the one role a
  page is for (the audit trail: the admin); staff of other roles get a 404 there.
- STAFF pages name one linked patient in the URL (`person_id`): the door is asked for that
  person by the staff member; staff of another clinic and patients get a 404.
- BOOKING pages name one of the clinic's bookings in the URL: its staff only (staff of another
  clinic and patients get a 404); a clinician reading the booking of a linked person asks the
  door for that person.
- SETTING pages name one of the clinic's own settings in the URL (an entry of its consultation
  hours), about no one person: its staff of the row's role only; staff of another clinic (of that
  role too) and patients get a 404.
- GATE pages are the second-factor pages, for members who have not passed it yet.
Staff without a second factor reach no CLINIC, STAFF, BOOKING or SETTING page (sent to the second
factor).
No URL answers 5xx to any persona, for a GET or an empty POST.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import Clinic
from hizakoshi.site import access
from hizakoshi.site.access import Need
from journey.factories import with_records
from people import linked, staff, staff_login
from urltable import URLS, Kind, _none, url_names


# The personas of tests/conftest.py, each with one record of every kind, so that every URL has a
# record of theirs to name.
@pytest.fixture
def patient(patient: User) -> User:
    return with_records(patient)


@pytest.fixture
def other_patient(other_patient: User) -> User:
    return with_records(other_patient, knee=2)


@contextmanager
def door_spy() -> Iterator[mock.Mock]:
    """The real door, watched in every module of the site that imported it."""
    real = access.person_for
    spy = mock.Mock(wraps=real)
    with ExitStack() as stack:
        for name, module in list(sys.modules.items()):
            if name.startswith("hizakoshi.") and vars(module).get("person_for") is real:
                stack.enter_context(mock.patch.object(module, "person_for", spy))
        yield spy


@dataclass(frozen=True)
class Visit:
    method: str
    status: int
    location: str
    body: str
    door: list[dict[str, Any]]  # the keyword arguments of each call of the door


def visit(persona: User | AnonymousUser, method: str, url: str) -> Visit:
    client = Client()  # a fresh one each time: a POST to logout must not end the next visit
    if isinstance(persona, User):
        staff_login(client, persona)  # with their second factor, if they have one
    with door_spy() as spy:
        response = client.get(url) if method == "GET" else client.post(url, {})
    body = b"" if getattr(response, "streaming", False) else response.content
    return Visit(
        method,
        response.status_code,
        response.get("Location", ""),
        body.decode(errors="replace"),
        [c.kwargs for c in spy.call_args_list],
    )


def test_every_url_has_a_row_and_every_row_a_url() -> None:
    names = url_names()
    assert "" not in names, "an unnamed URL cannot be listed: give it a name"
    assert sorted(n for n in names if n not in URLS) == []
    assert sorted(n for n in URLS if n not in names) == []


CLINIC_AREA = (Kind.CLINIC, Kind.STAFF, Kind.GATE, Kind.BOOKING, Kind.SETTING)


def test_every_open_page_says_why_and_no_page_of_records_needs_a_reason() -> None:
    for name, row in URLS.items():
        assert bool(row.why) == (row.kind is Kind.OPEN), name


def test_the_spy_watches_the_door_wherever_a_view_imported_it() -> None:
    from hizakoshi.journey.me import views as me_views

    with door_spy() as spy:
        assert me_views.person_for is spy
        assert access.person_for is spy
    assert me_views.person_for is not spy


def _assert_no_server_error(name: str, who: str, visits: list[Visit]) -> None:
    for v in visits:
        assert v.status < 500, (name, who, v.method, v.status)


def _assert_anonymous_gets_nothing(name: str, owner: User, visits: list[Visit]) -> None:
    for v in visits:
        sent_to_login = v.status == 302 and v.location.startswith("/accounts/login/?next=")
        assert sent_to_login or v.status == 404, (name, v.method, v.status, v.location)
        assert owner.email not in v.body


def _assert_door_asked(name: str, person: User, visits: list[Visit]) -> None:
    for v in visits:
        if v.status == 405:  # the view does not take this method: nothing was reached
            continue
        assert v.door, f"{name} {v.method}: the page did not ask the door for the person"
        assert all(call["actor"] == person for call in v.door), (name, v.method)
        needs = {call.get("need", Need.READ) for call in v.door}
        wanted = Need.READ if v.method == "GET" else Need.WRITE
        assert needs == {wanted}, (name, v.method, needs)


@pytest.mark.django_db
@pytest.mark.parametrize("name", url_names())
def test_each_url_for_anonymous_the_patient_and_another_patient(
    name: str, anonymous: AnonymousUser, patient: User, other_patient: User
) -> None:
    row = URLS.get(name)
    if row is None:
        pytest.fail(f"{name}: add a row to URLS in tests/urltable.py")
    url = reverse(name, kwargs=(row.args or _none)(patient))
    seen: dict[str, list[Visit]] = {}
    # The other patient first, then anonymous, then the patient, whose POST may change the record
    # the URL names (marking a message read): the others meet it as it was made.
    for who, persona in (("other", other_patient), ("anonymous", anonymous), ("patient", patient)):
        seen[who] = [visit(persona, method, url) for method in ("GET", "POST")]
        _assert_no_server_error(name, who, seen[who])
    if row.kind is Kind.OPEN:
        return
    if row.kind in CLINIC_AREA:
        _assert_anonymous_gets_nothing(name, patient, seen["anonymous"])
        for who in ("patient", "other"):
            assert [v.status for v in seen[who]] == [404, 404], (name, who)
            assert all(not v.door for v in seen[who]), (name, who)
        return
    _assert_anonymous_gets_nothing(name, patient, seen["anonymous"])
    _assert_door_asked(name, patient, seen["patient"])
    assert seen["patient"][0].status in (200, 302), (name, seen["patient"][0].status)
    # The door lets the other patient in as themself; what the URL names is not theirs.
    _assert_door_asked(name, other_patient, seen["other"])
    if row.kind is Kind.OWNED:
        assert [v.status for v in seen["other"]] == [404, 404], name
        return
    # A page about "me": whatever the other patient gets is their own, never the patient's.
    for v in seen["other"]:
        assert patient.email not in v.body, (name, v.method)


# --- the clinic's staff -----------------------------------------------------------------------

STAFF_NEEDS = {"GET": {Need.READ, Need.EXPORT, Need.PRINT}, "POST": {Need.WRITE}}


def _assert_nothing_of_the_patient(name: str, who: str, visits: list[Visit]) -> None:
    for v in visits:
        for mark in ("hanako@example.jp", "佐藤 花子", "サトウ ハナコ"):
            assert mark not in v.body, (name, who, v.method, mark)


@pytest.mark.django_db
@pytest.mark.parametrize("name", url_names())
def test_each_url_for_the_clinics_staff_another_clinics_staff_and_staff_without_a_second_factor(
    name: str,
    patient: User,
    clinic: Clinic,
    other_clinic: Clinic,
    clinic_staff: User,
    other_clinic_staff: User,
) -> None:
    linked(patient, clinic)
    no_factor = staff("new@clinic.example.jp", clinic, display_name="新人", second_factor=False)
    row = URLS[name]
    url = reverse(name, kwargs=(row.args or _none)(patient))
    personas = {"other": other_clinic_staff, "no_factor": no_factor, "staff": clinic_staff}
    if row.role:
        # A page of one role: the staff personas hold that role; the doctor must get a 404.
        personas["other"] = staff("role@other.example.jp", other_clinic, role=row.role)
        personas["staff"] = staff("role@clinic.example.jp", clinic, role=row.role)
        doctor = [visit(clinic_staff, method, url) for method in ("GET", "POST")]
        assert [v.status for v in doctor] == [404, 404], (name, "a doctor")
    seen: dict[str, list[Visit]] = {}
    for who, persona in personas.items():
        seen[who] = [visit(persona, method, url) for method in ("GET", "POST")]
        _assert_no_server_error(name, who, seen[who])
    _assert_nothing_of_the_patient(name, "other", seen["other"])
    _assert_nothing_of_the_patient(name, "no_factor", seen["no_factor"])
    if row.kind in (Kind.CLINIC, Kind.STAFF, Kind.BOOKING, Kind.SETTING):
        for v in seen["no_factor"]:
            assert v.status == 302 and v.location.startswith("/clinic/verify/"), (name, v.method)
            assert not v.door, name
    if row.kind is Kind.GATE:
        # Reached, or sent from one second-factor page to the other (a member without an app
        # is sent from the code page to setting one up).
        first = seen["no_factor"][0]
        assert first.status == 200 or first.location.startswith("/clinic/setup/"), name
    if row.kind is Kind.CLINIC:
        assert seen["staff"][0].status == 200, (name, seen["staff"][0].status)
        assert seen["other"][0].status == 200, (name, seen["other"][0].status)
    if row.kind is Kind.SETTING:
        assert seen["staff"][0].status == 200, (name, seen["staff"][0].status)
        assert [v.status for v in seen["other"]] == [404, 404], name
        assert all(not v.door for who in seen for v in seen[who]), name
    if row.kind is Kind.STAFF:
        assert seen["staff"][0].status in (200, 302), (name, seen["staff"][0].status)
        assert [v.status for v in seen["other"]] == [404, 404], name
        for v in seen["staff"]:
            if v.status == 405:
                continue
            assert v.door, f"{name} {v.method}: the staff page did not ask the door"
            assert all(c["actor"] == personas["staff"] for c in v.door), name
            assert all(c.get("person_id") == patient.pk for c in v.door), name
            assert {c.get("need", Need.READ) for c in v.door} <= STAFF_NEEDS[v.method], name
    if row.kind is Kind.BOOKING:
        # The patient's own booking, and they are linked: a clinician's read goes through the
        # door for them; staff of another clinic find nothing.
        assert seen["staff"][0].status == 200, (name, seen["staff"][0].status)
        assert [v.status for v in seen["other"]] == [404, 404], name
        reads = seen["staff"][0].door
        assert reads and all(c.get("person_id") == patient.pk for c in reads), name
        assert {c.get("need", Need.READ) for c in reads} == {Need.READ}, name
