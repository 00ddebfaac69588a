"""The one door to a person's records.

Every view that reads or writes a person's health records asks `person_for` who that person is,
once per request, saying what it is about to do (`need`: READ for GET, WRITE for POST, see
`need_of`). Records reached by a key in the URL are then narrowed by the person it returned
(`get_object_or_404(Model, pk=pk, person=person)`), so a key of someone else's record is a 404.
A refusal is a 404, never a 403: a page must not reveal that a record exists to someone who may
not see it. tests/test_access_door.py walks every URL and checks that each page about a person
comes through here.

Today the only actor who passes is the person themself. How the clinic's staff will slot in,
without any view changing:
1. the staff page names the person (`person_id`); `person_for` looks for an active care link
   between the actor's clinic and that person, with the person's consent to share, and refuses
   (Http404) without one;
2. a granted access writes one audit row (actor, person, `need`, when) before it returns, so
   every reach into a record by someone other than the person is on record with its purpose;
3. WRITE may be refused where READ is allowed (a clinic may read a diary, never change it).
The person reaching their own records is not audited: the data log already records what leaves
the site (exports) and deletions.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest

from hizakoshi.accounts.models import User


class Need(StrEnum):
    """What the actor is about to do with the records (the audit will say it)."""

    READ = "read"
    WRITE = "write"


# GET and HEAD never write (a project rule), so only they are reads.
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def need_of(request: HttpRequest) -> Need:
    """WRITE for a request that may change records (a POST), READ for GET and HEAD."""
    return Need.READ if request.method in _READ_METHODS else Need.WRITE


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
