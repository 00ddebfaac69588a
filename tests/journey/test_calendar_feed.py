"""The private calendar link: made on /me/calendar/, shown once, fetched without logging in,
stopped on request, and never showing anyone else's schedule."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from hizakoshi.accounts.models import User
from hizakoshi.care import assess
from hizakoshi.care.questions import parse_answers
from hizakoshi.journey.models import AssessmentSource, CalendarFeed
from hizakoshi.journey.plan.services import journey_start_from_assessment
from hizakoshi.journey.reminders.services import reminder_time_set
from people import person
from selfcheck.factories import knee_origin_answers

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")
# 2025-03-03 10:00 in Tokyo: the journey starts that day.
STARTED = datetime(2025, 3, 3, 1, 0, tzinfo=UTC)
TOKEN_IN_PAGE = re.compile(r"/calendar/([A-Za-z0-9_-]{20,100})\.ics")


def with_journey(email: str, *, at: time | None, language: str = "ja") -> User:
    user = person(email, language=language)
    answers = parse_answers(knee_origin_answers())
    journey_start_from_assessment(
        person=user,
        answers=answers,
        assessment=assess(answers),
        source=AssessmentSource.CLAIMED,
        now=STARTED,
    )
    reminder_time_set(person=user, session_time=at)
    return user


def make_link(client: Client, user: User) -> str:
    client.force_login(user)
    page = client.post(reverse("journey:calendar"), {"action": "create"})
    assert page.status_code == 200
    found = TOKEN_IN_PAGE.search(page.content.decode())
    assert found is not None, "the new link is shown on the page"
    return found.group(1)


def fetch(token: str) -> tuple[int, bytes, Client]:
    calendar_app = Client()  # no session, no cookies: as a calendar app fetches it
    response = calendar_app.get(reverse("calendar:feed", kwargs={"token": token}))
    return response.status_code, response.content, calendar_app


@time_machine.travel(datetime(2025, 4, 10, 3, 0, tzinfo=UTC), tick=False)
def test_a_new_link_is_fetched_without_login_and_shows_sessions_and_check_ins(
    client: Client,
) -> None:
    hanako = with_journey("hanako@example.jp", at=time(9, 30))
    token = make_link(client, hanako)
    response = Client().get(reverse("calendar:feed", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert not response.cookies  # nothing to remember about a calendar app
    cal = Calendar.from_ical(response.content)
    (session,) = [e for e in cal.walk("VEVENT") if "RRULE" in e]
    assert session.decoded("DTSTART") == datetime(2025, 4, 10, 9, 30, tzinfo=TOKYO)
    assert session["RRULE"]["FREQ"] == ["DAILY"]
    checkins = sorted(e.decoded("DTSTART") for e in cal.walk("VEVENT") if "RRULE" not in e)
    # Every 4 weeks from the first assessment (3 March); the one just past stays visible.
    assert checkins[:3] == [date(2025, 3, 31), date(2025, 4, 28), date(2025, 5, 26)]
    assert all((b - a).days == 28 for a, b in pairwise(checkins))


def test_the_page_shows_the_link_once_as_webcal_and_https_with_a_copy_hint(
    client: Client,
) -> None:
    hanako = with_journey("hanako@example.jp", at=time(9, 0))
    client.force_login(hanako)
    page = client.post(reverse("journey:calendar"), {"action": "create"}).content.decode()
    token = TOKEN_IN_PAGE.search(page)
    assert token is not None
    assert f"webcal://testserver/calendar/{token.group(1)}.ics" in page
    assert f"http://testserver/calendar/{token.group(1)}.ics" in page
    assert "Copy" in page or "コピー" in page
    again = client.get(reverse("journey:calendar")).content.decode()
    assert token.group(1) not in again  # shown once: only its hash is kept


def test_only_the_hash_of_the_token_is_stored(client: Client) -> None:
    hanako = with_journey("hanako@example.jp", at=time(9, 0))
    token = make_link(client, hanako)
    feed = CalendarFeed.objects.get(person=hanako, revoked_at__isnull=True)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = [str(v) for v in CalendarFeed.objects.values_list().get(pk=feed.pk)]
    assert not any(token in value for value in stored)
    status, body, _ = fetch(token)
    assert status == 200 and token.encode() not in body  # not in the file either


def test_a_stopped_link_gives_404(client: Client) -> None:
    hanako = with_journey("hanako@example.jp", at=time(9, 0))
    token = make_link(client, hanako)
    assert fetch(token)[0] == 200
    stopped = client.post(reverse("journey:calendar"), {"action": "revoke"})
    assert stopped.status_code == 302
    assert fetch(token)[0] == 404
    page = client.get(reverse("journey:calendar")).content.decode()
    assert 'value="create"' in page and 'value="revoke"' not in page  # only "make a link" left


def test_making_a_new_link_stops_the_old_one(client: Client) -> None:
    hanako = with_journey("hanako@example.jp", at=time(9, 0))
    old = make_link(client, hanako)
    new = make_link(client, hanako)
    assert fetch(old)[0] == 404
    assert fetch(new)[0] == 200


@pytest.mark.parametrize(
    "token", ["A" * 43, "short", "../../etc/passwd", "A" * 43 + "%00", "A" * 101]
)
def test_an_unknown_or_malformed_token_gives_404(client: Client, token: str) -> None:
    with_journey("hanako@example.jp", at=time(9, 0))
    response = Client().get(f"/calendar/{token}.ics")
    assert response.status_code == 404


def test_another_persons_token_never_shows_their_schedule(client: Client) -> None:
    hanako = with_journey("hanako@example.jp", at=time(7, 15))
    taro = with_journey("taro@example.jp", at=time(20, 45), language="en")
    hanako_token = make_link(client, hanako)
    taro_token = make_link(Client(), taro)
    hanako_body, taro_body = fetch(hanako_token)[1], fetch(taro_token)[1]
    assert b"T071500" in hanako_body and b"T204500" not in hanako_body
    assert b"T204500" in taro_body and b"T071500" not in taro_body
    hanako_uids = {str(e["UID"]) for e in Calendar.from_ical(hanako_body).walk("VEVENT")}
    taro_uids = {str(e["UID"]) for e in Calendar.from_ical(taro_body).walk("VEVENT")}
    assert not hanako_uids & taro_uids
    # Taro stopping "his" link leaves Hanako's working.
    client.force_login(taro)
    client.post(reverse("journey:calendar"), {"action": "revoke"})
    assert fetch(hanako_token)[0] == 200 and fetch(taro_token)[0] == 404


def test_the_feed_follows_the_persons_language_and_says_nothing_about_health(
    client: Client,
) -> None:
    taro = with_journey("taro@example.jp", at=time(8, 0), language="en")
    body = fetch(make_link(client, taro))[1].decode()
    assert "Exercise session" in body
    for word in ("pain", "knee", "back", "Hizakoshi", "膝", "腰"):
        assert word not in body


def test_without_a_session_time_the_feed_has_only_the_check_ins(client: Client) -> None:
    hanako = with_journey("hanako@example.jp", at=None)
    body = fetch(make_link(client, hanako))[1]
    events = Calendar.from_ical(body).walk("VEVENT")
    assert events and all("RRULE" not in e for e in events)
    page = client.get(reverse("journey:calendar")).content.decode()
    assert reverse("journey:reminders") in page  # where to choose a time


def test_a_deactivated_account_has_no_feed(client: Client) -> None:
    hanako = with_journey("hanako@example.jp", at=time(9, 0))
    token = make_link(client, hanako)
    User.objects.filter(pk=hanako.pk).update(is_active=False)
    assert fetch(token)[0] == 404


def test_the_feed_only_answers_get_and_head(client: Client) -> None:
    hanako = with_journey("hanako@example.jp", at=time(9, 0))
    url = reverse("calendar:feed", kwargs={"token": make_link(client, hanako)})
    assert Client().head(url).status_code == 200
    assert Client().post(url).status_code == 405


def test_an_unknown_action_changes_nothing_and_is_not_an_error(client: Client) -> None:
    hanako = with_journey("hanako@example.jp", at=time(9, 0))
    token = make_link(client, hanako)
    response = client.post(reverse("journey:calendar"), {"action": "explode"})
    assert response.status_code == 200
    assert fetch(token)[0] == 200


def test_the_calendar_page_needs_a_login(client: Client) -> None:
    response = client.get(reverse("journey:calendar"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_stable_start_keeps_the_session_series_the_same_from_day_to_day(
    client: Client,
) -> None:
    with time_machine.travel(datetime(2025, 4, 10, 3, 0, tzinfo=UTC), tick=False):
        hanako = with_journey("hanako@example.jp", at=time(9, 0))
        token = make_link(client, hanako)
    with time_machine.travel(datetime(2025, 4, 10, 3, 0, tzinfo=UTC) + timedelta(days=9)):
        cal = Calendar.from_ical(fetch(token)[1])
    (session,) = [e for e in cal.walk("VEVENT") if "RRULE" in e]
    assert session.decoded("DTSTART").date() == date(2025, 4, 10)
