"""The calendar invitation sent with each booking e-mail (iCalendar, RFC 5545 / iTIP RFC 5546).

A pure function over plain values. One booking keeps one UID for its whole life; each change the
clinic's side makes is sent again with a higher SEQUENCE, so calendar apps update the event in
place: METHOD:REQUEST for the booking, its confirmation and a move; METHOD:CANCEL (with
STATUS:CANCELLED) for a cancellation. Times are written in UTC, which every calendar app reads
the same way whatever its own zone (no VTIMEZONE needed; Asia/Tokyo has no daylight-saving
time, but a person's phone may be in a zone that has).

Privacy: a calendar is often shared or synced to third parties, so the event says "consultation
booking" and the clinic, nothing about the reason, and never the private manage link (a key).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//hizakoshi//booking 1.0//EN"

Method = Literal["REQUEST", "CANCEL"]


@dataclass(frozen=True)
class Invitation:
    uid: str
    sequence: int
    method: Method
    status: Literal["TENTATIVE", "CONFIRMED", "CANCELLED"]
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str
    location: str
    organizer_email: str
    organizer_name: str
    attendee_email: str
    attendee_name: str
    stamp: datetime


def build_invitation(invite: Invitation) -> bytes:
    for moment in (invite.starts_at, invite.ends_at, invite.stamp):
        if moment.tzinfo is None:
            raise ValueError("invitation times must be aware datetimes")
    if invite.method == "CANCEL" and invite.status != "CANCELLED":
        raise ValueError("a cancellation carries STATUS:CANCELLED")
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", invite.method)
    event = Event()
    event.add("uid", invite.uid)
    event.add("sequence", invite.sequence)
    event.add("dtstamp", _utc(invite.stamp))
    event.add("dtstart", _utc(invite.starts_at))
    event.add("dtend", _utc(invite.ends_at))
    event.add("status", invite.status)
    event.add("summary", invite.summary)
    event.add("description", invite.description)
    if invite.location:
        event.add("location", invite.location)
    organizer = vCalAddress(f"mailto:{invite.organizer_email}")
    organizer.params["CN"] = vText(invite.organizer_name)
    event.add("organizer", organizer)
    if invite.attendee_email:
        attendee = vCalAddress(f"mailto:{invite.attendee_email}")
        attendee.params["CN"] = vText(invite.attendee_name)
        attendee.params["ROLE"] = vText("REQ-PARTICIPANT")
        attendee.params["PARTSTAT"] = vText("ACCEPTED")
        attendee.params["RSVP"] = vText("FALSE")
        event.add("attendee", attendee)
    event.add("transp", "OPAQUE")
    cal.add_component(event)
    return bytes(cal.to_ical())


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)
