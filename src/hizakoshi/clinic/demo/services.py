"""The demo clinic: DEMO01 with a doctor, a physiotherapist and reception (each with a TOTP
device), about 200 linked patients with varied made-up histories, and the journey's demo person
linked too, so that the clinic's pages show real work the moment `hizakoshi run` starts.

`demo_clinic_load()` keeps the clinic and its staff (their printed logins and secrets stay
valid between runs) and makes the patients afresh, so their histories always end today and a
second run leaves the same counts. Fast enough for every start: the patients' rows are written
with one bulk insert per table, and their accounts get unusable passwords (no hashing; nobody
logs in as them). The journey records are what the clinic's status refresh reads (diary,
sessions, check-ins, escalations); the escalation review runs here for the patients whose
story should have raised one, as the daily job would have.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi.accounts.models import User
from hizakoshi.care import assess
from hizakoshi.care.journey import Dose
from hizakoshi.care.model import Assessment as CareAssessment
from hizakoshi.care.questions import parse_answers
from hizakoshi.clinic.dashboard.services import statuses_refresh
from hizakoshi.clinic.demo import records
from hizakoshi.clinic.demo.fast import insert_rows
from hizakoshi.clinic.demo.people import (
    DEMO_BOOKING_EMAIL,
    DEMO_CODE,
    DEMO_NAME,
    DEMO_STAFF,
    PATIENT_EMAILS,
    PATIENTS,
    DemoStaff,
    patient_name,
)
from hizakoshi.clinic.demo.stories import Story, stories
from hizakoshi.clinic.links.consent import CONSENT_VERSION as LINK_CONSENT
from hizakoshi.clinic.links.consent import SHARED_KINDS
from hizakoshi.clinic.models import CareLink, Clinic, Membership
from hizakoshi.journey.demo.services import DEMO_EMAIL
from hizakoshi.journey.escalations.services import escalations_review
from hizakoshi.journey.join.consent import CONSENT_VERSION as JOURNEY_CONSENT
from hizakoshi.journey.models import (
    Assessment,
    AssessmentSource,
    ConsentPurpose,
    DiaryEntry,
    Escalation,
    ExerciseSession,
    JourneyConsent,
    OutcomeResponse,
    PlanItem,
    PlanOrigin,
    Profile,
    PsfsActivity,
    SessionItem,
    WalkingTarget,
    WalkingUnit,
)
from hizakoshi.selfcheck.demo import BACK_ORIGIN, KNEE_ORIGIN

SEED = 20261202


@dataclass(frozen=True)
class DemoClinicResult:
    clinic: Clinic
    staff: tuple[DemoStaff, ...]
    kinds: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def demo_clinic_get() -> Clinic | None:
    return Clinic.objects.filter(code=DEMO_CODE).first()


def _staff_ensure(clinic: Clinic, member: DemoStaff, now: datetime) -> None:
    """The staff account, its live membership and its TOTP device: made once, then kept (the
    password is set only when the account is made: hashing it costs a tenth of a second)."""
    user = User.objects.filter(email=member.email).first()
    if user is None:
        user = User.objects.create_user(member.email, member.password())
    if not Membership.objects.filter(user=user, clinic=clinic, ended_at__isnull=True).exists():
        Membership.objects.filter(user=user, ended_at__isnull=True).update(ended_at=now)
        Membership.objects.create(
            user=user,
            clinic=clinic,
            role=member.role,
            display_name=member.display_name,
            started_at=now,
        )
    key = member.totp_key().hex()
    device = TOTPDevice.objects.filter(user=user, name="demo").first()
    if device is None:
        TOTPDevice.objects.create(user=user, name="demo", key=key, confirmed=True)
    elif device.key != key or not device.confirmed:
        device.key, device.confirmed = key, True
        device.save(update_fields=["key", "confirmed"])


_ASSESSED: dict[tuple[str, int, int], tuple[dict[str, object], CareAssessment]] = {}


def _assessed(story: Story) -> tuple[dict[str, object], CareAssessment]:
    """The self-check the story starts from (the knee-first or the back-first example, with the
    story's pains), assessed by the core; the same answers give the same result, so it is kept."""
    kind = "back" if story.region == "back" else "knee"
    key = (kind, story.knee0, story.back0)
    if key not in _ASSESSED:
        raw = (BACK_ORIGIN if kind == "back" else KNEE_ORIGIN) | {
            "knee_pain": str(story.knee0),
            "back_pain": str(story.back0),
        }
        answers = parse_answers(raw)
        _ASSESSED[key] = (answers.model_dump(mode="json"), assess(answers))
    return _ASSESSED[key]


def _accounts(found: list[Story]) -> list[User]:
    users = [
        User(
            email=PATIENT_EMAILS[s.n - 1],
            password=make_password(None),  # unusable: nobody logs in as a demo patient
            language="ja",
            created_at=_at(s.start, 9),
        )
        for s in found
    ]
    users = User.objects.bulk_create(users)
    Profile.objects.bulk_create([Profile(person=u) for u in users])
    JourneyConsent.objects.bulk_create(
        [
            JourneyConsent(
                person=u,
                purpose=ConsentPurpose.HEALTH_DATA,
                text_version=JOURNEY_CONSENT,
                language="ja",
                agreed_at=u.created_at,
            )
            for u in users
        ]
    )
    return users


def _plans(found: list[Story], users: list[User]) -> list[records.Plan]:
    """Each patient's first self-check and the plan it made, as journey/plan/services.py keeps
    them (one row per exercise at its starting amount, and the walking target)."""
    assessments, plans = [], []
    for s, u in zip(found, users, strict=True):
        answers, result = _assessed(s)
        assessments.append(
            Assessment(
                person=u,
                answers=answers,
                assessment=result.model_dump(mode="json"),
                engine_version=result.engine_version,
                content_hash=result.content_hash,
                lang="ja",
                source=AssessmentSource.SELFCHECK,
                created_at=_at(s.start, 10),
            )
        )
    assessments = Assessment.objects.bulk_create(assessments)
    items, walking = [], []
    for s, u, stored in zip(found, users, assessments, strict=True):
        plan = _assessed(s)[1].plan
        assert plan is not None  # the two examples have no warning sign: they always have one
        doses = [(e.id, Dose.from_dosage(e.dosage)) for e in plan.exercises]
        for position, (exercise_id, dose) in enumerate(doses):
            items.append(
                PlanItem(
                    person=u,
                    assessment=stored,
                    exercise_id=exercise_id,
                    position=position,
                    start_dose=dose.model_dump(mode="json"),
                    started_on=s.start,
                    origin=PlanOrigin.SELFCHECK,  # a self-check's plan, as the real start
                    changed_at=stored.created_at,
                    **dose.model_dump(),
                )
            )
        walking.append(
            WalkingTarget(
                person=u,
                unit=WalkingUnit.MINUTES,
                per_day=plan.walking.minutes_per_day,
                days_per_week=plan.walking.days_per_week,
                started_on=s.start,
                reason=plan.walking.text.model_dump(),
                origin=PlanOrigin.SELFCHECK,
                changed_at=stored.created_at,
            )
        )
        plans.append(
            [(i, d.model_dump(include={"reps", "sets", "hold_seconds"})) for i, d in doses]
        )
    PlanItem.objects.bulk_create(items)
    WalkingTarget.objects.bulk_create(walking)
    return plans


def _link(clinic: Clinic, person: User, n: int, linked: datetime) -> CareLink:
    name, kana = patient_name(n)
    return CareLink(
        person=person,
        clinic=clinic,
        name=name,
        name_kana=kana,
        birth_date=date(1940 + n % 40, 1 + n % 12, 1 + n % 28),
        shared=list(SHARED_KINDS),
        consent_version=LINK_CONSENT,
        language="ja",
        linked_at=linked,
    )


def _journeys(
    found: list[Story], users: list[User], plans: list[records.Plan], today: date
) -> None:
    rng = random.Random(SEED + 1)
    outcomes: list[OutcomeResponse] = []
    activities: list[PsfsActivity] = []
    diary: list[DiaryEntry] = []
    sessions: list[ExerciseSession] = []
    planned: list[list[SessionItem]] = []
    for s, u, plan in zip(found, users, plans, strict=True):
        asked = records.checkins(s, u.pk, today, rng)
        lived = records.days(s, u.pk, plan, today, rng)
        outcomes += asked.outcomes
        activities += asked.activities
        diary += lived.diary
        sessions += lived.sessions
        planned += lived.session_items
    PsfsActivity.objects.bulk_create(activities)
    insert_rows(OutcomeResponse, outcomes)
    insert_rows(DiaryEntry, diary)
    # Sessions with items need their keys back (bulk_create); the older ones, most of them, not.
    insert_rows(ExerciseSession, [s for s, its in zip(sessions, planned, strict=True) if not its])
    with_items = [(s, its) for s, its in zip(sessions, planned, strict=True) if its]
    saved = ExerciseSession.objects.bulk_create([s for s, _ in with_items], batch_size=1000)
    items = []
    for session, (_, its) in zip(saved, with_items, strict=True):
        for item in its:
            item.session = session
            items.append(item)
    SessionItem.objects.bulk_create(items, batch_size=1000)
    # auto_now_add took the moment of loading; the sessions were written back then.
    ExerciseSession.objects.filter(person__in=users).update(created_at=F("started_at"))


@transaction.atomic
def demo_clinic_load(*, today: date | None = None, count: int = PATIENTS) -> DemoClinicResult:
    """Make (or refresh) the demo clinic, its staff and its `count` patients (at most
    PATIENTS), histories ending `today`."""
    today = today or timezone.localdate()
    now = timezone.now()
    clinic, _ = Clinic.objects.get_or_create(
        code=DEMO_CODE,
        defaults={"name": DEMO_NAME, "phone": "03-0000-0000", "created_at": now},
    )
    if not clinic.booking_email:  # a demo clinic made before notices existed
        clinic.booking_email = DEMO_BOOKING_EMAIL
        clinic.save(update_fields=["booking_email"])
    for member in DEMO_STAFF:
        _staff_ensure(clinic, member, now)
    User.objects.filter(email__in=PATIENT_EMAILS).delete()
    found = stories(today=today, count=min(count, PATIENTS), seed=SEED)
    users = _accounts(found)
    plans = _plans(found, users)
    CareLink.objects.bulk_create(
        [_link(clinic, u, s.n, _at(s.linked, 11)) for s, u in zip(found, users, strict=True)]
    )
    _journeys(found, users, plans, today)
    demo = User.objects.filter(email=DEMO_EMAIL).first()
    if (
        demo is not None
        and not CareLink.objects.filter(person=demo, clinic=clinic, ended_at__isnull=True).exists()
    ):
        start = timezone.localdate(demo.created_at)
        clinic_link = _link(clinic, demo, 0, _at(start, 11))
        clinic_link.name, clinic_link.name_kana = "デモ 花子", "デモ ハナコ"
        clinic_link.save()
    # What the daily job would have raised by now for the stories that call for a message.
    for s, u in zip(found, users, strict=True):
        if s.kind in ("worsening", "red_flag"):
            escalations_review(person=u, today=today)
    # The dashboard's status rows, computed from these journey records by the status refresh
    # (clinic/dashboard/services.py), as each write and the daily job keep them.
    linked = [u.pk for u in users] + ([demo.pk] if demo is not None else [])
    statuses_refresh(person_ids=linked, now=now)
    return DemoClinicResult(
        clinic=clinic,
        staff=DEMO_STAFF,
        kinds=dict(Counter(s.kind for s in found)),
        counts=_counts(clinic),
    )


def _counts(clinic: Clinic) -> dict[str, int]:
    people = CareLink.objects.filter(clinic=clinic, ended_at__isnull=True).values("person_id")
    return {
        "linked": people.count(),
        "diary": DiaryEntry.objects.filter(person_id__in=people).count(),
        "sessions": ExerciseSession.objects.filter(person_id__in=people).count(),
        "check-ins": OutcomeResponse.objects.filter(person_id__in=people).count(),
        "escalations": Escalation.objects.filter(person_id__in=people).count(),
    }
