"""The `hizakoshi` command: exit codes, languages, the schema, and no tracebacks on bad input."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from answers import ANSWERS, STOPPED_EARLY
from hizakoshi import cli
from hizakoshi.care import questions
from hizakoshi.care.questions import MSG_RANGE, MSG_REQUIRED, MSG_UNKNOWN_FIELD
from hizakoshi.care.yamlfile import ContentError

VENV_BIN = Path(sys.executable).parent
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json_out(self) -> Any:
        return json.loads(self.out)

    def json_err(self) -> Any:
        return json.loads(self.err)


@pytest.fixture
def hizakoshi(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """Call main(argv) in-process, with `stdin` as raw bytes."""

    def call(*argv: str, stdin: bytes = b"") -> Run:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        code = cli.main(list(argv))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Run(code, captured.out, captured.err)

    return call


def answers_file(tmp_path: Path, data: Any) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


# --- assess: valid input ---------------------------------------------------------------------


def test_valid_answers_from_stdin_print_the_assessment_in_japanese(hizakoshi: Any) -> None:
    run = hizakoshi("assess", stdin=json.dumps(ANSWERS).encode())
    assert run.code == 0
    result = run.json_out()
    assert {"triage", "pattern", "disclaimer", "engine_version"} <= set(result)
    assert JAPANESE.search(result["disclaimer"])
    assert run.err == ""


def test_output_is_readable_utf8_not_escaped(hizakoshi: Any) -> None:
    run = hizakoshi("assess", "-", stdin=json.dumps(ANSWERS).encode())
    assert "\\u" not in run.out
    assert run.out.startswith("{\n  ")  # indented for people reading it in a terminal


def test_lang_en_gives_the_assessment_in_english(hizakoshi: Any, tmp_path: Path) -> None:
    run = hizakoshi("assess", answers_file(tmp_path, ANSWERS), "--lang", "en")
    assert run.code == 0
    result = run.json_out()
    assert not JAPANESE.search(result["disclaimer"])
    assert not JAPANESE.search(result["triage"]["headline"])
    assert not JAPANESE.search(result["pattern"]["summary"])


def test_the_same_answers_give_the_same_result_in_both_languages(
    hizakoshi: Any, tmp_path: Path
) -> None:
    path = answers_file(tmp_path, ANSWERS)
    ja, en = hizakoshi("assess", path).json_out(), hizakoshi("assess", path, "--lang=en").json_out()
    assert ja["triage"]["urgency"] == en["triage"]["urgency"]
    assert ja["pattern"]["pattern"] == en["pattern"]["pattern"]


def test_an_emergency_is_still_a_valid_assessment_and_exits_0(hizakoshi: Any) -> None:
    emergency = ANSWERS | {"urgent_signs": ["bladder_bowel", "saddle_numbness"]}
    run = hizakoshi("assess", stdin=json.dumps(emergency).encode())
    assert run.code == 0
    assert run.json_out()["triage"]["urgency"] == "emergency"


def test_a_byte_order_mark_from_a_windows_editor_is_accepted(
    hizakoshi: Any, tmp_path: Path
) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(ANSWERS).encode())
    assert hizakoshi("assess", str(path)).code == 0


# --- assess: bad input -----------------------------------------------------------------------


def test_invalid_json_exits_2_with_one_line(hizakoshi: Any) -> None:
    run = hizakoshi("assess", "--lang", "en", stdin=b'{"age": 68,')
    assert run.code == 2
    assert run.out == ""
    assert run.err.startswith("The input is not valid JSON (line 1")
    assert run.err.count("\n") == 1


def test_empty_input_exits_2(hizakoshi: Any) -> None:
    run = hizakoshi("assess", stdin=b"")
    assert run.code == 2
    assert "JSON" in run.err


def test_input_that_is_not_utf8_exits_2(hizakoshi: Any) -> None:
    run = hizakoshi("assess", "--lang", "en", stdin='{"sex": "女性"}'.encode("shift_jis"))
    assert run.code == 2
    assert run.err == "The input is not UTF-8 text.\n"


def test_a_missing_file_exits_2_and_names_the_file(hizakoshi: Any, tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.json")
    run = hizakoshi("assess", missing)
    assert run.code == 2
    assert missing in run.err
    assert "ファイルを読めません" in run.err


def test_a_directory_is_not_a_readable_answers_file(hizakoshi: Any, tmp_path: Path) -> None:
    run = hizakoshi("assess", str(tmp_path), "--lang", "en")
    assert run.code == 2
    assert run.err.startswith(f"Cannot read {tmp_path}")


@pytest.mark.parametrize("body", ["[1, 2]", '"answers"', "42", "null"])
def test_json_that_is_not_an_object_exits_2(hizakoshi: Any, body: str) -> None:
    run = hizakoshi("assess", "--lang", "en", stdin=body.encode())
    assert run.code == 2
    assert run.json_err() == {"errors": {"__all__": ["A JSON object is required."]}}


def test_an_age_out_of_range_exits_2_and_names_the_field(hizakoshi: Any) -> None:
    run = hizakoshi("assess", stdin=json.dumps(ANSWERS | {"age": 300}).encode())
    assert run.code == 2
    assert run.out == ""
    expected = MSG_RANGE.format(min="18", max="110").ja
    assert run.json_err() == {"errors": {"age": [expected]}}


def test_field_errors_follow_lang(hizakoshi: Any) -> None:
    run = hizakoshi("assess", "--lang", "en", stdin=json.dumps(ANSWERS | {"age": 300}).encode())
    assert run.json_err()["errors"]["age"] == ["Please enter a number from 18 to 110."]


def test_an_unknown_field_exits_2_and_names_it(hizakoshi: Any) -> None:
    run = hizakoshi("assess", stdin=json.dumps(ANSWERS | {"favourite_food": "sushi"}).encode())
    assert run.code == 2
    assert run.json_err() == {"errors": {"favourite_food": [MSG_UNKNOWN_FIELD.ja]}}


def test_every_missing_answer_is_reported_at_once(hizakoshi: Any) -> None:
    partial = {k: v for k, v in ANSWERS.items() if k not in ("sex", "knee_pain")}
    run = hizakoshi("assess", "--lang", "en", stdin=json.dumps(partial).encode())
    assert run.code == 2
    assert run.json_err()["errors"] == {"sex": [MSG_REQUIRED.en], "knee_pain": [MSG_REQUIRED.en]}


def test_a_broken_content_file_exits_2_with_the_file_and_field(
    hizakoshi: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise ContentError("/content/questions.yaml: steps.0.questions.0.min: Field required")

    monkeypatch.setattr(questions, "question_set", broken)
    run = hizakoshi("assess", "--lang", "en", stdin=json.dumps(ANSWERS).encode())
    assert run.code == 2
    assert "questions.yaml: steps.0.questions.0.min" in run.err
    assert run.err.startswith("A content file has a mistake")


# --- schema, help, version -------------------------------------------------------------------


def test_schema_is_a_json_schema_that_accepts_valid_answers_and_rejects_age_300(
    hizakoshi: Any,
) -> None:
    run = hizakoshi("schema")
    assert run.code == 0
    schema = run.json_out()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid(ANSWERS)
    assert not validator.is_valid(ANSWERS | {"age": 300})
    assert not validator.is_valid(ANSWERS | {"favourite_food": "sushi"})


def test_help_lists_the_own_commands_and_says_the_rest_go_to_django(hizakoshi: Any) -> None:
    run = hizakoshi("--help")
    assert run.code == 0
    for command in ("assess", "schema", "score", "run"):
        assert re.search(rf"^\s+{command}\s", run.out, re.MULTILINE)
    assert "Django" in run.out


def test_score_is_one_of_the_own_commands_not_a_django_one(hizakoshi: Any) -> None:
    run = hizakoshi("score", "--list")
    assert run.code == 0
    assert "koos" in run.out.split()


def test_version_prints_the_package_version(hizakoshi: Any) -> None:
    run = hizakoshi("--version")
    assert run.code == 0
    assert re.fullmatch(r"hizakoshi \d+\.\d+\.\d+\S*\n", run.out)


def test_no_command_is_a_usage_error(hizakoshi: Any) -> None:
    run = hizakoshi()
    assert run.code == 2
    assert "assess" in run.err


def test_an_unknown_lang_is_a_usage_error(hizakoshi: Any) -> None:
    run = hizakoshi("assess", "--lang", "fr", stdin=json.dumps(ANSWERS).encode())
    assert run.code == 2
    assert "invalid choice" in run.err


def test_run_rejects_a_port_out_of_range(hizakoshi: Any) -> None:
    assert hizakoshi("run", "--port", "70000").code == 2


# --- the rest goes to Django -----------------------------------------------------------------


def test_other_commands_go_to_django_with_the_project_settings(
    hizakoshi: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[list[str], str | None]] = []

    def fake(argv: list[str]) -> None:
        seen.append((argv, os.environ.get("DJANGO_SETTINGS_MODULE")))

    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    monkeypatch.setattr("django.core.management.execute_from_command_line", fake)
    assert hizakoshi("purge_results", "--days", "30").code == 0
    assert seen == [(["hizakoshi", "purge_results", "--days", "30"], "hizakoshi.site.settings")]


def test_a_failing_django_command_returns_its_exit_code(
    hizakoshi: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(argv: list[str]) -> None:
        sys.exit(1)

    monkeypatch.setattr("django.core.management.execute_from_command_line", fails)
    assert hizakoshi("migrate").code == 1


def test_run_migrates_loads_the_demo_starts_the_daily_review_and_serves_on_localhost(
    hizakoshi: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[tuple[str, ...], dict[str, Any]]] = []

    def record(*args: str, **options: Any) -> None:
        calls.append((args, options))

    monkeypatch.setattr("django.core.management.call_command", record)
    monkeypatch.setattr(
        "hizakoshi.journey.review.daily.start_daily_reviews", lambda: calls.append((("daily",), {}))
    )
    # run chooses the console e-mail backend by name; keep that out of the other tests.
    monkeypatch.setitem(os.environ, "HIZAKOSHI_EMAIL_BACKEND", "unset")
    monkeypatch.delitem(os.environ, "HIZAKOSHI_EMAIL_BACKEND")
    assert hizakoshi("run", "--port", "8123").code == 0
    assert os.environ["HIZAKOSHI_EMAIL_BACKEND"] == "console"  # reset links in the terminal
    assert [args for args, _ in calls] == [
        ("migrate",),
        ("collectstatic",),
        ("load_demo",),
        ("load_demo_journey",),
        ("load_demo_clinic",),  # after the demo person, whom the demo clinic links too
        ("daily",),  # the daily review thread: no cron in the demo
        ("runserver", "127.0.0.1:8123"),
    ]
    assert calls[2][1]["base_url"] == "http://127.0.0.1:8123"  # the demo links printed
    assert calls[3][1]["base_url"] == "http://127.0.0.1:8123"  # the demo person's login
    assert calls[4][1]["base_url"] == "http://127.0.0.1:8123"  # the demo staff's login
    assert calls[-1][1]["use_reloader"] is False


def test_a_broken_content_file_found_while_django_starts_exits_2(
    hizakoshi: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(argv: list[str]) -> None:
        raise ContentError("/content/exercises.yaml: bridge.source: String too short")

    monkeypatch.setattr("django.core.management.execute_from_command_line", broken)
    run = hizakoshi("migrate")
    assert run.code == 2
    assert "exercises.yaml: bridge.source" in run.err


# --- as a real program -----------------------------------------------------------------------


def run_program(
    *argv: str, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    # The output is UTF-8 whatever the locale says.
    environ = os.environ | {"LC_ALL": "C", "LANG": "C"} | (env or {})
    return subprocess.run(
        [str(VENV_BIN / "hizakoshi"), *argv],
        input=stdin,
        capture_output=True,
        env=environ,
        timeout=60,
    )


def test_the_installed_command_assesses_answers_from_stdin() -> None:
    done = run_program("assess", "--lang", "en", stdin=json.dumps(ANSWERS).encode())
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout.decode("utf-8"))["triage"]["urgency"]


def test_the_installed_command_reports_bad_answers_without_a_traceback() -> None:
    done = run_program("assess", stdin=json.dumps(ANSWERS | {"age": 300}).encode())
    assert done.returncode == 2
    err = done.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert json.loads(err)["errors"]["age"] == [MSG_RANGE.format(min="18", max="110").ja]


def test_the_installed_command_hands_django_commands_to_django(tmp_path: Path) -> None:
    done = run_program("check", env={"HIZAKOSHI_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr.decode()
    assert b"no issues" in done.stdout


def test_assess_and_schema_do_not_import_django(tmp_path: Path) -> None:
    path = answers_file(tmp_path, ANSWERS)
    code = (
        "import io, sys\n"
        "from hizakoshi import cli\n"
        "sys.stdout = io.StringIO()\n"
        f"assert cli.main(['assess', {path!r}]) == 0\n"
        "assert cli.main(['schema']) == 0\n"
        "sys.stdout = sys.__stdout__\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'ninja')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_same_day_sign_prints_a_paused_result_and_exits_0(hizakoshi: Any) -> None:
    same_day = ANSWERS | {"other_signs": ["back_after_fall"]}
    run = hizakoshi("assess", "--lang", "en", stdin=json.dumps(same_day).encode())
    assert run.code == 0
    data = run.json_out()
    assert data["triage"]["urgency"] == "same_day"
    assert data["plan"] is None and data["weight"] is None and data["pattern"] is None
    assert data["triage"]["for_doctor"]


def test_answers_stopped_after_an_emergency_sign_are_assessed(hizakoshi: Any) -> None:
    run = hizakoshi("assess", stdin=json.dumps(STOPPED_EARLY).encode())
    assert run.code == 0
    data = run.json_out()
    assert (data["triage"]["urgency"], data["answers_complete"]) == ("emergency", False)


def test_the_schema_says_the_rest_may_be_left_out_after_an_urgent_sign(hizakoshi: Any) -> None:
    schema = hizakoshi("schema").json_out()
    assert schema["description"] == questions.STOPPED_EARLY_NOTE
