"""The journey's doors agree on what is due: for every day of a simulated year of check-ins
(answered on the day, early, late, half, or not at all), Today, the check-ins page, the reminder
e-mail and the calendar feed say the same thing, because each asks the core's one schedule.

A door that counted days itself (as Today and the check-ins page once did, three days apart)
fails here on the first day they differ.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
import time_machine
from django.test import Client
from icalendar import Calendar

from hizakoshi.accounts.models import User
from hizakoshi.care.journey.schedule import schedule
from hizakoshi.journey.models import OutcomeResponse
from hizakoshi.journey.reminders.selectors import calendar_feed_ics
from hizakoshi.journey.reminders.services import calendar_feed_create, reminder_email
from hizakoshi.journey.today.presenters import INSTRUMENT_LABELS
from journey.measures_helpers import START, at_noon, in_english, started

pytestmark = pytest.mark.django_db

DAYS = 365
CHECKIN_LINE = "check-in day"  # the reminder's English line on a check-in day


def _answers(person: User) -> None:
    """A year of check-ins the way people answer them: by check-in number k, on the day, three
    days early, five days late, not at all, or the pain scores only (the goals forgotten)."""
    every = schedule().checkins.every_days
    rows = []
    for k in range(DAYS // every + 1):
        due = START + timedelta(days=k * every)
        pattern = k % 5
        if pattern == 3:
            continue
        shift = {0: 0, 1: -3, 2: 5, 4: 1}[pattern]
        names = ("nrs",) if pattern == 4 else ("nrs", "psfs")
        rows += [
            OutcomeResponse(
                person=person, instrument=n, answers={}, scores={}, taken_on=due + timedelta(shift)
            )
            for n in names
        ]
    OutcomeResponse.objects.bulk_create(rows)


def _days_to_look_at() -> list[date]:
    """Every day on which any door's answer can change in this year (a check-in day, the first
    day an early answer counts, each day an answer was given), with the day before and after.
    Between two such days every door's answer stays as it was, so looking at each of the 365
    days would only repeat these (and take minutes)."""
    rule = schedule().checkins
    days: set[date] = set()
    for k in range(DAYS // rule.every_days + 1):
        due = START + timedelta(days=k * rule.every_days)
        for moment in (
            due - timedelta(rule.early_days),
            due - timedelta(3),
            due,
            due + timedelta(1),
            due + timedelta(5),
        ):
            days.update(moment + timedelta(n) for n in (-1, 0, 1))
    return sorted(d for d in days if START <= d < START + timedelta(DAYS))


def _calendar_checkin_days(ics: bytes) -> set[date]:
    days = set()
    for event in Calendar.from_ical(ics).walk("VEVENT"):
        if str(event.get("uid", "")).startswith("checkin-"):
            days.add(event.decoded("dtstart"))
    return days


def test_today_the_checkins_page_the_reminder_and_the_calendar_agree_for_a_year() -> None:
    person = started("doors@example.jp")
    person.language = "en"
    person.save(update_fields=["language"])
    _answers(person)
    reminded = schedule().checkins.reminded
    feed, _token = calendar_feed_create(person=person)
    client = in_english(Client())
    disagreements: list[str] = []
    due_days = 0
    looked_at = _days_to_look_at()
    for day in looked_at:
        with time_machine.travel(at_noon(day), tick=False):
            client.force_login(person)  # a session of that day (sessions have an absolute age)
            today = client.get("/me/today/").context
            page = client.get("/me/measures/").context
            email = reminder_email(person=person, at=time(9, 0), today=day).body
            calendar = _calendar_checkin_days(calendar_feed_ics(feed=feed, now=at_noon(day)))
        on_today = set(today["outcomes_due"])
        on_page = {
            str(INSTRUMENT_LABELS[d.instrument])
            for d, _name in page["due"]
            if d.due and d.instrument in reminded
        }
        said = {str(label) for label in on_today}
        if said != on_page:
            disagreements.append(f"{day}: Today {sorted(said)} / check-ins page {sorted(on_page)}")
        if bool(said) != (CHECKIN_LINE in email):
            disagreements.append(f"{day}: Today due={bool(said)} / e-mail says so={not said}")
        next_day = today["next_outcomes_day"]
        if next_day is not None and next_day not in calendar:
            disagreements.append(f"{day}: Today's next check-in {next_day} is not in the calendar")
        for d, _name in page["due"]:
            if d.due and d.instrument in reminded and d.due_on not in calendar:
                disagreements.append(f"{day}: {d.instrument} due since {d.due_on}, no event")
        due_days += bool(said)
    assert disagreements == []
    # The year really had both kinds of days: due, and answered (early, on time or late).
    assert 30 < due_days < len(looked_at) - 30
