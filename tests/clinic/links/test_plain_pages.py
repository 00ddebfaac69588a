"""The person's clinic pages speak plainly, as the journey's do (tests/journey/test_plain_words.py):
no file name, no version, no licence terms, no ISO date, no staff code words in English."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from hizakoshi.accounts.models import User
from hizakoshi.clinic.links.consent import CONSENT_VERSION
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic
from journey.test_plain_words import FORBIDDEN, words_of
from people import linked
from urltable import url_names

pytestmark = pytest.mark.django_db

STAFF_WORDS = re.compile(r"\b(doctor|physiotherapist|patient_page|previsit_pdf|read|print)\b")


def test_every_page_of_the_persons_clinics_reads_plainly(
    client: Client, patient: User, clinic: Clinic, other_clinic: Clinic
) -> None:
    link = linked(patient, clinic)
    linked(patient, other_clinic)
    for what, action in (("patient_page", AuditAction.READ), ("previsit_pdf", AuditAction.PRINT)):
        AuditEvent.objects.create(
            at=datetime(2026, 4, 1, tzinfo=UTC),
            clinic=clinic,
            actor_label="山田 (doctor)",
            subject_ref=patient.log_ref,
            action=action,
            what=what,
        )
    client.force_login(patient)
    client.post(reverse("links:end", kwargs={"pk": link.pk}))  # an ended link on the list too
    urls = {
        "links:list": reverse("links:list"),
        "links:join": reverse("links:join", kwargs={"code": "HIZA01"}),
        "links:end": reverse("links:end", kwargs={"pk": link.pk}),
        "links:access_log": reverse("links:access_log"),
        "unknown code": reverse("links:join", kwargs={"code": "NOPE99"}),
    }
    assert {n for n in url_names() if n.startswith("links:")} <= urls.keys()
    for name, url in urls.items():
        words = words_of(client.get(url).content.decode())
        for what, pattern in FORBIDDEN.items():
            assert not pattern.search(words), (name, what)
        assert not STAFF_WORDS.search(words), (name, STAFF_WORDS.search(words))
        assert CONSENT_VERSION not in words, name
