"""The one door to a person's records.

Every view that reads or writes a person's health records asks `person_for` who that person is.
Today the only actor who passes is the person themself; the clinic adds its staff here (a care
link to the person's clinic, consent to share) together with the audit record of each access, so
that no view has to know the rules. A refusal is a 404, never a 403: a page must not reveal that
a record exists to someone who may not see it.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from hizakoshi.accounts.models import User


class Need(StrEnum):
    """What the actor is about to do with the records (the audit will say it)."""

    READ = "read"
    WRITE = "write"


def person_for(
    *,
    actor: User | AnonymousUser,
    person_id: int | None = None,
    need: Need = Need.READ,
) -> User:
    """The person whose records `actor` may reach for `need`; `person_id` None means the actor's
    own records. Raises Http404 for anyone else."""
    if not isinstance(actor, User) or not actor.is_authenticated or not actor.is_active:
        raise Http404
    if person_id is None or person_id == actor.pk:
        return actor
    raise Http404
