"""Once linked, the person's journey speaks of their clinic: the 'see a specialist' messages
name it (else the deployment's own clinic, else the settings), and questionnaires use its
licensed wording when it has some (else the site's file). Another person is not affected."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import Clinic
from hizakoshi.journey.checkins.selectors import outcomes_due
from hizakoshi.journey.checkins.wording import clinic_item_texts
from hizakoshi.journey.me.selectors import clinic_contact
from hizakoshi.journey.models import Escalation
from people import clinic_make, linked

pytestmark = pytest.mark.django_db


def wording_of(instrument: str, items: list[str], label: str) -> dict[str, object]:
    # Placeholders, not the instrument's real wording: the real text is the clinic's to supply.
    return {instrument: {item: {"ja": f"{label}{item}", "en": f"{label} {item}"} for item in items}}


ODI_ITEMS = [str(n) for n in range(1, 11)]
KOOS_PS_ITEMS = ["A10", "A9", "A3", "A5", "SP4", "SP5", "SP1"]


def test_the_contact_is_the_clinic_of_the_most_recent_live_link(
    patient: User, clinic: Clinic, other_clinic: Clinic
) -> None:
    linked(patient, other_clinic)
    linked(patient, clinic)
    assert clinic_contact(person=patient) == {
        "name": "ひざこしクリニック",
        "phone": "03-0000-0000",
        "url": "",
    }


def test_after_the_link_ends_the_deployments_clinic_then_the_settings_are_named(
    client: Client, patient: User, clinic: Clinic, settings: Settings
) -> None:
    settings.HIZAKOSHI_CLINIC_NAME = "設定の整形外科"
    settings.HIZAKOSHI_CLINIC_PHONE = "03-1111-1111"
    settings.HIZAKOSHI_CLINIC_URL = ""
    settings.HIZAKOSHI_CLINIC_CODE = "SEED01"
    link = linked(patient, clinic)
    client.force_login(patient)
    client.post(f"/me/clinics/{link.pk}/end/")
    assert clinic_contact(person=patient)["name"] == "設定の整形外科"  # no row: the settings
    Clinic.objects.create(
        code="SEED01", name="本院(編集後)", phone="03-2222-2222", created_at=timezone.now()
    )
    assert clinic_contact(person=patient) == {
        "name": "本院(編集後)",
        "phone": "03-2222-2222",
        "url": "",
    }


def test_a_specialist_message_names_the_persons_clinic_and_not_anothers(
    client: Client, patient: User, other_patient: User, clinic: Clinic
) -> None:
    linked(patient, clinic)
    rows = [
        Escalation.objects.create(
            person=who,
            kind="six_months_no_better",
            urgency="soon",
            message={"headline": {"ja": "専門医に相談を", "en": "See a specialist"}},
            raised_on=date(2026, 4, 1),
        )
        for who in (patient, other_patient)
    ]
    client.force_login(patient)
    mine = client.get(f"/me/escalations/{rows[0].pk}/").content.decode()
    assert "ひざこしクリニック" in mine and 'href="tel:03-0000-0000"' in mine
    client.force_login(other_patient)
    theirs = client.get(f"/me/escalations/{rows[1].pk}/").content.decode()
    assert "ひざこしクリニック" not in theirs and "整形外科" in theirs


def test_the_linked_clinics_wording_is_used_for_that_person_and_the_file_for_others(
    patient: User, other_patient: User, clinic: Clinic, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "texts.json"
    path.write_text(json.dumps(wording_of("odi", ODI_ITEMS, "ファイル")), encoding="utf-8")
    settings.HIZAKOSHI_INSTRUMENT_TEXT_FILE = str(path)
    clinic.item_texts = wording_of("koos-ps", KOOS_PS_ITEMS, "院内")
    clinic.save()
    linked(patient, clinic)
    mine, theirs = clinic_item_texts(patient), clinic_item_texts(other_patient)
    assert set(mine.texts) == {"koos-ps"} and mine.texts["koos-ps"]["A10"].ja == "院内A10"
    assert set(theirs.texts) == {"odi"}
    today = date(2026, 4, 1)
    assert "koos-ps" in {d.instrument for d in outcomes_due(person=patient, today=today, lang="ja")}
    offered_to_other = {
        d.instrument for d in outcomes_due(person=other_patient, today=today, lang="ja")
    }
    assert "koos-ps" not in offered_to_other and "odi" in offered_to_other


def test_the_questionnaire_page_shows_the_clinics_wording(
    client: Client, patient: User, clinic: Clinic
) -> None:
    clinic.item_texts = wording_of("odi", ODI_ITEMS, "院内の設問")
    clinic.save()
    linked(patient, clinic)
    client.force_login(patient)
    page = client.get("/me/measures/odi/").content.decode()
    assert "院内の設問1" in page and "院内の設問10" in page


@pytest.mark.parametrize(
    "broken",
    [
        {"koos": {"99": {"ja": "ない設問"}}},  # an item the instrument lacks
        {"sf-36": {"1": {"ja": "知らない質問票"}}},
        {"odi": {"1": {"ja": ""}}},
        ["not", "a", "mapping"],
    ],
)
def test_a_broken_clinic_wording_is_logged_and_the_file_is_used_instead(
    patient: User,
    clinic_with_wording: Clinic,
    settings: Settings,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    broken: object,
) -> None:
    path = tmp_path / "texts.json"
    path.write_text(json.dumps(wording_of("odi", ODI_ITEMS, "ファイル")), encoding="utf-8")
    settings.HIZAKOSHI_INSTRUMENT_TEXT_FILE = str(path)
    clinic_with_wording.item_texts = broken
    clinic_with_wording.save()
    linked(patient, clinic_with_wording)
    with caplog.at_level(logging.ERROR, logger="hizakoshi.journey.checkins.wording"):
        found = clinic_item_texts(patient)
    assert found.texts["odi"]["1"].ja == "ファイル1" and found.problem == ""
    assert any("Clinic.item_texts" in r.getMessage() for r in caplog.records)


@pytest.fixture
def clinic_with_wording(db: None) -> Clinic:
    # A clinic of its own per case: the validated wording is cached by the row's content.
    return clinic_make("WORD01", "ことばクリニック")
