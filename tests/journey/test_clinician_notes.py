"""What the person sees of a clinician's change: the clinic's message on Today (in Japanese, with
who and when, escaped, dismissible only by them), the new amount on Today and in the guided
session, and both in their JSON and FHIR exports."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle

from hizakoshi.accounts.models import User
from hizakoshi.care.journey import Dose
from hizakoshi.clinic.models import Clinic, Membership
from hizakoshi.clinic.plan.services import plan_dose_set, plan_note_send
from hizakoshi.journey.me.fhir_plan import ORIGIN_SYSTEM
from hizakoshi.journey.me.selectors import local_today
from hizakoshi.journey.models import ClinicianNote
from hizakoshi.journey.session.selectors import dose_of, session_for_day
from journey.factories import with_plan
from people import linked

pytestmark = pytest.mark.django_db

TODAY = "/me/today/"


@pytest.fixture
def patient(patient: User, clinic: Clinic) -> User:
    linked(with_plan(patient), clinic)
    return patient


@pytest.fixture
def doctor(clinic_staff: User) -> Membership:
    return Membership.objects.get(user=clinic_staff)


def today(client: Client, person: User) -> str:
    client.force_login(person)
    response = client.get(TODAY)
    assert response.status_code == 200
    return response.content.decode()


def test_the_clinics_message_is_on_today_with_who_and_from_which_clinic(
    client: Client, patient: User, doctor: Membership
) -> None:
    plan_note_send(person=patient, membership=doctor, note="来週から少し増やしましょう。")
    page = today(client, patient)
    assert "クリニックからのメッセージ" in page
    assert "来週から少し増やしましょう。" in page
    assert "山田(医師)" in page and "ひざこしクリニック" in page
    assert "年" in page.split("山田(医師)")[1][:80]  # the date it was written


def test_the_person_dismisses_the_message_and_it_leaves_today(
    client: Client, patient: User, doctor: Membership
) -> None:
    note = plan_note_send(person=patient, membership=doctor, note="体操は1日おきで大丈夫です。")
    today(client, patient)
    response = client.post(reverse("journey:clinician_note_seen", kwargs={"pk": note.pk}))
    assert response.status_code == 302 and response["Location"] == TODAY
    assert ClinicianNote.objects.get().seen_at is not None
    assert "体操は1日おきで大丈夫です。" not in today(client, patient)


def test_another_person_cannot_dismiss_the_message(
    client: Client, patient: User, other_patient: User, doctor: Membership
) -> None:
    note = plan_note_send(person=patient, membership=doctor, note="お大事に")
    client.force_login(other_patient)
    url = reverse("journey:clinician_note_seen", kwargs={"pk": note.pk})
    assert client.post(url).status_code == 404
    assert ClinicianNote.objects.get().seen_at is None
    assert "お大事に" not in today(client, other_patient)


def test_a_message_with_markup_is_shown_as_text(
    client: Client, patient: User, doctor: Membership
) -> None:
    plan_note_send(person=patient, membership=doctor, note='<img src=x onerror="alert(1)">\n次回')
    page = today(client, patient)
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;<br>次回" in page


def test_the_clinicians_new_amount_is_on_today_and_in_the_guided_session(
    client: Client, patient: User, doctor: Membership
) -> None:
    # The session takes what fits in its time, from a starting point that moves each day: the
    # exercise that starts today's session is changed to a shorter amount, so it stays in.
    first = session_for_day(person=patient, day=local_today()).items[0]
    old = dose_of(first)
    hold = None if old.hold_seconds is None else old.hold_seconds - 1
    new = old.model_copy(update={"level": 1, "sets": 1, "hold_seconds": hold})
    assert new != old
    plan_dose_set(person=patient, membership=doctor, exercise_id=first.exercise_id, dose=new)
    page = today(client, patient)
    assert new.text().ja in page  # in today's exercises
    assert "山田(医師)が量を決めました" in page  # what changed this week, and why
    session = client.get("/me/session/").content.decode()
    assert f'data-exercise-id="{first.exercise_id}"' in session
    shown = session.split(f'data-exercise-id="{first.exercise_id}"')[1]
    assert shown.startswith(f' data-hold-seconds="{hold or ""}" data-reps="{new.reps or ""}"')


def test_both_exports_hold_the_notes_and_where_each_plan_row_came_from(
    client: Client, patient: User, doctor: Membership
) -> None:
    plan_dose_set(
        person=patient,
        membership=doctor,
        exercise_id="bridge",
        dose=Dose(level=2, sets=2, reps=10, hold_seconds=5),
        note="ブリッジをレベル2に",
    )
    client.force_login(patient)
    data = json.loads(client.get("/me/export.json").content)
    origins = {(r["exercise_id"], r["origin"]) for r in data["journey.planitem"]}
    assert ("bridge", "clinician") in origins and ("bridge", "selfcheck") in origins
    labels = {r["changed_by_label"] for r in data["journey.planitem"] if r["origin"] == "clinician"}
    assert labels == {"山田(医師)"}
    assert all("changed_by_id" not in r for r in data["journey.planitem"])
    (note,) = data["journey.cliniciannote"]
    assert (note["text"], note["by_label"]) == ("ブリッジをレベル2に", "山田(医師)")
    assert "written_by_id" not in note

    bundle = json.loads(client.get("/me/export.fhir.json").content)
    Bundle.model_validate(bundle)
    plans = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "CarePlan"]
    clinicians = [p for p in plans if p["category"][0]["coding"][0]["code"] == "clinician"]
    assert [p["author"]["display"] for p in clinicians] == ["山田(医師)"]
    assert clinicians[0]["category"][0]["coding"][0]["system"] == ORIGIN_SYSTEM
    assert clinicians[0]["activity"][0]["detail"]["code"]["text"] == "お尻上げ(ブリッジ)"
    (message,) = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Communication"
    ]
    assert message["payload"] == [{"contentString": "ブリッジをレベル2に"}]
    assert message["sender"]["display"] == "山田(医師), ひざこしクリニック"
