"""What each staff role may do with a linked person's records (the access door asks this).

Least privilege: the clinicians who treat the person read and change their plan; reception books
consultations and sees no health record; the clinic admin manages staff and reads the audit
trail, not the records themselves.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from hizakoshi.clinic.models import Role
from hizakoshi.site.access import Need

_CLINICIAN = frozenset({Need.READ, Need.WRITE, Need.EXPORT, Need.PRINT})

RECORD_NEEDS: dict[str, frozenset[Need]] = {
    Role.DOCTOR: _CLINICIAN,
    Role.PHYSIO: _CLINICIAN,
    Role.RECEPTION: frozenset(),
    Role.ADMIN: frozenset(),
}


def may(role: str, need: Need) -> bool:
    return need in RECORD_NEEDS.get(role, frozenset())


def sees_records(role: str) -> bool:
    """Whether the role's pages show health records at all (the dashboard, patient pages)."""
    return bool(RECORD_NEEDS.get(role))


def reads_audit(role: str) -> bool:
    return role == Role.ADMIN


# The outcomes report: aggregates only, no one named. The clinicians judge their care by it and
# the clinic admin runs the clinic; reception has no part in either.
_REPORT_ROLES = frozenset({Role.DOCTOR, Role.PHYSIO, Role.ADMIN})


def reads_reports(role: str) -> bool:
    return role in _REPORT_ROLES


# What a role is called to people, in the page's language (the model's labels stay English: the
# audit trail stores them as written, and presenters translate them when shown).
ROLE_WORDS: dict[str, Promise] = {
    Role.DOCTOR: pgettext_lazy("staff role", "doctor"),
    Role.PHYSIO: pgettext_lazy("staff role", "physiotherapist"),
    Role.RECEPTION: pgettext_lazy("staff role", "reception"),
    Role.ADMIN: pgettext_lazy("staff role", "clinic admin"),
}


def role_word(role: str) -> str:
    return str(ROLE_WORDS.get(role, role))


# Who handles consultation bookings (the calendar; confirming, moving, cancelling, marking the
# outcome): the clinicians and reception. The self-check a person attached to a booking is a
# health record: only the roles that see records are shown it (sees_records).
BOOKING_ROLES = frozenset({Role.DOCTOR, Role.PHYSIO, Role.RECEPTION})


def handles_bookings(role: str) -> bool:
    return role in BOOKING_ROLES


# Who sets when the clinic takes consultation bookings (the hours page, /clinic/hours/): the
# clinic admin, who runs the clinic, and reception, who keeps its diary and phones the people a
# change leaves outside the hours. Doctors and physiotherapists get a 404 there, as for any page
# that is not theirs: they see their bookings in the calendar, and a read-only copy of the page
# would be a second view of the same rows to keep right for no task of theirs.
HOURS_ROLES = frozenset({Role.ADMIN, Role.RECEPTION})


def manages_hours(role: str) -> bool:
    return role in HOURS_ROLES
