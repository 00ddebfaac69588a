"""`hizakoshi staff_add` and `hizakoshi staff_end`: a staff account with a membership, a
password that meets the staff rule and a setup code printed once; bad input exits 2 with a
clear line and makes nothing. (`staff_reset_factor`: test_reset_factor.py.)

Run in-process with call_command (a command run from the command line closes the database
connection at its end, which is the test's); `hizakoshi` hands a CommandError's return code to
the shell as the exit status, and one real process shows it.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from hizakoshi.accounts.models import User
from hizakoshi.clinic.models import AuditAction, AuditEvent, Clinic, Membership, SetupCode
from people import staff_login

from .helpers import SETUP, run

pytestmark = pytest.mark.django_db
GOOD = "knee-and-back-2026"


def staff_add(
    monkeypatch: pytest.MonkeyPatch, *args: str, password: str = GOOD, stdin: bool = True
) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return run("staff_add", *args, *(["--password-stdin"] if stdin else []))


def args(**given: str) -> list[str]:
    values = {
        "email": "Kato@Clinic.example.jp",
        "clinic-code": "hiza01",
        "role": "physio",
        "name": "加藤",
    } | given
    return [part for key, value in values.items() for part in (f"--{key}", value)]


def test_staff_add_makes_an_account_and_a_membership_that_can_log_in(
    monkeypatch: pytest.MonkeyPatch, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    assert staff_add(monkeypatch, *args()) == 0
    member = Membership.objects.select_related("user").get()
    assert (member.user.email, member.clinic, member.role) == (
        "kato@clinic.example.jp",
        clinic,
        "physio",
    )
    assert member.display_name == "加藤" and member.ended_at is None
    assert member.user.check_password(GOOD)
    assert "added kato@clinic.example.jp to clinic HIZA01" in capsys.readouterr().out
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id, event.clinic_id) == (
        AuditAction.MEMBERSHIP,
        None,
        clinic.pk,
    )
    assert event.actor_label == "command line"
    login = Client().post(
        "/accounts/login/", {"username": "kato@clinic.example.jp", "password": GOOD}
    )
    assert login["Location"] == "/signed-in/"


def test_staff_add_prints_the_setup_code_once_and_the_member_needs_it_to_set_up_the_app(
    monkeypatch: pytest.MonkeyPatch, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    assert staff_add(monkeypatch, *args()) == 0
    out = capsys.readouterr().out
    printed = re.search(r"setup code: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}) \(works until ", out)
    assert printed and "in person" in out
    stored = SetupCode.objects.get(user__email="kato@clinic.example.jp")
    assert stored.expires_at - stored.issued_at == timedelta(days=7)
    assert printed.group(1).replace("-", "") not in str(list(AuditEvent.objects.values()))
    client = Client()
    client.post("/accounts/login/", {"username": "kato@clinic.example.jp", "password": GOOD})
    assert client.post(SETUP, {"setup_code": printed.group(1)})["Location"] == SETUP


@pytest.mark.parametrize(
    ("given", "password", "says"),
    [
        ({}, "knee-back-26", "--password: A clinic staff password needs at least 13 characters."),
        ({}, "kneeandbackpain2026", "--password: A clinic staff password needs letters"),
        ({"role": "surgeon"}, GOOD, "--role: Select a valid choice."),
        (
            {"clinic-code": "NOPE99"},
            GOOD,
            "--clinic-code: There is no clinic with the code NOPE99.",
        ),
        ({"email": "not-an-address"}, GOOD, "--email: Enter a valid email address."),
        ({"name": " "}, GOOD, "--name: This field is required."),
        ({"email": "yamada@clinic.example.jp"}, GOOD, "--email: An account with this e-mail"),
    ],
)
def test_bad_input_exits_2_with_what_is_wrong_and_makes_nothing(
    monkeypatch: pytest.MonkeyPatch,
    clinic_staff: User,
    capsys: pytest.CaptureFixture[str],
    given: dict[str, str],
    password: str,
    says: str,
) -> None:
    assert staff_add(monkeypatch, *args(**given), password=password) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert Membership.objects.count() == 1  # Dr Yamada's only
    assert not User.objects.filter(email="kato@clinic.example.jp").exists()
    assert not SetupCode.objects.exists()


def test_staff_add_without_a_terminal_asks_for_the_password_on_standard_input(
    monkeypatch: pytest.MonkeyPatch, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    assert staff_add(monkeypatch, *args(), stdin=False) == 2
    assert "--password-stdin" in capsys.readouterr().err
    assert staff_add(monkeypatch, *args(), password="") == 2
    assert not Membership.objects.exists()


def test_staff_end_ends_the_membership_and_logs_the_member_out_everywhere(
    clinic_staff: User, clinic: Clinic, capsys: pytest.CaptureFixture[str]
) -> None:
    desk, laptop = staff_login(Client(), clinic_staff), staff_login(Client(), clinic_staff)
    assert run("staff_end", "--email", "YAMADA@clinic.example.jp") == 0
    assert "2 session(s) logged out" in capsys.readouterr().out
    assert Membership.objects.get().ended_at is not None
    for client in (desk, laptop):
        assert client.get("/clinic/recovery-codes/")["Location"].startswith("/accounts/login/")
    # Only theirs: a module-scoped fixture elsewhere in the run may leave other sessions.
    assert not [
        s
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(clinic_staff.pk)
    ]


def test_staff_end_for_an_address_without_a_live_membership_exits_2(
    patient: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("staff_end", "--email", patient.email) == 2
    assert f"no live staff membership for {patient.email}" in capsys.readouterr().err
    assert not AuditEvent.objects.exists()


def test_the_shell_sees_exit_status_2_for_a_missing_option() -> None:
    hizakoshi = str(Path(sys.executable).parent / "hizakoshi")
    done = subprocess.run(
        [hizakoshi, "staff_add", "--email", "kato@clinic.example.jp"],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert "the following arguments are required: --clinic-code, --role, --name" in done.stderr
