"""Signals between the apps, so that a part that must hear of a change need not be imported by
the part that makes it (the journey never imports the clinic).

- `records_changed`: a person's journey records changed (a diary day saved, a session done,
  check-in answers, a function test, a self-check kept, a message raised or seen, a doctor's
  visit recorded). Sent by the journey's write services inside their transaction, with
  `person` (the User) and `now` (the aware time of the change), so that what listens (the
  clinic's dashboard status, clinic/dashboard/services.py) is written with the records or not
  at all. Send it with `records_changed_send`.
- `journeys_reviewed`: the daily review (`hizakoshi review_journeys`) has reviewed everyone as
  on `today` (a date). A receiver refreshes what depends on the day itself and returns how many
  units of its work failed (an int), which the review counts as failures.
"""

from __future__ import annotations

from datetime import datetime

from django.dispatch import Signal
from django.utils import timezone

from hizakoshi.accounts.models import User

records_changed = Signal()
journeys_reviewed = Signal()


def records_changed_send(*, person: User, now: datetime | None = None) -> None:
    records_changed.send(sender=User, person=person, now=now or timezone.now())
