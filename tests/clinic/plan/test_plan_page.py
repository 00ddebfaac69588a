"""The clinic's plan page: a doctor of the person's clinic sees the plan with where each amount
came from, adds and takes out exercises, sets an amount and the walking target, each with a note
the person sees on Today; each change is audited; a bad amount is refused at its field in
Japanese and saves nothing; other clinics and roles that may not write get a 404."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from hizakoshi.accounts.models import User
from hizakoshi.clinic.links.services import care_link_end
from hizakoshi.clinic.models import AuditEvent, CareLink, Clinic, Role
from hizakoshi.journey.models import ClinicianNote, PlanItem, WalkingTarget
from journey.factories import with_plan
from people import linked, staff, staff_login

from .helpers import active, dose, plan_url, post, walking

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient(patient: User, clinic: Clinic) -> User:
    linked(with_plan(patient), clinic)
    return patient


@pytest.fixture
def doctor(client: Client, clinic_staff: User) -> Client:
    return staff_login(client, clinic_staff)


def test_the_page_shows_each_exercise_in_japanese_with_its_amount_and_origin(
    doctor: Client, patient: User
) -> None:
    response = doctor.get(plan_url(patient))
    page = response.content.decode()
    assert response.status_code == 200
    assert "佐藤 花子" in page
    assert "お尻上げ(ブリッジ)" in page and "いすからの立ち座り" in page  # in the add list
    assert 'data-exercise="bridge" data-origin="selfcheck"' in page
    assert "セルフチェック" in page
    read = AuditEvent.objects.get()
    assert (read.action, read.what, read.actor_id) == ("read", "plan", patient_staff(doctor))


def patient_staff(client: Client) -> int:
    return int(client.session["_auth_user_id"])


def test_setting_an_amount_starts_a_clinicians_row_with_who_and_when_and_a_note(
    doctor: Client, patient: User
) -> None:
    before = active(patient)["bridge"]
    response = post(doctor, patient, "dose", exercise_id="bridge", note="無理せずに", **dose())
    assert response.status_code == 302
    after = active(patient)["bridge"]
    assert (after.level, after.sets, after.reps, after.hold_seconds) == (2, 3, 12, 5)
    assert (after.origin, after.changed_by_label) == ("clinician", "山田(医師)")
    assert after.changed_at is not None and after.start_dose == before.start_dose
    ended = PlanItem.objects.get(pk=before.pk)
    assert (ended.active, ended.end_origin) == (False, "clinician")
    assert "山田(医師)が量を決めました" in after.reason["ja"]
    note = ClinicianNote.objects.get(person=patient)
    assert (note.text, note.by_label, note.clinic_name) == (
        "無理せずに",
        "山田(医師)",
        "ひざこしクリニック",
    )
    write = AuditEvent.objects.get(action="write")
    assert (write.what, write.subject_ref) == ("plan", patient.log_ref)
    page = doctor.get(response["Location"]).content.decode()
    assert 'data-exercise="bridge" data-origin="clinician"' in page
    assert "保存しました" in page


def test_adding_an_exercise_from_the_catalogue_with_its_usual_amount(
    doctor: Client, patient: User
) -> None:
    response = post(doctor, patient, "add", exercise_id="calf_raise", note="")
    assert response.status_code == 302
    added = active(patient)["calf_raise"]
    assert (added.level, added.sets, added.reps, added.origin) == (1, 2, 10, "clinician")
    assert added.position == max(p.position for p in active(patient).values())
    assert not ClinicianNote.objects.exists()  # an empty note is no note


def test_adding_an_exercise_with_an_amount_of_the_clinicians_choice(
    doctor: Client, patient: User
) -> None:
    post(doctor, patient, "add", exercise_id="sit_to_stand", **dose(level=3, hold_seconds=""))
    added = active(patient)["sit_to_stand"]
    assert (added.level, added.sets, added.reps, added.hold_seconds) == (3, 3, 12, None)
    assert added.start_dose["level"] == 3  # its ladder starts where the clinician put it


def test_an_exercise_already_in_the_plan_is_not_added_twice(doctor: Client, patient: User) -> None:
    response = post(doctor, patient, "add", exercise_id="bridge")
    assert response.status_code == 400
    assert "すでにプランにあります" in response.content.decode()
    assert PlanItem.objects.filter(person=patient, exercise_id="bridge").count() == 1


def test_taking_an_exercise_out_ends_its_row_and_tells_the_person(
    doctor: Client, patient: User
) -> None:
    post(doctor, patient, "remove", exercise_id="straight_leg_raise", note="脚上げは休みましょう")
    assert "straight_leg_raise" not in active(patient)
    row = PlanItem.objects.get(person=patient, exercise_id="straight_leg_raise")
    assert (row.active, row.end_origin) == (False, "clinician")
    assert ClinicianNote.objects.get().text == "脚上げは休みましょう"


def test_setting_the_walking_target_in_steps(doctor: Client, patient: User) -> None:
    post(doctor, patient, "walking", unit="steps", per_day=4000, days_per_week=6)
    target = walking(patient)
    assert (target.unit, target.per_day, target.days_per_week) == ("steps", 4000, 6)
    assert (target.origin, target.changed_by_label) == ("clinician", "山田(医師)")
    assert WalkingTarget.objects.filter(person=patient).count() == 2


def test_a_note_alone_changes_nothing_in_the_plan(doctor: Client, patient: User) -> None:
    before = set(PlanItem.objects.values_list("pk", flat=True))
    post(doctor, patient, "note", note="次回の診察で膝を見ます")
    assert set(PlanItem.objects.values_list("pk", flat=True)) == before
    assert ClinicianNote.objects.get().text == "次回の診察で膝を見ます"


# --- bad input: said at the field, in Japanese; nothing saved --------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (dose(level=4), "level", "1から3までの数を入れてください。"),
        (dose(sets=11), "sets", "1から10までの数を入れてください。"),
        (dose(reps=0), "reps", "1から50までの数を入れてください。"),
        (dose(hold_seconds=121), "hold_seconds", "1から120までの数を入れてください。"),
        (dose(times_per_day=9), "times_per_day", "1から5までの数を入れてください。"),
        (dose(reps="", hold_seconds=""), "reps", "回数か秒数(キープ)のどちらかを入れてください。"),
        (dose(sets="three"), "sets", "整数で入れてください。"),
        (dose(level=""), "level", "数を入れてください。"),
        (dose(sets=10**30), "sets", "数が大きすぎます。"),
    ],
)
def test_a_bad_amount_is_refused_at_its_field_in_japanese(
    doctor: Client, patient: User, fields: dict[str, object], field: str, message: str
) -> None:
    rows = PlanItem.objects.count()
    response = post(doctor, patient, "dose", exercise_id="bridge", note="見てね", **fields)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f'id="id_{field}_error"' in page or f"_{field}_error" in page
    assert "何も変更していません" in page
    assert PlanItem.objects.count() == rows and not ClinicianNote.objects.exists()


def test_a_note_longer_than_the_limit_is_refused_and_nothing_is_saved(
    doctor: Client, patient: User
) -> None:
    response = post(doctor, patient, "note", note="膝" * 501)
    assert response.status_code == 400
    assert "500文字以内" in response.content.decode()
    assert not ClinicianNote.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"unit": "miles", "per_day": 3, "days_per_week": 5},
        {"unit": "minutes", "per_day": 601, "days_per_week": 5},
        {"unit": "steps", "per_day": 5000, "days_per_week": 8},
        {"unit": "minutes", "per_day": "", "days_per_week": ""},
    ],
)
def test_a_bad_walking_target_is_refused(
    doctor: Client, patient: User, fields: dict[str, object]
) -> None:
    response = post(doctor, patient, "walking", **fields)
    assert response.status_code == 400
    assert WalkingTarget.objects.filter(person=patient).count() == 1


@pytest.mark.parametrize(
    ("action", "fields"),
    [
        ("", {}),
        ("explode", {}),
        ("dose", {"exercise_id": "not_an_exercise", **dose()}),
        ("dose", {"exercise_id": "calf_raise", **dose()}),  # not in the plan
        ("remove", {"exercise_id": "calf_raise"}),
        ("remove", {}),
        ("add", {"exercise_id": "bridge<script>"}),
    ],
)
def test_anything_else_is_refused_with_a_message_never_a_server_error(
    doctor: Client, patient: User, action: str, fields: dict[str, object]
) -> None:
    rows = PlanItem.objects.count()
    response = post(doctor, patient, action, **fields)
    assert response.status_code == 400
    assert "何も変更していません" in response.content.decode()
    assert PlanItem.objects.count() == rows


# --- who may ---------------------------------------------------------------------------------


def test_staff_of_another_clinic_get_a_404_and_change_nothing(
    client: Client, patient: User, other_clinic_staff: User
) -> None:
    staff_login(client, other_clinic_staff)
    assert client.get(plan_url(patient)).status_code == 404
    response = post(client, patient, "dose", exercise_id="bridge", **dose())
    assert response.status_code == 404
    assert active(patient)["bridge"].origin == "selfcheck"
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.ADMIN])
def test_roles_that_may_not_write_get_a_404(
    client: Client, patient: User, clinic: Clinic, role: str
) -> None:
    staff_login(client, staff("desk@clinic.example.jp", clinic, role=role, display_name="受付"))
    assert client.get(plan_url(patient)).status_code == 404
    assert post(client, patient, "note", note="こんにちは").status_code == 404
    assert not ClinicianNote.objects.exists()


def test_a_physiotherapist_may_change_the_plan(
    client: Client, patient: User, clinic: Clinic
) -> None:
    pt = staff("pt@clinic.example.jp", clinic, role=Role.PHYSIO, display_name="佐々木")
    staff_login(client, pt)
    post(client, patient, "dose", exercise_id="bridge", **dose())
    assert active(patient)["bridge"].changed_by_label == "佐々木(理学療法士)"


def test_a_patient_who_unlinked_is_out_of_reach(
    doctor: Client, patient: User, clinic: Clinic
) -> None:
    link = CareLink.objects.get(person=patient)
    assert care_link_end(person=patient, link_id=link.pk, now=timezone.now())
    assert doctor.get(plan_url(patient)).status_code == 404


def test_the_note_is_escaped_on_the_staff_page(doctor: Client, patient: User) -> None:
    post(doctor, patient, "note", note="<script>alert(1)</script>")
    page = doctor.get(plan_url(patient)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
