"""The core owns every rule: the journey's shell (services, views, selectors, forms) counts no
days and holds no threshold of its own; it asks care/ (issue 9, item 1).

The scan flags each `timedelta(` call and each number above 1 in those modules. What is left
is listed below with why it is not a clinical or scheduling rule (storage sizes, plausibility
bounds of an input, drawing sizes, the shape of a date). A new one fails this test: move the
rule into care/ (with its source in care/content/) and ask it, or, if it truly is not a rule,
add it here with the reason.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

JOURNEY = Path(__file__).resolve().parents[1] / "src" / "hizakoshi" / "journey"
SCANNED = ("services.py", "views.py", "selectors.py", "forms.py")
# demo/ makes up a year of history for the demo account; it is not the live journey.
SKIPPED_FOLDERS = ("demo",)
# Keyword arguments whose numbers are storage or transport, never a rule.
HARMLESS_KEYWORDS = frozenset({"max_length", "max_digits", "decimal_places", "status"})

# file -> the numbers (and "timedelta(" calls) it may hold, each with why it is not a rule.
ALLOWED: dict[str, list[str]] = {
    "checkins/selectors.py": ["6"],  # six past answers on the page
    "checkins/services.py": ["200"],  # a PSFS activity's name is stored in 200 characters
    "checkins/views.py": ["2"],  # the latest knee and back NRS answers shown
    # Plausibility bounds of what a person types (minutes, steps), not judgements.
    "diary/forms.py": ["600", "600", "100000"],
    "diary/views.py": ["10"],  # the length of an ISO date, YYYY-MM-DD
    # Plausibility bounds of the measurements (the core refuses what it cannot judge).
    "function_tests/forms.py": ["500", "500", "100", "230", "18"],
    "me/forms.py": ["100", "230", "25", "250"],  # height and weight a profile can hold
    "plan/services.py": ["100", "230"],  # a height the self-check accepts
    # Whole years from days (4 years = 1461 days; 365 a year): the shape of a date.
    "pause/selectors.py": ["4", "1461"],
    "progress/selectors.py": ["365"],
    # Drawing: rows beside a chart, the chart's size, a gap of a week breaks the line.
    "progress/views.py": ["12", "340", "220", "7"],
    # The calendar file's span (a year ahead, four weeks behind), the week's 7 weekdays, the
    # UID's length, 09:00 when no time is set: the feed's shape, not the check-in schedule.
    "reminders/selectors.py": ["timedelta(", "365", "timedelta(", "4", "7", "20", "9"],
    # The doctor's summary: the newest five messages, the latest knee and back NRS answers.
    "summary/selectors.py": ["5", "2"],
    # A saved session's size limits and a phone clock's slack; the 0-10 pain choices.
    "session/forms.py": ["20", "timedelta(", "5", "5", "200", "20", "11"],
}


def flagged(source: str) -> list[tuple[int, str]]:
    """(line, token) for each `timedelta(` call and each number above 1 not in a harmless
    keyword argument."""
    tree = ast.parse(source)
    harmless = {
        id(kw.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for kw in node.keywords
        if kw.arg in HARMLESS_KEYWORDS
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "timedelta":
                found.append((node.lineno, "timedelta("))
        elif (
            isinstance(node, ast.Constant)
            and type(node.value) in (int, float)
            and node.value > 1
            and id(node) not in harmless
        ):
            found.append((node.lineno, f"{node.value:g}"))
    return sorted(found)


def scanned_files() -> list[Path]:
    return sorted(
        path
        for path in JOURNEY.rglob("*.py")
        if path.name in SCANNED
        and not any(part in SKIPPED_FOLDERS for part in path.relative_to(JOURNEY).parts)
    )


def test_the_scan_finds_a_schedule_written_in_the_shell() -> None:
    source = "from datetime import timedelta\nEVERY = timedelta(days=28)\nok = n >= 1\n"
    assert flagged(source) == [(2, "28"), (2, "timedelta(")]
    assert flagged("Field(max_length=200)\n") == []


def test_the_scan_reads_the_journey_s_feature_folders() -> None:
    names = {p.relative_to(JOURNEY).as_posix() for p in scanned_files()}
    assert {"checkins/selectors.py", "review/services.py", "today/views.py"} <= names


def test_the_journey_shell_holds_no_interval_or_threshold_of_its_own() -> None:
    problems = []
    for path in scanned_files():
        name = path.relative_to(JOURNEY).as_posix()
        hits = flagged(path.read_text(encoding="utf-8"))
        extra = Counter(token for _, token in hits) - Counter(ALLOWED.get(name, []))
        problems += [f"{name}:{line}: {token}" for line, token in hits if token in extra]
    assert not problems, "Rules belong in care/ (see this test's docstring):\n" + "\n".join(
        problems
    )


def test_the_allow_list_names_only_what_is_still_there() -> None:
    # A stale entry would let a new rule in unnoticed: remove it when the number goes.
    stale = []
    for name, allowed in ALLOWED.items():
        path = JOURNEY / name
        hits = (
            Counter(t for _, t in flagged(path.read_text(encoding="utf-8")))
            if path.is_file()
            else Counter()
        )
        stale += [f"{name}: {token}" for token in Counter(allowed) - hits]
    assert not stale, "allow-list entries no longer in the code:\n" + "\n".join(stale)
