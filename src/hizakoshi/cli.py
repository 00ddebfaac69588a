"""The `hizakoshi` command: a thin wrapper over the care core and Django's management commands.

`assess` and `schema` never import Django, so they start fast and work without a database.
Every subcommand this module does not know is handed to Django with the project's settings.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib import metadata
from typing import IO, Any

from hizakoshi import scorecli
from hizakoshi.care.model import Lang, Text
from hizakoshi.care.yamlfile import ContentError

# Reading the input is shared with `score`: every way it can fail is one line (jsoninput.py).
from hizakoshi.jsoninput import (  # noqa: F401  (the messages are part of this module's interface)
    MSG_CANNOT_READ,
    MSG_NOT_JSON,
    MSG_NOT_UTF8,
)
from hizakoshi.jsoninput import InputProblem as _InputError
from hizakoshi.jsoninput import read_json_input as _read_json

SETTINGS_MODULE = "hizakoshi.site.settings"
OWN_COMMANDS = ("assess", "schema", "score", "rules-sheet", "run")

# Exit codes: 0 = done (an emergency result is still a valid assessment), 2 = the input or the
# content files are at fault, 1 = a Django command failed.
EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2

MSG_CONTENT = Text(
    ja="内容ファイルにまちがいがあります: {detail}",
    en="A content file has a mistake: {detail}",
)

MSG_SETTINGS = "A setting is wrong"  # Django commands speak English, as Django does

EPILOG = """\
Any other command goes to Django's management commands with
DJANGO_SETTINGS_MODULE=hizakoshi.site.settings, for example:
  hizakoshi migrate          hizakoshi createsuperuser
  hizakoshi purge_results    hizakoshi runserver
  hizakoshi help             (lists every Django command)
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        if args and args[0] not in OWN_COMMANDS and not args[0].startswith("-"):
            return _django(args)
        return _own(args)
    except ContentError as exc:
        lang = _lang_hint(args)
        _emit(sys.stderr, MSG_CONTENT.format(detail=str(exc)).get(lang) + "\n")
        return EXIT_BAD_INPUT


def _own(args: list[str]) -> int:
    parser = _parser()
    try:
        ns = parser.parse_args(args)
    except SystemExit as exit_:
        # argparse exits on --help, --version and usage errors; main() returns instead, so
        # it can be called in-process.
        return _exit_code(exit_)
    if ns.command is None:
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    if ns.command == "assess":
        return _assess(ns.file, ns.lang)
    if ns.command == "schema":
        return _schema()
    if ns.command == "score":
        code: int = ns.func(ns)
        return code
    if ns.command == "rules-sheet":
        from hizakoshi.care.rulesheet import command

        status, out, err = command(ns.mode)
        _emit(sys.stdout, out)
        _emit(sys.stderr, err)
        return status
    return _run(ns.port)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hizakoshi",
        description="膝腰ナビ (hizakoshi): self-care support for knee and low-back pain.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    assess = commands.add_parser(
        "assess",
        help="assess one set of self-check answers (JSON) and print the result as JSON",
        description="Read self-check answers (a JSON object) and print the assessment as JSON. "
        "Exit code 0 for any valid answers (an emergency result too), 2 for bad input.",
    )
    assess.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="answers file; - or none for stdin"
    )
    assess.add_argument(
        "--lang", choices=("ja", "en"), default="ja", help="language of the result (default: ja)"
    )
    commands.add_parser(
        "schema",
        help="print the JSON Schema of the self-check answers",
        description="Print the JSON Schema (2020-12) that the answers of `assess` follow.",
    )
    scorecli.add_parser(commands)
    sheet = commands.add_parser(
        "rules-sheet",
        help="print the clinical rules sheet (Markdown) for the clinic's doctor",
        description="Print the clinical rules sheet generated from the content files; --write "
        "updates docs/clinical-rules.md, --check exits 2 when that file is out of date.",
    )
    mode = sheet.add_mutually_exclusive_group()
    mode.add_argument("--write", dest="mode", action="store_const", const="write")
    mode.add_argument("--check", dest="mode", action="store_const", const="check")
    run = commands.add_parser(
        "run",
        help="set up the database, load demo data and serve the app on 127.0.0.1",
        description="Apply migrations, collect the static files, load the demo data (load_demo, "
        "load_demo_journey, load_demo_clinic) and serve the app on 127.0.0.1:PORT with Django's "
        "development server; the daily job review_journeys runs at start and each morning at "
        "05:00. E-mails are printed to the terminal. For production use `hizakoshi serve`.",
    )
    run.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    return parser


def _assess(source: str, lang: Lang) -> int:
    # Imported here so that `--help` and `--version` stay instant.
    from hizakoshi.care import assess
    from hizakoshi.care.questions import InvalidAnswers, parse_answers

    try:
        raw = _read_json(source)
        answers = parse_answers(raw)
    except _InputError as problem:
        _emit(sys.stderr, problem.message.get(lang) + "\n")
        return EXIT_BAD_INPUT
    except InvalidAnswers as invalid:
        _emit(sys.stderr, _dumps({"errors": invalid.localized(lang)}) + "\n")
        return EXIT_BAD_INPUT
    _emit(sys.stdout, _dumps(assess(answers).localized(lang)) + "\n")
    return EXIT_OK


def _schema() -> int:
    from hizakoshi.care.questions import json_schema

    _emit(sys.stdout, _dumps(json_schema()) + "\n")
    return EXIT_OK


def _run(port: int) -> int:
    from django.core.management import CommandError, call_command

    # The demo prints e-mails (password resets too) to this terminal: chosen here, by name, as
    # settings ask when debug is off. A real server uses `hizakoshi serve` and SMTP.
    os.environ.setdefault("HIZAKOSHI_EMAIL_BACKEND", "console")
    # The clinic that results, Today and booking name when the person has linked with none: the
    # demo clinic (load_demo_clinic below), unless the environment names another.
    os.environ.setdefault("HIZAKOSHI_CLINIC_CODE", "DEMO01")
    _setup_django()
    from hizakoshi.journey.review import daily
    from hizakoshi.site.management.commands.serve import collect_static

    try:
        call_command("migrate", interactive=False)
        collect_static()
        call_command("load_demo", base_url=f"http://127.0.0.1:{port}")
        call_command("load_demo_journey", base_url=f"http://127.0.0.1:{port}")
        # After the journey's demo person, whom the demo clinic links too.
        call_command("load_demo_clinic", base_url=f"http://127.0.0.1:{port}")
        # No cron here: the weekly plan reviews and the escalation review run now and each
        # morning in a thread (production schedules `hizakoshi review_journeys` instead).
        daily.start_daily_reviews()
        # No autoreloader: it would re-run this whole command (migrate, load_demo) in a child.
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
    except CommandError as exc:
        _emit(sys.stderr, f"Error: {exc}\n")
        return EXIT_FAILED
    return EXIT_OK


def _django(args: list[str]) -> int:
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    try:
        execute_from_command_line(["hizakoshi", *args])
    except SystemExit as exit_:
        return _exit_code(exit_)
    except ImproperlyConfigured as exc:
        # A setting the environment got wrong: the settings' own message, one line.
        _emit(sys.stderr, f"{MSG_SETTINGS}: {exc}\n")
        return EXIT_BAD_INPUT
    return EXIT_OK


def _setup_django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    django.setup()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _emit(stream: IO[str], text: str) -> None:
    """Write UTF-8 whatever the locale says, so Japanese never fails on a C or cp932 console."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be from 1 to 65535, not {port}")
    return port


def _lang_hint(args: list[str]) -> Lang:
    for i, arg in enumerate(args):
        if arg == "--lang=en" or (arg == "--lang" and args[i + 1 : i + 2] == ["en"]):
            return "en"
    return "ja"


def _exit_code(exit_: SystemExit) -> int:
    code = exit_.code
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    _emit(sys.stderr, f"{code}\n")
    return EXIT_FAILED


def _version() -> str:
    try:
        return metadata.version("hizakoshi")
    except metadata.PackageNotFoundError:
        return "unknown"
