"""The private calendar feed: sessions repeat at the chosen time, check-ins on their days, and
nothing about anyone's health beyond "exercise" and "check-in"."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from hizakoshi.care.model import Lang
from hizakoshi.journey.reminders.calendar import PRODID, build_feed, first_session_day

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2025, 3, 3, 1, 2, 3, tzinfo=UTC)
MON, WED, FRI = 0, 2, 4


def feed(**overrides: Any) -> bytes:
    args: dict[str, Any] = {
        "sessions_at": time(9, 30),
        "days": {MON, WED, FRI},
        "start": date(2025, 3, 5),  # a Wednesday
        "until": date(2025, 6, 27),  # a Friday
        "reassessments": [date(2025, 4, 2), date(2025, 4, 30)],
        "lang": "ja",
        "uid_domain": "p-7f3a.hizakoshi.example",
        "now": NOW,
    }
    args.update(overrides)
    return build_feed(**args)


def parse(raw: bytes) -> Calendar:
    return Calendar.from_ical(raw)


def sessions(cal: Calendar) -> list[Any]:
    return [e for e in cal.walk("VEVENT") if "RRULE" in e]


def checkins(cal: Calendar) -> list[Any]:
    return [e for e in cal.walk("VEVENT") if "RRULE" not in e]


def test_the_feed_parses_back_with_prodid_version_and_one_session_and_two_checkins() -> None:
    cal = parse(feed())
    assert str(cal["PRODID"]) == PRODID
    assert str(cal["VERSION"]) == "2.0"
    assert len(sessions(cal)) == 1
    assert len(checkins(cal)) == 2


def test_the_session_repeats_weekly_on_the_chosen_days_at_the_chosen_time_for_ten_minutes() -> None:
    (event,) = sessions(parse(feed()))
    begins = event.decoded("DTSTART")
    assert begins == datetime(2025, 3, 5, 9, 30, tzinfo=TOKYO)
    assert event.decoded("DTEND") - begins == timedelta(minutes=10)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["MO", "WE", "FR"]
    # The last Friday's session is included; UNTIL is in UTC because DTSTART has a zone.
    assert rule["UNTIL"] == [datetime(2025, 6, 27, 0, 30, tzinfo=UTC)]


def test_every_day_of_the_week_gives_a_daily_rule_without_byday() -> None:
    (event,) = sessions(parse(feed(days=set(range(7)))))
    assert event["RRULE"]["FREQ"] == ["DAILY"]
    assert "BYDAY" not in event["RRULE"]


def test_the_first_session_is_the_first_chosen_weekday_on_or_after_the_start() -> None:
    (event,) = sessions(parse(feed(days={MON}, start=date(2025, 3, 5))))
    assert event.decoded("DTSTART").date() == date(2025, 3, 10)
    assert first_session_day(date(2025, 3, 10), {MON}) == date(2025, 3, 10)
    assert first_session_day(date(2025, 3, 10), set()) is None


def test_the_session_time_is_in_asia_tokyo_with_a_vtimezone_block() -> None:
    raw = feed()
    cal = parse(raw)
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Tokyo"
    assert zone.walk("STANDARD")[0].decoded("TZOFFSETTO") == timedelta(hours=9)
    assert b"DTSTART;TZID=Asia/Tokyo:20250305T093000" in raw
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Tokyo"


def test_another_time_zone_is_honoured() -> None:
    raw = feed(tz="Europe/Berlin", start=date(2025, 3, 5), until=date(2025, 4, 30))
    (event,) = sessions(parse(raw))
    assert event.decoded("DTSTART") == datetime(2025, 3, 5, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert b"TZID:Europe/Berlin" in raw


def test_checkins_are_all_day_events_on_their_dates_that_do_not_block_the_day() -> None:
    events = checkins(parse(feed()))
    assert [e.decoded("DTSTART") for e in events] == [date(2025, 4, 2), date(2025, 4, 30)]
    for event in events:
        start = event.decoded("DTSTART")
        assert not isinstance(start, datetime)
        assert event.decoded("DTEND") == start + timedelta(days=1)
        assert str(event["TRANSP"]) == "TRANSPARENT"


def test_uids_are_stable_between_builds_and_when_the_time_or_days_change() -> None:
    def uids(raw: bytes) -> list[str]:
        return [str(e["UID"]) for e in parse(raw).walk("VEVENT")]

    first = uids(feed(now=NOW))
    assert first == uids(feed(now=NOW + timedelta(days=3)))
    assert first == uids(feed(sessions_at=time(18, 0), days={1, 3}))
    assert first == [
        "session@p-7f3a.hizakoshi.example",
        "checkin-20250402@p-7f3a.hizakoshi.example",
        "checkin-20250430@p-7f3a.hizakoshi.example",
    ]
    assert len(set(first)) == len(first)


def test_every_event_carries_the_dtstamp_in_utc() -> None:
    for event in parse(feed()).walk("VEVENT"):
        assert event.decoded("DTSTAMP") == NOW


def test_the_same_input_gives_the_same_bytes() -> None:
    assert feed() == feed()


@pytest.mark.parametrize(
    ("lang", "session", "checkin"),
    [("ja", "体操の時間", "ふりかえりの日"), ("en", "Exercise session", "Check-in day")],
)
def test_summaries_are_in_the_persons_language(lang: Lang, session: str, checkin: str) -> None:
    cal = parse(feed(lang=lang))
    assert [str(e["SUMMARY"]) for e in sessions(cal)] == [session]
    assert {str(e["SUMMARY"]) for e in checkins(cal)} == {checkin}


# Words that would tell someone who sees a shared or synced calendar about a person's health.
HEALTH_WORDS = re.compile(
    r"knee|back|pain|hip|spine|lumbar|arthritis|sciatica|injur|doctor|clinic|hospital|"
    r"physio|rehab|therap|symptom|score|hizakoshi|膝|腰|痛|関節|病|医|治療|症|リハビリ|ナビ",
    re.IGNORECASE,
)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_text_a_person_sees_mentions_health_beyond_exercise_and_checkin(lang: Lang) -> None:
    cal = parse(feed(lang=lang))
    shown = [str(cal["X-WR-CALNAME"])]
    for component in cal.walk():
        shown += [str(component[key]) for key in ("SUMMARY", "DESCRIPTION") if key in component]
    assert len(shown) > 5
    for text in shown:
        assert not HEALTH_WORDS.search(text), text


def test_the_health_word_check_would_catch_a_leak() -> None:
    assert HEALTH_WORDS.search("膝の体操")
    assert HEALTH_WORDS.search("Knee exercise session")


def test_no_chosen_days_gives_only_the_checkins() -> None:
    cal = parse(feed(days=set()))
    assert sessions(cal) == []
    assert len(checkins(cal)) == 2


def test_a_start_after_the_last_chosen_weekday_gives_no_session() -> None:
    cal = parse(feed(days={MON}, start=date(2025, 3, 5), until=date(2025, 3, 7)))
    assert sessions(cal) == []


@pytest.mark.parametrize(
    "overrides",
    [
        {"days": {7}},
        {"days": {-1}},
        {"until": date(2025, 3, 4)},
        {"uid_domain": ""},
        {"uid_domain": "a@b"},
        {"uid_domain": "a b"},
    ],
)
def test_impossible_arguments_are_refused(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        feed(**overrides)


def test_a_session_reminder_alarm_fires_at_the_start() -> None:
    (event,) = sessions(parse(feed()))
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(0)
    assert str(alarm["ACTION"]) == "DISPLAY"
