"""When things are due on the journey: check-ins, reassessment days, weighing, the diary's edit
window and the weekly review's week. The one place that counts days (content/schedule.yaml).

Every page asks here with plain values (the start day, the days answered, today), so the Today
page, the check-ins page, the reminders and the calendar feed cannot disagree. Days count from
the journey's start: the day of the first self-check. Time is passed in, never read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from pydantic import Field, model_validator

from hizakoshi.care.model import Frozen, Text
from hizakoshi.care.yamlfile import CONTENT_DIR, ContentError, load_yaml_model

FILE = "schedule.yaml"
DAY = timedelta(days=1)
# The weekly review judges whole weeks (the pain-monitoring model, clinical-spec.md §6): a
# week is seven days by definition, not a setting.
WEEK = timedelta(days=7)


class Checkins(Frozen):
    every_days: int = Field(ge=7, le=91)
    early_days: int = Field(ge=0, le=14)
    reminded: tuple[str, ...] = Field(min_length=1)
    once: tuple[str, ...] = ()
    rule: Text
    source: str = Field(min_length=3)

    @model_validator(mode="after")
    def _early_inside_a_round(self) -> Checkins:
        # An answer must never count for two due days that are both still open.
        if self.early_days >= self.every_days:
            raise ValueError("early_days must be shorter than every_days")
        if set(self.reminded) & set(self.once):
            raise ValueError("a check-in is either repeated (reminded) or asked once")
        return self


class Interval(Frozen):
    every_days: int = Field(ge=1, le=91)
    rule: Text
    source: str = Field(min_length=3)


class DiaryWindow(Frozen):
    edit_days: int = Field(ge=1, le=31)
    rule: Text
    source: str = Field(min_length=3)


class SessionTiming(Frozen):
    limit_minutes: int = Field(ge=1, le=60)
    seconds_per_rep: int = Field(ge=1, le=30)
    seconds_between_holds: int = Field(ge=0, le=30)
    rest_seconds: int = Field(ge=0, le=120)
    setup_seconds: int = Field(ge=0, le=120)
    rule: Text
    source: str = Field(min_length=3)


class ScheduleFile(Frozen):
    checkins: Checkins
    weight: Interval
    diary: DiaryWindow
    session: SessionTiming


def load_schedule(directory: Path = CONTENT_DIR) -> ScheduleFile:
    from hizakoshi.care.instruments import instruments

    data = load_yaml_model(FILE, ScheduleFile, directory)
    known = instruments()
    for name in (*data.checkins.reminded, *data.checkins.once):
        if name not in known:
            raise ContentError(f"{directory / FILE}: checkins: {name!r} is not in instruments.yaml")
    return data


@cache
def schedule() -> ScheduleFile:
    return load_schedule()


# --- check-ins -----------------------------------------------------------------------------------


class Due(Frozen):
    """One check-in's state on `today`."""

    instrument: str
    due: bool  # to answer now
    due_on: date | None  # due: the day it fell due; else the next due day; None: asked once, done
    last_answered: date | None
    once: bool = False


def current_checkin_day(*, start: date, today: date) -> date:
    """The latest check-in due day on or before `today` (the start itself before then)."""
    every = schedule().checkins.every_days
    rounds = max(0, (today - start).days) // every
    return start + timedelta(days=rounds * every)


def _counts_for(due_day: date, answers: Sequence[date], today: date) -> bool:
    early = timedelta(days=schedule().checkins.early_days)
    return any(due_day - early <= day <= today for day in answers)


def checkin_due(*, instrument: str, start: date, answered: Sequence[date], today: date) -> Due:
    """One check-in by the rule in content/schedule.yaml (checkins.rule). Answers after `today`
    are not counted (a record dated ahead must not settle today)."""
    rule = schedule().checkins
    past = [day for day in answered if day <= today]
    last = max(past, default=None)
    if instrument in rule.once:
        return Due(
            instrument=instrument,
            due=last is None,
            due_on=start if last is None else None,
            last_answered=last,
            once=True,
        )
    if today < start:
        return Due(instrument=instrument, due=False, due_on=start, last_answered=last)
    current = current_checkin_day(start=start, today=today)
    if not _counts_for(current, past, today):
        return Due(instrument=instrument, due=True, due_on=current, last_answered=last)
    following = current + timedelta(days=rule.every_days)
    if _counts_for(following, past, today):  # answered early for the coming day
        following += timedelta(days=rule.every_days)
    return Due(instrument=instrument, due=False, due_on=following, last_answered=last)


def checkins_due(
    *,
    start: date,
    answered: Mapping[str, Sequence[date]],
    today: date,
    instruments: Sequence[str] | None = None,
) -> list[Due]:
    """Each check-in's state, in the order given (default: the reminded ones, schedule.yaml).
    `answered` maps an instrument to the days it was answered (any order; missing: never)."""
    names = schedule().checkins.reminded if instruments is None else instruments
    return [
        checkin_due(instrument=name, start=start, answered=answered.get(name, ()), today=today)
        for name in names
    ]


def next_checkin(
    *,
    start: date,
    answered: Mapping[str, Sequence[date]],
    today: date,
    instruments: Sequence[str] | None = None,
) -> date | None:
    """The next day a repeated check-in falls due, among those not due now (None: none)."""
    found = checkins_due(start=start, answered=answered, today=today, instruments=instruments)
    days = [d.due_on for d in found if not d.due and not d.once and d.due_on is not None]
    return min(days, default=None)


def reassessment_days(*, start: date, until: date, since: date | None = None) -> list[date]:
    """The check-in days after the baseline (start + every_days, ...) within [since, until]:
    what the calendar feed and reminders show. The baseline itself is the first self-check."""
    every = timedelta(days=schedule().checkins.every_days)
    days: list[date] = []
    day = start + every
    while day <= until:
        if since is None or day >= since:
            days.append(day)
        day += every
    return days


# --- the diary -----------------------------------------------------------------------------------


def weight_due(*, last_weighed: date | None, today: date) -> bool:
    """Weight is asked when never given, or `every_days` or more after the last weighing."""
    if last_weighed is None:
        return True
    return (today - last_weighed).days >= schedule().weight.every_days


def diary_first_editable(today: date) -> date:
    return today - timedelta(days=schedule().diary.edit_days - 1)


def diary_editable(day: date, *, today: date) -> bool:
    """Today and the days before it within the edit window; never a future day."""
    return diary_first_editable(today) <= day <= today


def kept_record_keeps_its_day(day: date, *, today: date) -> bool:
    """A record made on the phone without a connection (a session, a diary) and sent later keeps
    the day it was made while the diary of that day could still be changed; the phone keeps
    nothing longer (site/pwa.py), so anything older is dated on arrival."""
    return diary_editable(day, today=today)


def diary_days(today: date) -> tuple[date, ...]:
    """The days that can be filled in, today first."""
    return tuple(today - timedelta(days=n) for n in range(schedule().diary.edit_days))


# --- the weekly review ---------------------------------------------------------------------------


def review_week_end(*, start: date, today: date) -> date | None:
    """The last day of the latest full week since `start` (weeks run from the start day)."""
    weeks = (today - start).days // WEEK.days
    return None if weeks < 1 else start + weeks * WEEK - DAY


class ReviewWeek(Frozen):
    """The days the weekly review reads, for the week ending on `last`."""

    first: date  # the reviewed week: first .. last
    last: date
    compared_from: date  # the week before too: the weekly average is compared with it
    usual_from: date  # the days before `first` that set the usual pain (pain_model.usual_days)
    last_morning: date  # the morning after `last`: did the last day's pain settle?
    changes_on: date  # a new amount starts the next day


def review_week(last: date) -> ReviewWeek:
    from hizakoshi.care.journey.content import journey

    first = last - WEEK + DAY
    return ReviewWeek(
        first=first,
        last=last,
        compared_from=last - 2 * WEEK + DAY,
        usual_from=first - timedelta(days=journey().pain_model.usual_days),
        last_morning=last + DAY,
        changes_on=last + DAY,
    )
