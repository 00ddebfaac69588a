"""Writes of joining the journey: a patient's account with its profile and consent, and a
self-check result taken into the account as the start of the journey."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.accounts.services import user_create
from hizakoshi.accounts.signup import signup_request
from hizakoshi.care.model import Lang
from hizakoshi.journey.join.selectors import carried_result
from hizakoshi.journey.models import AssessmentSource, ConsentPurpose, JourneyConsent, Profile
from hizakoshi.journey.plan.services import journey_start_from_assessment
from hizakoshi.selfcheck.services import result_keep

# The session key under which joining leaves its one-time welcome for Today ("kept" or "new").
WELCOME = "welcome"


def patient_records_create(
    *, person: User, consent_version: str, language: Lang, now: datetime | None = None
) -> None:
    """The journey's rows beside a new account: its (empty) profile and the consent to keep
    health data, with the version of the words the person agreed to."""
    Profile.objects.create(person=person)
    JourneyConsent.objects.create(
        person=person,
        purpose=ConsentPurpose.HEALTH_DATA,
        text_version=consent_version,
        language=language,
        agreed_at=now or timezone.now(),
    )


@transaction.atomic
def patient_create(
    *,
    email: str,
    password: str | None,
    language: Lang,
    consent_version: str,
    now: datetime | None = None,
) -> User:
    """An active patient account at once (the demo, tests): the login and the journey's rows."""
    now = now or timezone.now()
    person = user_create(email=email, password=password, language=language, now=now)
    patient_records_create(
        person=person, consent_version=consent_version, language=language, now=now
    )
    return person


def patient_signup_request(
    *, email: str, password: str, language: Lang, consent_version: str
) -> None:
    """A sign-up that, when it makes a new account, makes the journey's rows with it (the
    consent is given now, on the form). Says nothing either way: see accounts/signup.py."""

    def records(person: User) -> None:
        patient_records_create(person=person, consent_version=consent_version, language=language)

    signup_request(email=email, password=password, language=language, on_create=records)


@transaction.atomic
def result_take(
    *, person: User, state: str, token: str, lang: Lang, source: AssessmentSource
) -> bool:
    """Keep a carried self-check result in the person's account and start the journey from it.
    False when nothing valid was carried (then nothing is written)."""
    found = carried_result(state=state, token=token)
    if found is None:
        return False
    answers, assessment = found
    if not state and token:
        result_keep(person=person, token=token)  # the link now goes with the account
    journey_start_from_assessment(
        person=person, answers=answers, assessment=assessment, source=source, lang=lang
    )
    return True
