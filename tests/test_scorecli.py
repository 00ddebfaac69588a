"""`hizakoshi score`: listing, scoring one object or JSON lines, streaming, exit codes."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from hizakoshi import scorecli
from hizakoshi.care.scoring import ENGINES
from hizakoshi.jsoninput import MSG_CANNOT_READ
from hizakoshi.scorecli import EXIT_BAD_INPUT, EXIT_OK, MSG_EMPTY, main, score_stream

KOOS_IDS = ENGINES["koos"].item_ids
ALL_TWOS = dict.fromkeys(KOOS_IDS, 2)
FIFTY = {"pain": 50.0, "symptoms": 50.0, "adl": 50.0, "sport_rec": 50.0, "qol": 50.0}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def jsonl(tmp_path: Path, *objects: object, raw: str = "") -> Path:
    path = tmp_path / "answers.jsonl"
    path.write_text("".join(json.dumps(o) + "\n" for o in objects) + raw, encoding="utf-8")
    return path


def test_list_names_every_instrument(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--list")
    assert status == EXIT_OK
    assert out == ["nrs", "psfs", "start-back", "koos", "koos-12", "koos-ps", "rmdq", "odi"]


def test_items_lists_the_ids_in_published_order(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "koos-ps", "--items")
    assert status == EXIT_OK
    assert out == ["A10", "A9", "A3", "A5", "SP4", "SP5", "SP1"]


def test_one_object_in_a_file_gives_one_json_result(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(ALL_TWOS, indent=2), encoding="utf-8")  # pretty-printed
    status, out, _ = run(capsys, "koos", str(path))
    assert status == EXIT_OK
    assert [json.loads(line) for line in out] == [FIFTY]


def test_answers_can_come_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"pain": 4}\n'))
    status, out, _ = run(capsys, "nrs", "-")
    assert (status, out) == (EXIT_OK, ['{"score":4}'])


def test_json_lines_give_one_result_per_line_in_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = jsonl(tmp_path, {"1": 3, "2": 3, "3": 3}, {"1": 0, "2": 10, "3": 5}, raw="\n")
    status, out, _ = run(capsys, "psfs", str(path))
    assert status == EXIT_OK
    assert out == ['{"score":3.0,"activities":3}', '{"score":5.0,"activities":3}']


def test_an_incomplete_form_is_not_an_error_but_scores_null(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, "rmdq", str(jsonl(tmp_path, {"1": 1})))
    assert status == EXIT_OK
    assert json.loads(out[0])["score"] is None


def test_an_out_of_range_answer_exits_2_naming_the_line_and_the_item(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = jsonl(tmp_path, ALL_TWOS, ALL_TWOS | {"P3": 7}, ALL_TWOS)
    status, out, err = run(capsys, "koos", str(path), "--lang", "en")
    assert status == EXIT_BAD_INPUT
    assert "line 2" in err
    assert 'Item "P3" takes a whole number from 0 to 4 (got 7)' in err
    assert "Traceback" not in err
    assert [json.loads(line) for line in out] == [FIFTY]  # what came before is kept


def test_keep_going_writes_an_error_object_for_the_bad_line_and_scores_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = jsonl(tmp_path, ALL_TWOS, ALL_TWOS | {"P3": 7}, ALL_TWOS)
    status, out, _ = run(capsys, "koos", str(path), "--keep-going")
    assert status == EXIT_BAD_INPUT
    results = [json.loads(line) for line in out]
    assert results[0] == results[2] == FIFTY
    assert results[1]["line"] == 2
    assert results[1]["error"]["item"] == "P3"
    assert results[1]["error"]["code"] == "out_of_range"


def test_a_line_that_is_not_json_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = run(
        capsys, "odi", str(jsonl(tmp_path, {"1": 1}, raw="{oops\n")), "--lang", "en"
    )
    assert status == EXIT_BAD_INPUT
    assert "line 2: not valid JSON" in err


def test_an_unknown_item_exits_2_with_the_message_in_japanese_by_default(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = run(capsys, "odi", str(jsonl(tmp_path, {"11": 1})))
    assert status == EXIT_BAD_INPUT
    assert "1行目" in err
    assert "「11」という項目" in err


@pytest.mark.parametrize("argv", [["womac", "-"], []])
def test_an_unknown_or_missing_instrument_exits_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, _, err = run(capsys, *argv)
    assert status == EXIT_BAD_INPUT
    assert "koos" in err  # the valid names are offered


def test_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.jsonl")
    status, _, err = run(capsys, "koos", missing, "--lang", "en")
    assert status == EXIT_BAD_INPUT
    reason = "No such file or directory"
    assert err == f"hizakoshi score: {MSG_CANNOT_READ.format(path=missing, reason=reason).en}\n"


def test_empty_input_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n")
    status, _, err = run(capsys, "koos", str(path))
    assert status == EXIT_BAD_INPUT
    assert MSG_EMPTY.ja in err


def test_the_command_registers_as_a_subcommand_of_the_main_cli(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parser = argparse.ArgumentParser(prog="hizakoshi")
    scorecli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["score", "--list"])
    assert args.func(args) == EXIT_OK
    assert "koos" in capsys.readouterr().out.split()


# --- Streaming ---------------------------------------------------------------------------------


class LazyInput(io.TextIOBase):
    """JSON lines produced one at a time; checks how much output exists part-way through."""

    def __init__(self, n: int, out: io.StringIO) -> None:
        self.n, self.out, self.output_seen_midway = n, out, 0

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        line = json.dumps(ALL_TWOS) + "\n"
        for i in range(self.n):
            if i == self.n - 1:
                self.output_seen_midway = self.out.getvalue().count("\n")
            yield line


def test_json_lines_are_written_out_while_the_input_is_still_being_read() -> None:
    out = io.StringIO()
    stream = LazyInput(10_000, out)
    assert score_stream(ENGINES["koos"], stream, out) == EXIT_OK  # type: ignore[arg-type]
    assert stream.output_seen_midway >= 8_000
    assert out.getvalue().count("\n") == 10_000


def test_memory_stays_flat_however_many_lines_are_scored(tmp_path: Path) -> None:
    path = jsonl(tmp_path, *([ALL_TWOS] * 20_000))  # about 6 MB of input
    with path.open(encoding="utf-8") as src, open(tmp_path / "out", "w") as sink:
        tracemalloc.start()
        status = score_stream(ENGINES["koos"], src, sink)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert status == EXIT_OK
    assert peak < 2_000_000


def test_as_a_separate_process_bad_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    lines = json.dumps(ALL_TWOS) + "\n" + json.dumps({"P1": 9}) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "hizakoshi.scorecli", "koos", "-"],
        input=lines,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_BAD_INPUT
    assert "2行目" in done.stderr  # Japanese by default
    assert "「P1」" in done.stderr
    assert "Traceback" not in done.stderr
    assert json.loads(done.stdout.splitlines()[0]) == FIFTY


def test_a_bad_option_returns_2_instead_of_exiting_the_caller(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _, err = run(capsys, "koos", "--lang", "fr")
    assert status == EXIT_BAD_INPUT
    assert "--lang" in err
