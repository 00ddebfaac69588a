"""The demo clinic that `hizakoshi run` makes: DEMO01 with a doctor and a physiotherapist who
have TOTP devices, about 200 linked patients whose histories give the dashboard real work, the
same counts when made again, and `demo_totp`, which prints a code only for the demo's staff."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connections
from django.db.models import Max
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hizakoshi import cli
from hizakoshi.accounts.models import User
from hizakoshi.clinic.demo.people import DEMO_CODE, DEMO_STAFF, PATIENT_EMAILS
from hizakoshi.clinic.demo.services import demo_clinic_load
from hizakoshi.clinic.models import CareLink, Clinic, Membership
from hizakoshi.journey.demo.services import DEMO_EMAIL
from hizakoshi.journey.models import (
    DiaryEntry,
    Escalation,
    ExerciseSession,
    OutcomeResponse,
    PlanItem,
)
from people import person, staff

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _counts() -> dict[str, int]:
    return {
        "clinics": Clinic.objects.filter(code=DEMO_CODE).count(),
        "staff": Membership.objects.filter(clinic__code=DEMO_CODE).count(),
        "devices": TOTPDevice.objects.count(),
        "people": User.objects.count(),
        "links": CareLink.objects.filter(clinic__code=DEMO_CODE).count(),
        "diary": DiaryEntry.objects.count(),
        "sessions": ExerciseSession.objects.count(),
        "check-ins": OutcomeResponse.objects.count(),
        "plan": PlanItem.objects.count(),
        "escalations": Escalation.objects.count(),
    }


def test_two_hundred_patients_of_every_kind_are_linked_and_a_second_run_duplicates_nothing() -> (
    None
):
    # One test, since making 200 histories is the slow part: counts, then variety, then again.
    first = demo_clinic_load(today=TODAY)
    assert first.counts["linked"] == len(PATIENT_EMAILS) == 200
    before = _counts()
    assert before["staff"] == before["devices"] == len(DEMO_STAFF) == 3
    # Bulk-made accounts: nobody can log in as a demo patient; the staff can.
    assert not User.objects.get(email=PATIENT_EMAILS[0]).has_usable_password()
    for member in DEMO_STAFF:
        assert User.objects.get(email=member.email).check_password(member.password())
    assert set(first.kinds) == {
        "new",
        "improving",
        "unchanged",
        "worsening",
        "inactive",
        "dropped",
        "red_flag",
        "overdue",
    }
    _assert_every_kind_of_work()
    demo_clinic_load(today=TODAY)
    assert _counts() == before


def _assert_every_kind_of_work() -> None:
    links = CareLink.objects.filter(clinic__code=DEMO_CODE)
    assert links.filter(linked_at__date__gte=TODAY - timedelta(days=7)).count() >= 10
    recent_sign = DiaryEntry.objects.filter(day__gte=TODAY - timedelta(days=3)).exclude(
        red_flag_signs=[]
    )
    assert recent_sign.values("person").distinct().count() >= 5
    last = {
        row["person"]: row["last"]
        for row in DiaryEntry.objects.values("person").annotate(last=Max("day"))
    }
    three_weeks = [p for p, day in last.items() if 21 <= (TODAY - day).days <= 27]
    assert len(three_weeks) >= 10
    high_risk = OutcomeResponse.objects.filter(instrument="start-back", scores__risk="high")
    assert high_risk.count() >= 10
    assert Escalation.objects.filter(kind="worse_two_weeks").exists()
    assert Escalation.objects.filter(kind="red_flag_diary").exists()
    # Overdue: answered the first check-in only, weeks ago, while the diary goes on.
    nrs = OutcomeResponse.objects.filter(instrument="nrs").values("person")
    latest = nrs.annotate(day=Max("taken_on"))
    overdue = [r for r in latest if (TODAY - r["day"]).days >= 36 and last[r["person"]] == TODAY]
    assert len(overdue) >= 10


def test_the_journeys_demo_person_is_linked_too(clinic: Clinic) -> None:
    demo = person(DEMO_EMAIL)
    demo_clinic_load(today=TODAY, count=5)
    link = CareLink.objects.get(person=demo, clinic__code=DEMO_CODE, ended_at__isnull=True)
    assert link.name == "デモ 花子"


def test_the_command_prints_each_staff_login_and_its_totp_secret(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("load_demo_clinic", base_url="http://127.0.0.1:8123", patients=3)
    out = capsys.readouterr().out
    for member in DEMO_STAFF:
        assert member.email in out
        assert member.password() in out
        assert member.totp_secret() in out
    assert "http://127.0.0.1:8123/accounts/login/" in out
    # The demo clinic is told of bookings, at a reserved example.com address.
    address = Clinic.objects.get(code=DEMO_CODE).booking_email
    assert address.endswith("@example.com") and address in out


@pytest.fixture(autouse=True)
def _connections_kept_open(monkeypatch: pytest.MonkeyPatch) -> None:
    # A command run through the CLI closes every connection when it ends, the test's too.
    monkeypatch.setattr(connections, "close_all", lambda: None)


def test_demo_totp_prints_a_code_the_staff_members_device_accepts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    demo_clinic_load(today=TODAY, count=3)
    doctor = DEMO_STAFF[0]
    assert cli.main(["demo_totp", "--email", doctor.email.upper()]) == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()
    device = TOTPDevice.objects.get(user__email=doctor.email)
    assert device.verify_token(code)


def test_demo_totp_refuses_a_real_staff_member_even_of_the_demo_clinic(
    capsys: pytest.CaptureFixture[str],
) -> None:
    demo_clinic_load(today=TODAY, count=3)
    real = staff("real@clinic.example.jp", Clinic.objects.get(code=DEMO_CODE))
    assert cli.main(["demo_totp", "--email", real.email]) == 2
    assert cli.main(["demo_totp", "--email", PATIENT_EMAILS[0]]) == 2
    assert cli.main(["demo_totp", "--email", "nobody@example.com"]) == 2
    out = capsys.readouterr()
    assert "no code is printed" in out.err
    assert out.out == ""


def test_demo_totp_refuses_when_the_demo_is_not_loaded(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["demo_totp", "--email", DEMO_STAFF[0].email]) == 2
    assert "not loaded" in capsys.readouterr().err


def test_demo_totp_refuses_a_demo_address_whose_membership_has_ended(
    capsys: pytest.CaptureFixture[str],
) -> None:
    demo_clinic_load(today=TODAY, count=3)
    Membership.objects.filter(user__email=DEMO_STAFF[1].email).update(ended_at=timezone.now())
    assert cli.main(["demo_totp", "--email", DEMO_STAFF[1].email]) == 2


def test_a_demo_doctor_logs_in_with_the_printed_password_and_code_and_sees_the_outcomes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    demo_clinic_load(today=TODAY, count=5)
    doctor = DEMO_STAFF[0]
    client = Client()
    login = {"username": doctor.email, "password": doctor.password()}
    assert client.post("/accounts/login/", login).status_code == 302
    assert client.get(reverse("clinic:outcomes")).status_code == 302  # the second factor first
    assert cli.main(["demo_totp", "--email", doctor.email]) == 0
    code = capsys.readouterr().out.strip()
    assert client.post(reverse("clinic:verify"), {"code": code}).status_code == 302
    page = client.get(reverse("clinic:outcomes"))
    assert page.status_code == 200
    assert page.context["report"].linked == 5
