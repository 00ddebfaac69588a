"""Reads for the reminders: who gets an e-mail now, what a calendar feed contains, and the feed
behind a secret token."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import reassessment_days
from hizakoshi.care.model import Lang
from hizakoshi.journey.models import (
    CalendarFeed,
    ConsentPurpose,
    Profile,
)
from hizakoshi.journey.plan.selectors import journey_start_day
from hizakoshi.journey.reminders.calendar import build_feed
from hizakoshi.site.tokens import token_hash


def calendar_feed_by_token(*, token: str) -> CalendarFeed | None:
    found = CalendarFeed.objects.filter(token_hash=token_hash(token), revoked_at__isnull=True)
    return found.select_related("person").first()


FEED_AHEAD = timedelta(days=365)  # how far ahead a calendar app is shown sessions and check-ins


FEED_BEHIND = timedelta(weeks=4)  # past check-ins kept, so last month's stays visible


ALL_DAYS = frozenset(range(7))  # the plan asks for a short session every day


def _reminded_people() -> QuerySet[User]:
    """Active accounts that opted in to reminder e-mails, with a session time and a live consent.

    The consent is checked because a reminder is only sent as part of the journey the person
    agreed to; withdrawing it must stop the e-mails too.
    """
    return User.objects.filter(
        is_active=True,
        journey_profile__email_reminders=True,
        journey_profile__session_time__isnull=False,
        journey_consents__purpose=ConsentPurpose.HEALTH_DATA,
        journey_consents__withdrawn_at__isnull=True,
    ).distinct()


def reminder_recipients(*, starts: time, ends: time | None) -> QuerySet[User]:
    """The people to remind whose session time is in [starts, ends) (Japanese time); `ends`
    None runs to the end of the day (a `time` cannot say 24:00)."""
    people = _reminded_people().filter(journey_profile__session_time__gte=starts)
    if ends is not None:
        people = people.filter(journey_profile__session_time__lt=ends)
    return people.order_by("pk")


def reminder_is_due(*, person: User) -> bool:
    """Checked again when the task runs: a queued task may run after the person opted out."""
    return _reminded_people().filter(pk=person.pk).exists()


def session_time_of(*, person: User) -> time | None:
    return Profile.objects.filter(person=person).values_list("session_time", flat=True).first()


def reminders_wanted(*, person: User) -> bool:
    found = Profile.objects.filter(person=person).values_list("email_reminders", flat=True)
    return bool(found.first())


def calendar_feed_live(*, person: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).first()


def _uid_domain(person: User) -> str:
    # Stable per person (so calendar apps update events in place), but neither the feed's token
    # nor the log_ref used in the data log: a keyed hash that links to nothing else.
    digest = salted_hmac("hizakoshi.journey.calendar-uid", str(person.log_ref)).hexdigest()
    return f"p-{digest[:20]}.hizakoshi"


def calendar_feed_ics(*, feed: CalendarFeed, now: datetime | None = None) -> bytes:
    """The feed's ICS: daily sessions at the person's time and the 4-weekly check-ins."""
    now = now or timezone.now()
    person = feed.person
    today = timezone.localdate(now)
    first = journey_start_day(person=person)
    until = today + FEED_AHEAD
    sessions_at = session_time_of(person=person)
    lang: Lang = "en" if person.language == "en" else "ja"
    return build_feed(
        sessions_at=sessions_at or time(9, 0),
        days=set(ALL_DAYS) if sessions_at is not None else set(),
        # From the day the link was made: a stable start, so each refetch describes the same
        # series and calendar apps do not redraw it, and no long past in the file.
        start=min(timezone.localdate(feed.created_at), today),
        until=until,
        reassessments=[]
        if first is None
        else reassessment_days(start=first, since=today - FEED_BEHIND, until=until),
        lang=lang,
        uid_domain=_uid_domain(person),
        tz=settings.TIME_ZONE,
        now=now,
    )
