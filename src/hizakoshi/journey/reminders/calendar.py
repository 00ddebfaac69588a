"""The private calendar feed (ICS): exercise sessions at the chosen time and the check-in dates.

A pure function over plain values, so the feed view stays thin and the feed is testable without
a database. `icalendar` writes the file (recurrence rule, time zone block, escaping, folding).

Privacy: a calendar is often shared with family or colleagues, shown on a lock screen, and synced
to third parties (Google, Apple, Microsoft, a phone maker). Health information is 要配慮個人情報, so
the feed says only "exercise session" and "check-in": no condition, no body part, no pain score,
no plan details, and not the product's name (膝腰ナビ names the problem) in any text a person sees.
The feed's secret URL token never appears inside the file either: UIDs are built from
`uid_domain`, which the caller makes from an opaque, non-secret id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from hizakoshi.care.journey.schedule import schedule
from hizakoshi.care.model import Lang

# Names the software, not the person; a sync service already knows the site from the feed's URL.
PRODID = "-//hizakoshi//reminders 1.0//EN"


# RFC 5545 two-letter weekday codes, indexed by Python's date.weekday() (Monday = 0).
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class _Words:
    calendar_name: str
    session_summary: str
    session_description: str
    checkin_summary: str
    checkin_description: str


# Plain words, and nothing more than "exercise" and "check-in": see the module docstring.
WORDS: dict[Lang, _Words] = {
    "ja": _Words(
        calendar_name="体操の予定",
        session_summary="体操の時間",
        session_description="10分ほどの体操の時間です。",
        checkin_summary="ふりかえりの日",
        checkin_description="4週間ごとのふりかえりの日です。アプリを開いてください。",
    ),
    "en": _Words(
        calendar_name="Exercise reminders",
        session_summary="Exercise session",
        session_description="Time for your 10-minute exercise session.",
        checkin_summary="Check-in day",
        checkin_description="Your four-weekly check-in is due. Please open the app.",
    ),
}


def build_feed(
    *,
    sessions_at: time,
    days: set[int],
    start: date,
    until: date,
    reassessments: Iterable[date],
    lang: Lang,
    uid_domain: str,
    tz: str = "Asia/Tokyo",
    now: datetime | None = None,
) -> bytes:
    """The whole feed as iCalendar bytes.

    `days` are weekdays as in `date.weekday()` (Monday = 0); all seven give a daily rule, fewer a
    weekly one, none no session event. Sessions run from `start` to `until`, both included.
    `uid_domain` must be unique per feed (e.g. "<opaque person id>.example.jp") and stable, so
    a calendar app updates its events in place instead of duplicating them when the person
    changes the time or the days. `now` is the DTSTAMP (when this copy was made), UTC.
    """
    if not days <= set(range(7)):
        raise ValueError(f"weekdays must be 0 (Monday) to 6 (Sunday), got {sorted(days)}")
    if until < start:
        raise ValueError(f"until ({until}) is before start ({start})")
    if not uid_domain or "@" in uid_domain or any(c.isspace() for c in uid_domain):
        raise ValueError(f"uid_domain must be a plain domain-like string, got {uid_domain!r}")
    zone = ZoneInfo(tz)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    words = WORDS[lang]

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # Read by Google and Apple: the calendar's display name, its zone and how often to refetch.
    cal.add("x-wr-calname", words.calendar_name)
    cal.add("x-wr-timezone", tz)
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")

    session = _session_event(
        sessions_at=sessions_at,
        days=days,
        start=start,
        until=until,
        zone=zone,
        words=words,
        uid=f"session@{uid_domain}",
        stamp=stamp,
    )
    if session is not None:
        cal.add_component(session)
    checkins = sorted(set(reassessments))
    for day in checkins:
        cal.add_component(
            _checkin_event(day, words=words, uid=f"checkin-{day:%Y%m%d}@{uid_domain}", stamp=stamp)
        )
    # Only the span the events use: Asia/Tokyo has had no summer time since 1951, so the block
    # is tiny, but a zone with DST would otherwise carry every transition since 1970.
    span = [start, until, *checkins]
    cal.add_missing_timezones(first_date=min(span), last_date=max(span) + timedelta(days=1))
    return bytes(cal.to_ical())


def first_session_day(start: date, days: set[int]) -> date | None:
    """The first day on or after `start` that is one of the chosen weekdays."""
    for offset in range(7):
        day = start + timedelta(days=offset)
        if day.weekday() in days:
            return day
    return None


def _session_event(
    *,
    sessions_at: time,
    days: set[int],
    start: date,
    until: date,
    zone: ZoneInfo,
    words: _Words,
    uid: str,
    stamp: datetime,
) -> Event | None:
    first = first_session_day(start, days)
    if first is None or first > until:
        return None
    begins = datetime.combine(first, sessions_at.replace(tzinfo=None, microsecond=0), tzinfo=zone)
    # RFC 5545: with a zoned DTSTART, UNTIL must be in UTC; the last day's session is included.
    last = datetime.combine(until, begins.timetz()).astimezone(UTC)
    rule: dict[str, object] = {"freq": "daily" if len(days) == 7 else "weekly", "until": last}
    if len(days) < 7:
        rule["byday"] = [WEEKDAY_CODES[d] for d in sorted(days)]

    event = _event(uid=uid, stamp=stamp, summary=words.session_summary)
    event.add("description", words.session_description)
    event.add("dtstart", begins)
    event.add("dtend", begins + timedelta(minutes=schedule().session.limit_minutes))
    event.add("rrule", rule)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", words.session_summary)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event


def _checkin_event(day: date, *, words: _Words, uid: str, stamp: datetime) -> Event:
    event = _event(uid=uid, stamp=stamp, summary=words.checkin_summary)
    event.add("description", words.checkin_description)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    # An all-day reminder should not mark the whole day as busy for others.
    event.add("transp", "TRANSPARENT")
    return event


def _event(*, uid: str, stamp: datetime, summary: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    # Asks calendar apps that honour it to show only "busy" to people the calendar is shared with.
    event.add("class", "PRIVATE")
    return event
