"""`hizakoshi assess` and `hizakoshi score` on hostile input: exit 2 and one line, never a
traceback, never unbounded memory or time. Run as real processes (with timeouts), since the
failures they guard against (MemoryError, RecursionError, a hang on /dev/zero) are process-level.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from answers import ANSWERS
from hizakoshi import cli
from hizakoshi.care.model import Text
from hizakoshi.jsoninput import (
    MAX_INPUT_BYTES,
    MSG_CANNOT_READ,
    MSG_LONE_SURROGATE,
    MSG_NOT_A_NUMBER,
    MSG_NOT_JSON,
    MSG_NOT_UTF8,
    MSG_NUMBER_TOO_LONG,
    MSG_TOO_DEEP,
    MSG_TOO_LARGE,
)

HIZAKOSHI = str(Path(sys.executable).parent / "hizakoshi")
TIMEOUT = 60
COMMANDS = {"assess": ["assess"], "score": ["score", "nrs"]}
EN = ["--lang", "en"]  # after the file: argparse takes no positional after an option here
TOO_LARGE = MSG_TOO_LARGE.format(limit=f"{MAX_INPUT_BYTES:,}").en
DIGITS = MSG_NUMBER_TOO_LONG.format(digits=str(sys.get_int_max_str_digits())).en


def expected_line(command: str, message: str, *, at_line: bool = False) -> str:
    if command == "assess":
        return message + "\n"
    return f"hizakoshi score: {'line 1: ' if at_line else ''}{message}\n"


def run(argv: list[str], *, stdin: int | bytes = b"") -> subprocess.CompletedProcess[bytes]:
    if isinstance(stdin, bytes):
        return subprocess.run([HIZAKOSHI, *argv], input=stdin, capture_output=True, timeout=TIMEOUT)
    return subprocess.run([HIZAKOSHI, *argv], stdin=stdin, capture_output=True, timeout=TIMEOUT)


def assert_one_line(done: subprocess.CompletedProcess[bytes], expected: str) -> None:
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert "Traceback" not in err
    assert err == expected
    assert done.stdout == b""


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def five_thousand_digits(command: str) -> bytes:
    field = "age" if command == "assess" else "pain"
    return f'{{"{field}": {"9" * 5000}}}'.encode()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_5000_digit_integer_exits_2_with_one_line(command: str, tmp_path: Path) -> None:
    path = write(tmp_path, "big.json", five_thousand_digits(command))
    done = run([*COMMANDS[command], path, *EN])
    assert_one_line(done, expected_line(command, DIGITS, at_line=True))


@pytest.mark.parametrize("command", COMMANDS)
def test_json_nested_100000_deep_exits_2_with_one_line(command: str, tmp_path: Path) -> None:
    path = write(tmp_path, "deep.json", b"[" * 100_000 + b"]" * 100_000)
    done = run([*COMMANDS[command], path, *EN])
    assert_one_line(done, expected_line(command, MSG_TOO_DEEP.en, at_line=True))


@pytest.mark.parametrize("command", COMMANDS)
def test_dev_zero_as_a_file_stops_at_the_size_cap(command: str) -> None:
    done = run([*COMMANDS[command], "/dev/zero", *EN])
    assert_one_line(done, expected_line(command, TOO_LARGE))


@pytest.mark.parametrize("command", COMMANDS)
def test_dev_zero_on_stdin_stops_at_the_size_cap(command: str) -> None:
    with open("/dev/zero", "rb") as zero:
        done = run([*COMMANDS[command], "-", *EN], stdin=zero.fileno())
    assert_one_line(done, expected_line(command, TOO_LARGE))


@pytest.mark.parametrize("command", COMMANDS)
def test_endless_lines_that_never_make_an_answer_set_stop_at_the_size_cap(command: str) -> None:
    # `yes '{'`: an object that never closes, line after line, for ever.
    with subprocess.Popen(["yes", "{"], stdout=subprocess.PIPE) as endless:
        assert endless.stdout is not None
        done = run([*COMMANDS[command], "-", *EN], stdin=endless.stdout.fileno())
        endless.kill()
    assert_one_line(done, expected_line(command, TOO_LARGE))


@pytest.mark.parametrize("command", COMMANDS)
def test_one_byte_over_the_cap_is_too_large(command: str, tmp_path: Path) -> None:
    path = write(tmp_path, "padded.json", b"{}" + b" " * (MAX_INPUT_BYTES - 1))
    done = run([*COMMANDS[command], path, *EN])
    assert_one_line(done, expected_line(command, TOO_LARGE))


@pytest.mark.parametrize("command", COMMANDS)
def test_input_that_is_not_utf8_exits_2_with_one_line(command: str, tmp_path: Path) -> None:
    path = write(tmp_path, "sjis.json", '{"sex": "女性"}'.encode("shift_jis"))
    done = run([*COMMANDS[command], path, *EN])
    assert_one_line(done, expected_line(command, MSG_NOT_UTF8.en))


@pytest.mark.parametrize("command", COMMANDS)
def test_a_directory_exits_2_with_one_line(command: str, tmp_path: Path) -> None:
    done = run([*COMMANDS[command], str(tmp_path), *EN])
    message = MSG_CANNOT_READ.format(path=tmp_path, reason="Is a directory").en
    assert_one_line(done, expected_line(command, message))


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_file_exits_2_with_one_line(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    done = run([*COMMANDS[command], str(missing), *EN])
    message = MSG_CANNOT_READ.format(path=missing, reason="No such file or directory").en
    assert_one_line(done, expected_line(command, message))


def test_nan_is_not_json_for_assess(tmp_path: Path) -> None:
    done = run([*COMMANDS["assess"], write(tmp_path, "nan.json", b'{"age": NaN}'), *EN])
    message = MSG_NOT_JSON.format(line=1, column=1, detail=MSG_NOT_A_NUMBER).en
    assert_one_line(done, expected_line("assess", message))


def test_nan_is_not_json_for_score(tmp_path: Path) -> None:
    done = run([*COMMANDS["score"], write(tmp_path, "nan.json", b'{"pain": Infinity}'), *EN])
    assert_one_line(done, f"hizakoshi score: line 1: not valid JSON ({MSG_NOT_A_NUMBER})\n")


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("body", [b'{"\\ud800": 1}', b'{"sex": "\\udfff"}'])
def test_half_a_surrogate_pair_exits_2_with_one_line(
    command: str, body: bytes, tmp_path: Path
) -> None:
    done = run([*COMMANDS[command], write(tmp_path, "half.json", body), *EN])
    if command == "assess":
        expected = MSG_NOT_JSON.format(line=1, column=1, detail=MSG_LONE_SURROGATE).en + "\n"
    else:
        expected = f"hizakoshi score: line 1: not valid JSON ({MSG_LONE_SURROGATE})\n"
    assert_one_line(done, expected)


def test_a_whole_surrogate_pair_is_text(tmp_path: Path) -> None:
    done = run(["assess", write(tmp_path, "emoji.json", b'{"\\ud83d\\ude00": 1}'), *EN])
    assert done.returncode == 2
    assert json.loads(done.stderr)["errors"]["\U0001f600"]  # an unknown field, named


def test_the_japanese_message_is_one_line_too(tmp_path: Path) -> None:
    done = run(["assess", "/dev/zero"])
    assert (
        done.stderr.decode("utf-8") == MSG_TOO_LARGE.format(limit=f"{MAX_INPUT_BYTES:,}").ja + "\n"
    )


# --- what must still work ------------------------------------------------------------------


def test_answers_padded_to_exactly_the_cap_are_still_assessed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    body = json.dumps(ANSWERS).encode()
    body += b" " * (MAX_INPUT_BYTES - len(body))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body), encoding="utf-8"))
    assert cli.main(["assess"]) == 0
    assert json.loads(capsys.readouterr().out)["engine_version"]


def test_json_lines_longer_in_total_than_the_cap_are_all_scored(tmp_path: Path) -> None:
    line = json.dumps({"pain": 4}) + "\n"
    lines = line * (MAX_INPUT_BYTES // len(line) + 1000)  # over a megabyte, each line small
    path = write(tmp_path, "many.jsonl", lines.encode())
    done = run(["score", "nrs", path])
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(b"\n") == lines.count("\n")


def test_an_oversized_line_after_good_ones_keeps_their_results(tmp_path: Path) -> None:
    data = b'{"pain": 4}\n{"pain": 5}\n' + b"0" * (MAX_INPUT_BYTES + 10)
    done = run(["score", "nrs", write(tmp_path, "tail.jsonl", data), *EN])
    assert done.returncode == 2
    assert done.stdout.decode().splitlines() == ['{"score":4}', '{"score":5}']
    assert done.stderr.decode() == f"hizakoshi score: line 3: {TOO_LARGE}\n"


def test_keep_going_reports_a_too_deep_line_and_scores_the_rest(tmp_path: Path) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    data = b'{"pain": 4}\n' + deep + b'\n{"pain": 6}\n'
    done = run(["score", "nrs", write(tmp_path, "k.jsonl", data), "--keep-going", *EN])
    assert done.returncode == 2
    results = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert results[0] == {"score": 4} and results[2] == {"score": 6}
    assert results[1]["line"] == 2
    assert results[1]["error"]["message"] == MSG_TOO_DEEP.en


def test_messages_are_texts_in_both_languages() -> None:
    for message in (MSG_TOO_LARGE, MSG_TOO_DEEP, MSG_NUMBER_TOO_LONG, MSG_NOT_UTF8):
        assert isinstance(message, Text)
        assert message.ja and message.en
