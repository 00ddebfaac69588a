"""Writes for the reminders: the reminder time, the calendar link (made, stopped), and the
e-mail that says it is time.

The e-mail's words are defined here in both languages rather than through gettext: it is sent
from a job, outside any request, in the person's own language.

Every server of a deployment may run `send_reminders` from its crontab at the same moment: each
e-mail is claimed first (site/jobs.py, one claim per person and Japanese day), so one of them
sends it and the others skip it.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.care.model import Lang, Text
from hizakoshi.journey.checkins.selectors import checkins_now
from hizakoshi.journey.models import (
    CalendarFeed,
    Profile,
)
from hizakoshi.journey.reminders.selectors import reminder_is_due, session_time_of
from hizakoshi.site.jobs import job_claim, job_claim_release
from hizakoshi.site.tokens import new_token, token_hash

REMINDER_JOB = "session_reminder"  # the run-once claims' name (site/jobs.py)


@transaction.atomic
def calendar_feed_create(*, person: User, now: datetime | None = None) -> tuple[CalendarFeed, str]:
    """A new private calendar link; the old one stops working. The token is returned once."""
    now = now or timezone.now()
    calendar_feed_revoke(person=person, now=now)
    token = new_token()
    feed = CalendarFeed.objects.create(person=person, token_hash=token_hash(token), created_at=now)
    return feed, token


def calendar_feed_revoke(*, person: User, now: datetime | None = None) -> int:
    live = CalendarFeed.objects.filter(person=person, revoked_at__isnull=True)
    return live.update(revoked_at=now or timezone.now())


SUBJECT = Text(ja="体操の時間です", en="Time for your exercises")


BODY = Text(
    ja=(
        "{time}になりました。今日の体操(10分ほど)の時間です。\n"
        "\n"
        "はじめるときはこちら:\n"
        "{start_url}\n"
        "\n"
        "{checkin}"
        "このお知らせは、あなたが決めた時間に毎日届きます。\n"
        "止めるときや時間を変えるときは、こちらで設定してください:\n"
        "{settings_url}\n"
    ),
    en=(
        "It is {time}: time for today's exercises (about 10 minutes).\n"
        "\n"
        "To start:\n"
        "{start_url}\n"
        "\n"
        "{checkin}"
        "This reminder comes every day at the time you chose.\n"
        "To stop it or change the time, go to:\n"
        "{settings_url}\n"
    ),
)


@transaction.atomic
def reminder_time_set(
    *, person: User, session_time: time | None, email_reminders: bool = False
) -> Profile:
    """Set or clear the daily time (Japanese time) of sessions, reminders and calendar events,
    and whether reminder e-mails are wanted (opt-in; they also need a time).

    Only these fields: the profile page's other fields are not touched by this page.
    """
    profile, _ = Profile.objects.select_for_update().get_or_create(person=person)
    profile.session_time = session_time
    profile.email_reminders = email_reminders and session_time is not None
    profile.save(update_fields=["session_time", "email_reminders", "updated_at"])
    return profile


def _absolute(name: str) -> str:
    return f"{settings.HIZAKOSHI_SITE_URL}{reverse(name)}"


# Said only on a day a check-in is due, by the same rule Today and the check-ins page ask.
CHECKIN_DAY = Text(
    ja="今日は、ふりかえりの質問に答える日でもあります:\n{url}\n\n",
    en="Today is also a check-in day: a few questions to answer:\n{url}\n\n",
)


def reminder_email(*, person: User, at: time, today: date | None = None) -> EmailMessage:
    lang: Lang = "en" if person.language == "en" else "ja"
    today = today or timezone.localdate()
    due = any(item.due for item in checkins_now(person=person, today=today).items)
    checkin = CHECKIN_DAY.get(lang).format(url=_absolute("journey:measures")) if due else ""
    body = BODY.get(lang).format(
        time=at.strftime("%H:%M"),
        start_url=_absolute("journey:today"),
        checkin=checkin,
        settings_url=_absolute("journey:reminders"),
    )
    return EmailMessage(
        subject=SUBJECT.get(lang),
        body=body,
        to=[person.email],
        # RFC 3834: tells mail systems not to send vacation replies to an automatic message.
        headers={"Auto-Submitted": "auto-generated"},
    )


def reminder_claim_key(*, person: User, now: datetime) -> str:
    """One claim per person per day in Japanese time: the day the person's session falls on."""
    return f"{person.pk}:{timezone.localdate(now).isoformat()}"


def session_reminder_send(*, person: User, now: datetime | None = None) -> bool:
    """Send today's reminder if the person still wants one and nobody sent it today; True when
    an e-mail went out."""
    at = session_time_of(person=person)
    if at is None or not reminder_is_due(person=person):
        return False
    now = now or timezone.now()
    key = reminder_claim_key(person=person, now=now)
    if not job_claim(name=REMINDER_JOB, key=key, now=now):
        return False  # another server (or an earlier run today) has sent it
    try:
        email = reminder_email(person=person, at=at, today=timezone.localdate(now))
        sent = email.send(fail_silently=False)
    except BaseException:
        # Not sent: give the day back, so that the next run (cron reports this one) may send it.
        job_claim_release(name=REMINDER_JOB, key=key)
        raise
    return sent == 1
