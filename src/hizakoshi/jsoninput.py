"""Reading JSON given to the command line, with every bad input a one-line error.

Shared by `hizakoshi assess` (one JSON document) and `hizakoshi score` (one document or JSON
lines). Whatever arrives (a missing file, a directory, /dev/zero, endless or binary input, a
5000-digit number, 100,000 nested brackets, NaN, half a surrogate pair) ends as an `InputProblem`
with a message in both languages, never a traceback or an exhausted memory:
- at most MAX_INPUT_BYTES are read for one document, and for each line of JSON lines;
- the JSON parser's recursion limit and Python's limit on integer digits become messages;
- NaN and Infinity, which Python's json module accepts but JSON does not, are refused.
No Django here: `assess` must start fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import IO, Any, cast

from hizakoshi.care.model import Text

# The most one answers document (or one JSON line) may hold. A full set of self-check answers is
# about 2 kB and a questionnaire's about 1 kB; a megabyte leaves room for any honest input.
MAX_INPUT_BYTES = 1_000_000

MSG_CANNOT_READ = Text(
    ja="ファイルを読めません: {path}({reason})",
    en="Cannot read {path}: {reason}",
)
MSG_NOT_UTF8 = Text(
    ja="入力がUTF-8のテキストではありません。",
    en="The input is not UTF-8 text.",
)
MSG_NOT_JSON = Text(
    ja="入力がJSONとして読めません({line}行目、{column}文字目): {detail}",
    en="The input is not valid JSON (line {line}, column {column}): {detail}",
)
MSG_TOO_LARGE = Text(
    ja="入力が大きすぎます(1件あたり{limit}バイトまで)。",
    en="The input is too large (at most {limit} bytes per answer set).",
)
MSG_TOO_DEEP = Text(
    ja="入力のJSONは入れ子が深すぎます。",
    en="The input's JSON is nested too deeply.",
)
MSG_NUMBER_TOO_LONG = Text(
    ja="入力に桁数の多すぎる数があります({digits}桁まで)。",
    en="The input has a number with too many digits (at most {digits}).",
)
MSG_NOT_A_NUMBER = "NaN and Infinity are not JSON numbers"
MSG_LONE_SURROGATE = "a \\u escape between D800 and DFFF without its pair is not text"


class InputProblem(Exception):
    """Input that cannot be read as JSON at all: one line for the person, in their language."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message


class NotJSON(InputProblem):
    """Text that is not JSON; keeps where and why, for callers that word it their own way."""

    def __init__(self, line: int, column: int, detail: str) -> None:
        super().__init__(MSG_NOT_JSON.format(line=line, column=column, detail=detail))
        self.line, self.column, self.detail = line, column, detail


def open_input(source: str) -> AbstractContextManager[IO[bytes]]:
    """The bytes of a file, or of stdin for "-"; an unreadable path is an InputProblem."""
    if source == "-":
        stdin: Any = sys.stdin
        buffer = getattr(stdin, "buffer", None)
        raw: IO[bytes] = buffer if buffer is not None else cast("IO[bytes]", _TextAsBytes(stdin))
        return nullcontext(raw)
    try:
        return open(source, "rb")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputProblem(MSG_CANNOT_READ.format(path=source, reason=reason)) from None


def read_document(stream: IO[bytes], limit: int = MAX_INPUT_BYTES) -> bytes:
    """All of `stream`, or an InputProblem as soon as it passes `limit` bytes (endless input)."""
    try:
        data = stream.read(limit + 1)
    except OSError as exc:  # e.g. a directory given as stdin
        raise InputProblem(
            MSG_CANNOT_READ.format(path="-", reason=exc.strerror or type(exc).__name__)
        ) from None
    if len(data) > limit:
        raise InputProblem(MSG_TOO_LARGE.format(limit=f"{limit:,}"))
    return data


def decode(data: bytes) -> str:
    try:
        # utf-8-sig: files saved by Windows editors often start with a byte-order mark.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputProblem(MSG_NOT_UTF8) from None


def _refuse_constant(name: str) -> Any:
    raise _NonStandard(name)


class _NonStandard(ValueError):
    pass


def parse(text: str) -> Any:
    """json.loads, with each way it can fail turned into an InputProblem."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise NotJSON(exc.lineno, exc.colno, exc.msg) from None
    except _NonStandard:
        raise NotJSON(1, 1, MSG_NOT_A_NUMBER) from None
    except RecursionError:
        raise InputProblem(MSG_TOO_DEEP) from None
    except ValueError:  # "Exceeds the limit (4300 digits) for integer string conversion"
        digits = str(sys.get_int_max_str_digits())
        raise InputProblem(MSG_NUMBER_TOO_LONG.format(digits=digits)) from None
    if _has_lone_surrogate(value):
        raise NotJSON(1, 1, MSG_LONE_SURROGATE)
    return value


def _has_lone_surrogate(value: Any) -> bool:
    """Whether a string anywhere in `value` holds half of a UTF-16 pair ("\\ud800" in the JSON),
    which no UTF-8 output can hold. Walked without recursion: `value` may be deeply nested."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def read_json_input(source: str, limit: int = MAX_INPUT_BYTES) -> Any:
    """One JSON value from a file or stdin ("-"), at most `limit` bytes."""
    with open_input(source) as stream:
        return parse(decode(read_document(stream, limit)))


def text_lines(stream: IO[bytes], limit: int = MAX_INPUT_BYTES) -> Iterator[str]:
    """The lines of `stream` as text, one at a time; a line longer than `limit` bytes (no
    newline in sight: /dev/zero, a binary file) is an InputProblem before it fills memory."""
    first = True
    while True:
        try:
            raw = stream.readline(limit + 1)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise InputProblem(MSG_CANNOT_READ.format(path="-", reason=reason)) from None
        if not raw:
            return
        if len(raw) > limit and not raw.endswith(b"\n"):
            raise InputProblem(MSG_TOO_LARGE.format(limit=f"{limit:,}"))
        try:
            yield raw.decode("utf-8-sig" if first else "utf-8")
        except UnicodeDecodeError:
            raise InputProblem(MSG_NOT_UTF8) from None
        first = False


class _TextAsBytes:
    """A text stream (a test's StringIO as stdin) read as UTF-8 bytes."""

    def __init__(self, text: IO[str]) -> None:
        self.text = text

    def read(self, size: int = -1) -> bytes:
        return self.text.read(size).encode("utf-8")

    def readline(self, size: int = -1) -> bytes:
        return self.text.readline(size).encode("utf-8")
