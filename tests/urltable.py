"""The table of every URL of the site (tests/test_access_door.py walks it for every persona):
what kind of page each URL name is and how to fill its parameters with a person's own records.
Other tests take their URLs from here (area_urls, url_for, url_names). The kinds are explained
in test_access_door.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from clinic.booking.factories import at, availability, booked, next_weekday
from hizakoshi.accounts.models import User
from hizakoshi.accounts.services import user_create
from hizakoshi.accounts.signup import signup_tokens
from hizakoshi.clinic.models import Clinic, Role
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.models import ClinicianNote, DiaryEntry, Escalation
from hizakoshi.journey.reminders.services import calendar_feed_create
from hizakoshi.selfcheck.flow import first_step
from people import PATIENT_NAMES, clinic_make, linked
from selfcheck.factories import saved_result


class Kind(Enum):
    RECORDS = "the signed-in person's records"
    OWNED = "one of the person's records, named in the URL"
    OPEN = "open to anyone by design"
    CLINIC = "the clinic area, about no one person"
    STAFF = "one linked patient's records, for the clinic's staff"
    GATE = "the clinic's second-factor pages"
    BOOKING = "one of the clinic's bookings, named in the URL, for the clinic's staff"
    SETTING = "one of the clinic's own settings, named in the URL, for its staff of a role"


Args = Callable[[User], dict[str, object]]


@dataclass(frozen=True)
class Row:
    kind: Kind
    args: Args | None = None
    why: str = ""  # for OPEN pages: why anyone may open them
    # For CLINIC pages of one role only (the audit trail: the admin): that role's staff get the
    # page; staff of any other role a 404, as for a page that is not theirs.
    role: str = ""


def _none(_owner: User) -> dict[str, object]:
    return {}


def _escalation(owner: User) -> dict[str, object]:
    return {"pk": Escalation.objects.filter(person=owner).values_list("pk", flat=True)[0]}


def _clinician_note(owner: User) -> dict[str, object]:
    return {"pk": ClinicianNote.objects.filter(person=owner).values_list("pk", flat=True)[0]}


def _diary_day(owner: User) -> dict[str, object]:
    # Within the week a diary day can be opened; the other patient has no entry that day.
    day = local_today() - timedelta(days=1)
    DiaryEntry.objects.get_or_create(person=owner, day=day, defaults={"back_pain": 4})
    return {"day": day.isoformat()}


def _feed_token(owner: User) -> dict[str, object]:
    return {"token": calendar_feed_create(person=owner)[1]}


def _saved_token(_owner: User) -> dict[str, object]:
    return {"token": str(saved_result().link_token)}


def _uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def _signup_link(_owner: User) -> dict[str, object]:
    waiting = user_create(email="waiting@example.jp", password=None, language="ja", active=False)
    return {"uidb64": _uid(waiting), "token": signup_tokens.make_token(waiting)}


def _reset_link(owner: User) -> dict[str, object]:
    return {"uidb64": _uid(owner), "token": default_token_generator.make_token(owner)}


def _booking_token(_owner: User) -> dict[str, object]:
    clinic = Clinic.objects.filter(code="BOOK01").first() or clinic_make("BOOK01", "予約クリニック")
    resource = availability(clinic)
    return {"token": booked(resource, at(next_weekday(), "09:00")).token}


def _bookable_clinic(_owner: User) -> dict[str, object]:
    clinic = Clinic.objects.filter(code="BOOK01").first() or clinic_make("BOOK01", "予約クリニック")
    availability(clinic)
    return {"clinic_id": clinic.pk}


def _clinic_booking(owner: User) -> dict[str, object]:
    """A booking the person made signed in with the patient's clinic (HIZA01), their self-check
    attached: staff of that clinic reach it (through the door, for a linked person), no one
    else."""
    clinic = Clinic.objects.filter(code="HIZA01").first() or clinic_make("HIZA01", "クリニック")
    name, kana = PATIENT_NAMES.get(owner.email, ("高橋 一郎", "タカハシ イチロウ"))
    made = booked(
        availability(clinic),
        at(next_weekday(), "09:00"),
        person=owner,
        name=name,
        name_kana=kana,
        email=owner.email,
        selfcheck={
            "source": "journey",
            "taken_at": "2026-11-01T09:00:00+09:00",
            "assessment": saved_result().assessment,
        },
    )
    return {"booking_id": made.booking.pk}


def _clinic_hours_entry(owner: User) -> dict[str, object]:
    """One staff member's hours at the patient's clinic (HIZA01): its staff reach them."""
    return {"availability_id": availability(_clinic_of(owner), label="相談室1").pk}


def _linked_patient(owner: User) -> dict[str, object]:
    return {"person_id": owner.pk}


def _clinic_of(owner: User) -> Clinic:
    # The clinic fixture's, made here for the tests that do not ask for it.
    clinic, _made = Clinic.objects.get_or_create(
        code="HIZA01", defaults={"name": "ひざこしクリニック", "created_at": timezone.now()}
    )
    return clinic


def _clinic_code(owner: User) -> dict[str, object]:
    return {"code": _clinic_of(owner).code}


def _care_link(owner: User) -> dict[str, object]:
    return {"pk": linked(owner, _clinic_of(owner)).pk}


def _open(why: str, args: Args = _none) -> Row:
    return Row(Kind.OPEN, args, why)


RECORDS = Row(Kind.RECORDS)
CLINIC = Row(Kind.CLINIC)
STAFF = Row(Kind.STAFF, _linked_patient)
GATE = Row(Kind.GATE)
URLS: dict[str, Row] = {
    # The self-check needs no account; a saved result is reached by its secret link alone.
    "selfcheck:landing": _open("the start page"),
    "selfcheck:check": _open("starts a self-check"),
    "selfcheck:save": _open("saves an anonymous result behind a new secret link"),
    "selfcheck:result": _open("the result of the answers the browser carries"),
    "selfcheck:step": _open("a question screen", lambda _o: {"step_id": first_step().id}),
    "selfcheck:saved": _open("the secret link is the key", _saved_token),
    "selfcheck:delete": _open("the secret link is the key", _saved_token),
    "selfcheck:deleted": _open("the page after deleting a saved result"),
    "accounts:signup": _open("making an account; a signed-in person's keep button uses the door"),
    "accounts:signup_sent": _open("the page after signing up"),
    "accounts:signup_confirm": _open("the e-mailed link carries its own token", _signup_link),
    "accounts:login": _open("logging in"),
    "accounts:logout": _open("logging out"),
    "accounts:password_reset": _open("asking for a reset link"),
    "accounts:password_reset_sent": _open("the page after asking"),
    "accounts:password_reset_confirm": _open("the e-mailed link is the key", _reset_link),
    "accounts:password_reset_complete": _open("the page after a reset"),
    "accounts:deleted": _open("the counts of a deletion, from the new empty session"),
    "after_login": _open("sends on where a login lands: Today, or staff to the second factor"),
    # Calendar apps cannot log in: the secret token is the key (tests/journey/test_calendar_feed.py
    # checks that a wrong, stopped or another person's token never shows anything).
    "calendar:feed": _open("the private calendar feed", _feed_token),
    "set_language": _open("Django's language switch"),
    "manifest": _open("the web app manifest: the app's name and icons"),
    "service_worker": _open("the service worker script; it keeps pages only for who is signed in"),
    "offline": _open("the page shown when there is no connection"),
    "api-v1:api-root": _open("the API's documentation"),
    "api-v1:openapi-json": _open("the API's schema"),
    "api-v1:assessment_create": _open("computes an assessment and stores nothing"),
    "api-v1:answers_schema": _open("the answers' JSON Schema"),
    # Booking a consultation needs no account; a booking is reached by its private link alone
    # (tests/clinic/booking/test_privacy.py checks that nothing else opens it).
    "booking:start": _open("the clinic's free times, no one's bookings"),
    "booking:details": _open("the booking form: a person books for themself"),
    "booking:manage": _open("the private manage link is the key", _booking_token),
    "booking:move": _open("the private manage link is the key", _booking_token),
    "booking:cancel": _open("the private manage link is the key", _booking_token),
    "api-v1:booking_slots": _open("a clinic's free times, no one's bookings", _bookable_clinic),
    "api-v1:booking_create": _open(
        "books a consultation: the same form as the page", _bookable_clinic
    ),
    "journey:profile": RECORDS,
    "journey:export": RECORDS,
    "journey:export_json": RECORDS,
    "journey:export_fhir": RECORDS,
    "journey:delete": RECORDS,
    "journey:calendar": RECORDS,
    "journey:reminders": RECORDS,
    "journey:measures": RECORDS,
    "journey:psfs_activities": RECORDS,
    # The instrument and the test name a kind of page, not a record.
    "journey:measure": Row(Kind.RECORDS, lambda _o: {"instrument": "nrs"}),
    "journey:function_tests": RECORDS,
    "journey:function_test": Row(Kind.RECORDS, lambda _o: {"slug": "two-step"}),
    "journey:progress": RECORDS,
    "journey:escalation": Row(Kind.OWNED, _escalation),
    "journey:escalation_seen": Row(Kind.OWNED, _escalation),
    "journey:clinician_note_seen": Row(Kind.OWNED, _clinician_note),
    "journey:today": RECORDS,
    "journey:session": RECORDS,
    "journey:diary": RECORDS,
    "journey:diary_day": Row(Kind.OWNED, _diary_day),
    "journey:resume": RECORDS,
    "journey:for_doctor": RECORDS,
    "journey:summary": RECORDS,
    "journey:summary_pdf": RECORDS,
    # The clinic's outcomes: aggregates over its links, no one named (tests/clinic/reports/).
    "clinic:outcomes": CLINIC,
    "clinic:outcomes_csv": CLINIC,
    # The clinic staff's second factor (clinic/staff/): the code after the password, setting up
    # the app; new recovery codes once it is passed.
    "clinic:verify": GATE,
    "clinic:setup": GATE,
    "clinic:recovery_codes": CLINIC,
    # The person's links with clinics: the code in the URL names a clinic, never a person.
    "links:list": RECORDS,
    "links:join": Row(Kind.RECORDS, _clinic_code),
    "links:end": Row(Kind.OWNED, _care_link),
    "links:access_log": RECORDS,
    # The clinic's audit trail: its admin only.
    "clinic:audit": Row(Kind.CLINIC, role=Role.ADMIN),
    "clinic:audit_csv": Row(Kind.CLINIC, role=Role.ADMIN),
    # One linked patient for the clinic's staff: the page, the pre-visit PDF, the FHIR Bundle.
    "clinic:patient": STAFF,
    "clinic:patient_pdf": STAFF,
    "clinic:patient_fhir": STAFF,
    # The clinic's plan page: GET reads (READ), each POST action changes the plan (WRITE).
    "clinic:plan": STAFF,
    # Who needs attention (clinic/dashboard/): the list, and acknowledging a patient's flags.
    "clinic:dashboard": CLINIC,
    "clinic:acknowledge": STAFF,
    # The clinic's bookings: the calendar (reception and clinicians), one booking, moving it.
    "clinic:bookings": CLINIC,
    "clinic:booking": Row(Kind.BOOKING, _clinic_booking),
    "clinic:booking_move": Row(Kind.BOOKING, _clinic_booking),
    # The clinic's consultation hours: its admin and reception (the walk takes reception; the
    # admin's access is tested in tests/clinic/hours/). No one person's records on any of them.
    "clinic:hours": Row(Kind.CLINIC, role=Role.RECEPTION),
    "clinic:hours_new": Row(Kind.CLINIC, role=Role.RECEPTION),
    "clinic:hours_days": Row(Kind.CLINIC, role=Role.RECEPTION),
    "clinic:hours_edit": Row(Kind.SETTING, _clinic_hours_entry, role=Role.RECEPTION),
}


def _walk(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace or "") if n)
            yield from _walk(entry, inner)
        else:
            yield ":".join(n for n in (namespace, entry.name or "") if n), entry


def url_names() -> list[str]:
    return [name for name, _pattern in _walk(get_resolver())]


def area_urls(
    areas: tuple[str, ...] = ("accounts", "journey", "calendar"),
) -> list[tuple[str, URLPattern]]:
    """The URLs of the signed-in areas (namespace first), for tests that visit every page."""
    return [(n, p) for n, p in _walk(get_resolver()) if n.split(":")[0] in areas]


def url_for(name: str, owner: User) -> str:
    """The URL of `name` with its arguments filled in for `owner`'s records (the table's row)."""
    row = URLS[name]
    return reverse(name, kwargs=(row.args or _none)(owner))
