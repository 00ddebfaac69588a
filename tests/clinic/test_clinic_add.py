"""`hizakoshi clinic_add` adds or changes a clinic; bad input is one line and exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hizakoshi.clinic.models import Clinic

pytestmark = pytest.mark.django_db


def test_a_clinic_is_added_with_its_contact() -> None:
    call_command(
        "clinic_add", code="hiza01", name="ひざこし整形外科", phone="03-1234-5678",
        url="https://clinic.example.jp/",
    )  # fmt: skip
    clinic = Clinic.objects.get(code="HIZA01")
    assert (clinic.name, clinic.phone, clinic.url) == (
        "ひざこし整形外科",
        "03-1234-5678",
        "https://clinic.example.jp/",
    )


def test_update_changes_only_what_is_given() -> None:
    call_command("clinic_add", code="HIZA01", name="ひざこし整形外科", phone="03-1234-5678")
    call_command("clinic_add", code="HIZA01", hours="月〜金 9:00-18:00", update=True)
    clinic = Clinic.objects.get(code="HIZA01")
    assert (clinic.phone, clinic.hours) == ("03-1234-5678", "月〜金 9:00-18:00")


def test_the_booking_notice_address_is_set_changed_and_taken_away() -> None:
    call_command("clinic_add", code="HIZA01", name="A", booking_email=" uketsuke@example.com ")
    assert Clinic.objects.get().booking_email == "uketsuke@example.com"
    call_command("clinic_add", code="HIZA01", booking_email="desk@example.com", update=True)
    assert Clinic.objects.get().booking_email == "desk@example.com"
    call_command("clinic_add", code="HIZA01", booking_email="", update=True)
    assert Clinic.objects.get().booking_email == ""  # the clinic is no longer told


def test_a_bad_booking_notice_address_changes_nothing() -> None:
    call_command("clinic_add", code="HIZA01", name="A", booking_email="desk@example.com")
    with pytest.raises(CommandError, match="--booking-email") as raised:
        call_command("clinic_add", code="HIZA01", booking_email="desk at example", update=True)
    assert raised.value.returncode == 2
    assert Clinic.objects.get().booking_email == "desk@example.com"


def test_licensed_wording_is_validated_and_stored(tmp_path: Path) -> None:
    good = tmp_path / "rmdq.yaml"
    good.write_text('rmdq:\n  "1":\n    ja: テスト用の文\n', encoding="utf-8")
    call_command("clinic_add", code="HIZA01", name="A", item_texts=good)
    assert Clinic.objects.get().item_texts["rmdq"]["1"]["ja"] == "テスト用の文"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"code": "ab"}, "--code must be 4-12"),
        ({"code": "HIZA01"}, "--name is required"),
        ({"code": "HIZA01", "name": "A", "url": "not a url"}, "--url is not a web address"),
        ({"code": "NONE01", "name": "A", "update": True}, "no clinic has the code NONE01"),
        (
            {"code": "HIZA01", "name": "A", "booking_email": "uketsuke@"},
            "--booking-email is not an e-mail address: 'uketsuke@'",
        ),
    ],
)
def test_bad_input_says_what_is_wrong_with_exit_code_2(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(CommandError, match=message) as raised:
        call_command("clinic_add", **options)
    assert raised.value.returncode == 2
    assert not Clinic.objects.exists()


def test_a_second_clinic_with_the_same_code_is_refused() -> None:
    call_command("clinic_add", code="HIZA01", name="A")
    with pytest.raises(CommandError, match="exists; use --update"):
        call_command("clinic_add", code="HIZA01", name="B")
    assert Clinic.objects.get().name == "A"


def test_a_broken_wording_file_changes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "x.yaml"
    broken.write_text("nosuch:\n  q1: {ja: x}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="unknown instrument 'nosuch'"):
        call_command("clinic_add", code="HIZA01", name="A", item_texts=broken)
    assert not Clinic.objects.exists()


def test_the_hizakoshi_command_exits_2_on_bad_input(tmp_path: Path) -> None:
    run = subprocess.run(
        [str(Path(sys.executable).parent / "hizakoshi"), "clinic_add", "--code", "x"],
        capture_output=True,
        text=True,
        env={"HIZAKOSHI_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "--code must be 4-12" in run.stderr
    assert "Traceback" not in run.stderr
