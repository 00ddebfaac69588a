"""The one door to a person's records.

Every view that reads or writes a person's health records asks `person_for` who that person is,
once per request, saying what it is about to do (`need`: READ for GET, WRITE for POST, see
`need_of`; EXPORT and PRINT for a file that leaves the site). Records reached by a key in the URL
are then narrowed by the person it returned
(`get_object_or_404(Model, pk=pk, person=person)`), so a key of someone else's record is a 404.
A refusal is a 404, never a 403: a page must not reveal that a record exists to someone who may
not see it. tests/test_access_door.py walks every URL and checks that each page about a person
comes through here.

Two kinds of actor pass:
1. the person themself (`person_id` None or their own id). Not audited: the data log already
   records what leaves the site (exports) and deletions;
2. clinic staff, for a person who named them: the actor has passed a second factor in this
   session (django-otp), has a live membership of a clinic whose role allows `need`
   (clinic/roles.py), and the person has a live care link with that clinic (their recorded
   consent to share). Each granted access adds one audit event (who, clinic, whose records,
   what, when, from where) before it returns; a staff view that writes calls the door and the
   write service inside one `transaction.atomic()` block, so the write and its audit row are
   committed together or not at all.
Everything else is a 404.
"""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest
from django.utils import timezone

from hizakoshi.accounts.models import User


class Need(StrEnum):
    """What the actor is about to do with the records (the audit will say it)."""

    READ = "read"
    WRITE = "write"
    EXPORT = "export"  # a file for another system (FHIR)
    PRINT = "print"  # a document to print (the pre-visit PDF)


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
    what: str = "records",
    ip: str | None = None,
) -> User:
    """The person whose records `actor` may reach for `need`; `person_id` None means the actor's
    own records. Staff access is audited as `what` (the page or record kind) from `ip`.
    Raises Http404 for anyone else."""
    if not isinstance(actor, User) or not actor.is_authenticated or not actor.is_active:
        raise Http404
    if person_id is None or person_id == actor.pk:
        return actor
    return _staff_reach(actor, person_id, need, what, ip)


def _staff_reach(actor: User, person_id: int, need: Need, what: str, ip: str | None) -> User:
    # Imported here: the clinic's models import this module's Need (clinic/roles.py).
    from hizakoshi.clinic.models import AuditAction, AuditEvent, CareLink, Membership
    from hizakoshi.clinic.roles import may

    verified = getattr(actor, "is_verified", None)
    if verified is None or not verified():
        raise Http404
    membership = (
        Membership.objects.select_related("clinic")
        .filter(user=actor, ended_at__isnull=True)
        .first()
    )
    if membership is None or not may(membership.role, need):
        raise Http404
    link = (
        CareLink.objects.select_related("person")
        .filter(
            person_id=person_id,
            clinic=membership.clinic,
            ended_at__isnull=True,
            person__is_active=True,
        )
        .first()
    )
    if link is None:
        raise Http404
    AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor,
        actor_label=f"{membership.display_name} ({membership.get_role_display()})",
        clinic=membership.clinic,
        subject_ref=link.person.log_ref,
        action=AuditAction(need.value),
        what=what[:64],
        ip=ip or None,
    )
    return link.person
