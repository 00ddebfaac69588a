"""`hizakoshi score`: score outcome-instrument answers given as JSON.

    hizakoshi score --list                 instrument names, one per line
    hizakoshi score koos --items           item ids in published order, one per line
    hizakoshi score koos answers.json      one JSON object -> one JSON result
    hizakoshi score koos - < many.jsonl    JSON lines -> one JSON result per line, streamed

Input is one object keyed by item id, or JSON lines (one object per line). Output is one compact
JSON result per input object, in order. Exit status: 0 scored; 2 bad input (unknown item,
out-of-range answer, not JSON, unknown instrument, unreadable file) with the item and, for JSON
lines, the line number named on stderr. Unanswered items are not errors: each instrument's
missing-answer rule decides, and a score that cannot be given is null.

A thin wrapper over care.scoring, so the web and the command can never disagree. cli.py
registers it with `add_parser(subparsers)`; `python -m hizakoshi.scorecli` runs it alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

from hizakoshi.care.model import Lang, Text
from hizakoshi.care.scoring import ENGINES, Engine, ScoreInputError
from hizakoshi.jsoninput import (
    MAX_INPUT_BYTES,
    MSG_NOT_UTF8,
    MSG_TOO_LARGE,
    InputProblem,
    NotJSON,
    open_input,
    parse,
    text_lines,
)

EXIT_OK = 0
EXIT_BAD_INPUT = 2
FLUSH_EVERY = 2048  # results per write: few syscalls, bounded memory

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


# Messages are defined once; tests assert on them.
MSG_NO_INSTRUMENT = Text(
    ja="質問票の名前を指定してください（{names}）。",
    en="no instrument given; choose one of: {names}",
)
MSG_UNKNOWN_INSTRUMENT = Text(
    ja="「{name}」という質問票はありません（{names}）。",
    en="unknown instrument {name!r}; choose one of: {names}",
)
MSG_EMPTY = Text(
    ja="答えがありません（JSONオブジェクトかJSON linesで渡してください）。",
    en="no answers given (expected a JSON object or JSON lines)",
)
MSG_NOT_JSON = Text(ja="JSONとして読めません（{detail}）", en="not valid JSON ({detail})")
MSG_AT_LINE = Text(ja="{line}行目: {message}", en="line {line}: {message}")


class BadInput(Exception):
    """Input that stops the run: its message goes to stderr and the exit status is 2."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "score",
        help="score outcome questionnaires (KOOS, ODI, ...) from JSON answers",
        description=__doc__.split("\n\n")[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_arguments(parser)


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "instrument", nargs="?", metavar="INSTRUMENT", help=f"one of: {', '.join(ENGINES)}"
    )
    parser.add_argument(
        "file", nargs="?", default="-", metavar="FILE|-", help="JSON or JSON lines; - = stdin"
    )
    parser.add_argument("--list", action="store_true", help="list the instrument names")
    parser.add_argument("--items", action="store_true", help="list the item ids in order")
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="on a bad line, write an error object for it and go on (exit status still 2)",
    )
    parser.add_argument(
        "--lang", choices=("ja", "en"), default="ja", help="language of errors (default: ja)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out, err, lang = sys.stdout, sys.stderr, args.lang
    if args.list:
        out.write("".join(f"{name}\n" for name in ENGINES))
        return EXIT_OK
    engine = ENGINES.get(args.instrument or "")
    if engine is None:
        names = ", ".join(ENGINES)
        text = (
            MSG_UNKNOWN_INSTRUMENT.format(name=args.instrument, names=names)
            if args.instrument
            else MSG_NO_INSTRUMENT.format(names=names)
        )
        err.write(f"hizakoshi score: {text.get(lang)}\n")
        return EXIT_BAD_INPUT
    if args.items:
        out.write("".join(f"{item}\n" for item in engine.item_ids))
        return EXIT_OK
    try:
        # One document, or each JSON line, is at most MAX_INPUT_BYTES (jsoninput.py); an endless
        # stream of valid lines is scored as it comes, like any filter.
        with open_input(args.file) as stream:
            lines = text_lines(stream)
            return score_stream(engine, lines, out, keep_going=args.keep_going, lang=lang)
    except InputProblem as exc:
        err.write(f"hizakoshi score: {exc.message.get(lang)}\n")
        return EXIT_BAD_INPUT
    except BadInput as exc:
        err.write(f"hizakoshi score: {exc.text.get(lang)}\n")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader went away (e.g. piped into `head`): that is its choice, not our failure.
        _silence_stdout()
        return EXIT_OK


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _lines(stream: Iterable[str]) -> Iterator[str]:
    try:
        yield from stream
    except UnicodeDecodeError:
        raise BadInput(MSG_NOT_UTF8) from None


def score_stream(
    engine: Engine,
    stream: Iterable[str],
    out: TextIO,
    *,
    keep_going: bool = False,
    lang: Lang = "en",
) -> int:
    """Score one JSON object, or JSON lines, from `stream` into `out`; returns the exit status.

    JSON lines are read and written one at a time, so memory stays flat however long the input.
    """
    lines = _lines(stream)
    lineno = 0
    for first in lines:
        lineno += 1
        if first.strip():
            break
    else:
        raise BadInput(MSG_EMPTY)
    try:
        answers = parse(first)
    except NotJSON:
        # Not a whole object on one line: the input is a single (pretty-printed) object.
        try:
            answers = parse(_document(first, lines))
        except NotJSON as exc:
            where = lineno + exc.line - 1
            raise BadInput(_at_line(where, MSG_NOT_JSON.format(detail=exc.detail))) from None
        except InputProblem as exc:
            raise BadInput(exc.message) from None
        try:
            out.write(_encode(engine.score(answers).as_dict()) + "\n")
        except ScoreInputError as exc:
            raise BadInput(exc.text) from None
        return EXIT_OK
    except InputProblem as exc:
        raise BadInput(_at_line(lineno, exc.message)) from None
    return _score_json_lines(engine, answers, lineno, lines, out, keep_going, lang)


def _document(first: str, rest: Iterator[str], limit: int = MAX_INPUT_BYTES) -> str:
    """The lines of one multi-line object, refused once they pass `limit` characters."""
    parts, size = [first], len(first)
    for line in rest:
        size += len(line)
        if size > limit:
            raise BadInput(MSG_TOO_LARGE.format(limit=f"{limit:,}"))
        parts.append(line)
    return "".join(parts)


def _score_json_lines(
    engine: Engine,
    first: object,
    first_lineno: int,
    lines: Iterator[str],
    out: TextIO,
    keep_going: bool,
    lang: Lang,
) -> int:
    score, encode = engine.score, _encode
    pending: list[str] = []  # encoded results, newline added when written

    def flush() -> None:
        if pending:
            out.write("\n".join(pending) + "\n")
            pending.clear()

    failed = False

    def problem(lineno: int, exc: ScoreInputError | None, text: Text) -> None:
        nonlocal failed
        failed = True
        if not keep_going:
            flush()
            raise BadInput(_at_line(lineno, text))
        detail = {"code": exc.code if exc else "not_json", "message": text.get(lang)}
        if exc is not None and exc.item is not None:
            detail["item"] = exc.item
        pending.append(encode({"line": lineno, "error": detail}))

    try:
        pending.append(encode(score(first).as_dict()))
    except ScoreInputError as exc:
        problem(first_lineno, exc, exc.text)
    lineno = first_lineno
    while True:
        try:
            line = next(lines, None)
        except InputProblem as exc:  # a line over the size cap, or not UTF-8: reading stops
            flush()
            raise BadInput(_at_line(lineno + 1, exc.message)) from None
        if line is None:
            break
        lineno += 1
        if not line.strip():
            continue
        try:
            pending.append(encode(score(parse(line)).as_dict()))
        except ScoreInputError as exc:
            problem(lineno, exc, exc.text)
        except NotJSON as exc:
            problem(lineno, None, MSG_NOT_JSON.format(detail=exc.detail))
        except InputProblem as exc:
            problem(lineno, None, exc.message)
        if len(pending) >= FLUSH_EVERY:
            flush()
    flush()
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _at_line(lineno: int, text: Text) -> Text:
    return Text(
        ja=MSG_AT_LINE.ja.format(line=lineno, message=text.ja),
        en=MSG_AT_LINE.en.format(line=lineno, message=text.en),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hizakoshi score", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    _add_arguments(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        # argparse exits on --help and usage errors; return instead so main() works in-process.
        return exit_.code if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
