"""A linked patient with a year of records (the demo history), made once for the module: the
clinic, its doctor and a reception member, the care link, and two of the clinic's notes about
flags. Requests are made inside each test, so the audit rows they write are rolled back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import Acknowledgement, AttentionKind, CareLink, Clinic, Role
from hizakoshi.clinic.patients.fhir import patient_bundle
from hizakoshi.clinic.patients.selectors import patient_report
from hizakoshi.journey.demo.services import demo_journey_load
from people import clinic_make, linked, staff


@dataclass(frozen=True)
class Year:
    person: User
    clinic: Clinic
    link: CareLink
    doctor: User
    reception: User


@pytest.fixture(scope="module")
def year(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[Year]:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        person = demo_journey_load().person
        clinic = clinic_make("YEAR01", "一年クリニック")
        link = linked(person, clinic)
        doctor = staff("doctor@year.example.jp", clinic, display_name="山田")
        reception = staff("desk@year.example.jp", clinic, role=Role.RECEPTION, display_name="受付")
        now = timezone.now()
        for kind, note, ago in (
            (AttentionKind.ESCALATION, "電話で受診を案内し、予約を取った。", 30),
            (AttentionKind.RED_FLAG, "診察した。経過観察。", 10),
            (AttentionKind.INACTIVE, "メールで様子を聞いた。", 5),  # not about a flag: left out
        ):
            Acknowledgement.objects.create(
                link=link,
                kind=kind,
                note=note,
                by_label="山田 (doctor)",
                at=now - timedelta(days=ago),
            )
        yield Year(person, clinic, link, doctor, reception)
        link.delete()
        for user in (person, doctor, reception):
            user.delete()
        clinic.delete()


def export(link: CareLink, today: date | None = None) -> dict[str, Any]:
    """The clinic's Bundle as the export view makes it: with the patient report of the day."""
    report = patient_report(link=link, today=today or timezone.localdate(), lang="ja")
    return patient_bundle(link=link, report=report)
