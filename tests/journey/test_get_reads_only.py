"""GET never writes: opening any page of the journey stores nothing, even on a day the weekly
plan review and the escalation review are due (the daily job `review_journeys` does them).

Every journey URL (and the private calendar feed) is taken from the URL conf, as in
test_access_door.py, so a new page is checked too. The session row is left out: it is saved on
every request on purpose (SESSION_SAVE_EVERY_REQUEST makes the 30 minutes an idle timeout). So is
the record of a data export (AUDITED below).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hizakoshi.journey.models import ClinicianNote, Escalation
from hizakoshi.journey.reminders.services import calendar_feed_create
from hizakoshi.journey.review.services import journeys_review
from journey.review_helpers import DAY, START, at, stopped_opening_the_app
from urltable import url_for, url_names

pytestmark = pytest.mark.django_db

DUE = START + 28 * DAY  # a week has ended and the pain has been worse for two weeks
WRITES = ("INSERT", "UPDATE", "DELETE")


# The one write a GET may make, and why: a download of the person's data adds a row to the APPI
# record of every copy given out (DataLog: who, when, what; rows are only ever added).
AUDITED = {"journey:export_json", "journey:export_fhir"}


def writes(name: str, sql: list[str]) -> list[str]:
    found = [s for s in sql if s.lstrip().split(" ", 1)[0].upper() in WRITES]
    found = [s for s in found if "django_session" not in s]
    if name in AUDITED:
        found = [s for s in found if not s.startswith('INSERT INTO "journey_datalog"')]
    return found


def test_opening_every_journey_page_writes_nothing_though_the_reviews_are_due(
    client: Client,
) -> None:
    hanako = stopped_opening_the_app()
    # An older message, read, so the message pages have one to show.
    Escalation.objects.create(
        person=hanako,
        kind="daily_life_badly_affected",
        urgency="soon",
        message={"headline": {"ja": "受診を", "en": "See a doctor"}},
        raised_on=START + 3 * DAY,
        seen_at=datetime(2025, 3, 7, tzinfo=UTC),
    )
    # A clinic's message, not read yet: Today shows it, and only a POST dismisses it.
    ClinicianNote.objects.create(
        person=hanako,
        text="体操は無理のない範囲で",
        by_label="山田(医師)",
        clinic_name="ひざこしクリニック",
        created_at=at(START + 3 * DAY),
    )
    with time_machine.travel(at(DUE), tick=False):
        _feed, token = calendar_feed_create(person=hanako)
        urls = {name: url_for(name, hanako) for name in url_names() if name.startswith("journey:")}
        urls["calendar:feed"] = reverse("calendar:feed", kwargs={"token": token})
        client.force_login(hanako)
        found: dict[str, list[str]] = {}
        for name, url in urls.items():
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code
            assert status in (200, 302, 405), (name, status)
            found[name] = writes(name, [q["sql"] for q in queries.captured_queries])
    assert len(urls) >= 20 and "journey:today" in urls and "journey:progress" in urls
    assert {name: sql for name, sql in found.items() if sql} == {}
    # The reviews were due all along: the job makes the changes the pages did not.
    run = journeys_review(today=DUE)
    assert run.plan_changes > 0 and run.escalations == 1
