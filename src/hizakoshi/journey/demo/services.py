"""A demo person with a year of made-up history, so a newcomer sees the whole journey at once.

`demo_journey_load()` (re)creates demo@example.com: the knee-origin example self-check as the
first assessment a year ago, then day by day a simulated person doing about four short sessions
a week, writing the diary most days, weighing in weekly, answering the questionnaires every four
weeks and doing the home function tests every three months. Pain eases slowly, with one flare
in weeks 7-9 that the escalation rules pick up ("worse for two weeks running"). Every plan
change comes from the real weekly review (journey/review/services.py, the one the daily job
runs) reading the stored records, so the demo shows exactly what the product would have said.

Nothing here is anyone's real data. The random numbers are seeded, so every run on the same day
gives the same history; the history always ends today, so the demo stays current.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from hizakoshi.accounts.models import User
from hizakoshi.care import assess
from hizakoshi.care.questions import parse_answers
from hizakoshi.journey.demo.history import simulate
from hizakoshi.journey.escalations.services import escalations_review
from hizakoshi.journey.join.consent import CONSENT_VERSION
from hizakoshi.journey.join.services import patient_create
from hizakoshi.journey.me.services import profile_update
from hizakoshi.journey.models import AssessmentSource, ExerciseSession
from hizakoshi.journey.plan.services import journey_start_from_assessment
from hizakoshi.selfcheck.demo import KNEE_ORIGIN

DEMO_EMAIL = "demo@example.com"  # example.com is reserved (RFC 2606): never a real person's


DAYS = 365


SESSION_TIME = time(9, 0)


@dataclass(frozen=True)
class DemoResult:
    person: User
    password: str
    counts: dict[str, int] = field(default_factory=dict)


def demo_password() -> str:
    """Stable for one installation (the secret key), so the printed password stays valid
    between runs, yet not guessable on a server whose key is secret."""
    return "demo-" + salted_hmac("hizakoshi.journey.demo-password", DEMO_EMAIL).hexdigest()[:12]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


@transaction.atomic
def demo_journey_load(*, today: date | None = None) -> DemoResult:
    """Delete the demo person if present and create them again with a year ending `today`."""
    today = today or timezone.localdate()
    start = today - timedelta(days=DAYS - 1)
    # Refreshed rather than skipped: the history must end today, whenever the command runs.
    User.objects.filter(email=DEMO_EMAIL).delete()
    password = demo_password()
    person = patient_create(
        email=DEMO_EMAIL,
        password=password,
        language="ja",
        consent_version=CONSENT_VERSION,
        now=_at(start, 9),
    )
    profile_update(
        person=person,
        height_cm=Decimal("154.0"),
        weight_goal_kg=Decimal("58.0"),
        session_time=SESSION_TIME,
        language="ja",
    )
    answers = parse_answers(KNEE_ORIGIN)
    journey_start_from_assessment(
        person=person,
        answers=answers,
        assessment=assess(answers),
        source=AssessmentSource.SELFCHECK,
        lang="ja",
        now=_at(start, 10),
    )
    history = simulate(person=person, start=start, today=today, rng=random.Random(20250303))
    # auto_now took the moment of loading; the demo's sessions were written back then.
    ExerciseSession.objects.filter(person=person).update(created_at=F("finished_at"))
    # The flare: let the escalation rules look at each day of it, as the daily job would have.
    for day in history.flare_days():
        escalations_review(person=person, today=day)
    # The demo person read that message back then; left unread, Today would show a months-old
    # flare as if it were happening now.
    for escalation in person.journey_escalations.all():
        escalation.seen_at = datetime.combine(
            escalation.raised_on + timedelta(days=1), time(9), tzinfo=UTC
        )
        escalation.save(update_fields=["seen_at"])
    return DemoResult(person=person, password=password, counts=_counts(person))


def _counts(person: User) -> dict[str, int]:
    return {
        "sessions": person.journey_sessions.count(),
        "diary": person.journey_diary.count(),
        "outcomes": person.journey_outcomes.count(),
        "function_tests": person.journey_function_tests.count(),
        "plan_changes": person.journey_plan_items.filter(reason__isnull=False).count(),
        "walking_changes": person.journey_walking_targets.count() - 1,
        "escalations": person.journey_escalations.count(),
    }
