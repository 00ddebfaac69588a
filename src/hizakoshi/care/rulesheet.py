"""The clinical rules sheet: every rule the engine applies, with its source, for the doctor.

`rules_sheet()` renders docs/clinical-rules.md (Markdown) from the loaded, validated content files
and the thresholds in care code, so the sheet can never say something the engine does not do.
The output is deterministic (file order, no timestamps): a test compares it with the checked-in
file, and `hizakoshi rules-sheet --write` (`make rules-sheet`) regenerates it.

Sign-off marker: a source that itself says it is our own choice or awaits a clinician (any phrase
of SIGN_OFF_PHRASES) is shown with SIGN_OFF_MARK and listed in the summary at the top.
The sections themselves are in care/rulesheet_parts.py.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from hizakoshi.care.model import Text

DOC_PATH = Path("docs") / "clinical-rules.md"
REGENERATE = "make rules-sheet"
MSG_STALE = f"{DOC_PATH.as_posix()} is out of date: run `{REGENERATE}`"
MSG_WRITTEN = f"{DOC_PATH.as_posix()} written"

# Phrases by which a source says that the rule is our own choice or still needs a clinician.
SIGN_OFF_PHRASES = (
    "our choice",
    "our own",
    "written by us",
    "clinician",
    "unverified",
    "no primary source",
)
SIGN_OFF_MARK = "⚠ 要確認 (needs sign-off)"


def needs_sign_off(source: str) -> bool:
    lowered = source.lower()
    return any(phrase in lowered for phrase in SIGN_OFF_PHRASES)


def cell(value: object) -> str:
    """One line of text, safe inside a Markdown table cell."""
    return " ".join(str(value).split()).replace("|", "\\|")


def both(text: Text) -> str:
    return f"{cell(text.ja)} / {cell(text.en)}"


def number(value: float) -> str:
    return f"{value:g}"


class Sheet:
    """Lines of Markdown, and the sources needing a clinician's sign-off in order of appearance."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.marked: list[tuple[str, str, str]] = []
        self.section = ""

    def heading(self, level: int, ja: str, en: str) -> None:
        if level == 2:
            self.section = f"{ja} ({en})"
        self.add("", f"{'#' * level} {ja} ({en})", "")

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def table(self, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
        self.add(
            "| " + " | ".join(header) + " |",
            "|" + "|".join("---" for _ in header) + "|",
            *("| " + " | ".join(row) + " |" for row in rows),
            "",
        )

    def source(self, item: str, source: str) -> str:
        text = cell(source)
        if not needs_sign_off(text):
            return text
        self.marked.append((self.section, item, text))
        return f"**{SIGN_OFF_MARK}** {text}"


# --- Rules written in code, shown as the code's own expressions --------------------------------


def _parse(module: ModuleType) -> ast.Module:
    return ast.parse(inspect.getsource(module))


def function_rule(fn: Callable[..., object]) -> tuple[str | None, str]:
    """A rule function's docstring (one line, or None) and its body as code, without the
    docstring; a lambda gives `return` and its expression."""
    doc = inspect.getdoc(fn)
    line = " ".join(doc.split()) if doc else None
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError):
        return line, f"# see {fn.__module__}.{fn.__qualname__}"
    node = tree.body[0]
    if isinstance(node, ast.FunctionDef):
        body = node.body[1:] if ast.get_docstring(node) else node.body
        return line, "\n".join(ast.unparse(statement) for statement in body)
    lambdas = [n for n in ast.walk(tree) if isinstance(n, ast.Lambda)]
    if len(lambdas) == 1:
        return None, "return " + ast.unparse(lambdas[0].body)
    return line, f"# see {fn.__module__}.{fn.__qualname__}"


def functions_in(module: ModuleType) -> list[str]:
    return [node.name for node in _parse(module).body if isinstance(node, ast.FunctionDef)]


def dict_entries(module: ModuleType, name: str) -> dict[str, str]:
    """The entries of a module-level dict literal as code: key -> value (lambdas as their body)."""
    for node in _parse(module).body:
        if isinstance(node, ast.AnnAssign):
            targets: list[ast.expr] = [node.target]
        elif isinstance(node, ast.Assign):
            targets = node.targets
        else:
            continue
        named = any(isinstance(t, ast.Name) and t.id == name for t in targets)
        if named and isinstance(node.value, ast.Dict):
            found: dict[str, str] = {}
            for key, value in zip(node.value.keys, node.value.values, strict=True):
                if isinstance(key, ast.Constant):
                    shown = value.body if isinstance(value, ast.Lambda) else value
                    found[str(key.value)] = ast.unparse(shown)
            return found
    raise KeyError(name)


def code_item(sheet: Sheet, label: str, code: str, indent: str = "") -> None:
    """A list item showing a rule's code: inline when it is one return, else a block."""
    if "\n" not in code and code.startswith("return "):
        sheet.add(f"{indent}- {label}: `{code.removeprefix('return ')}`")
        return
    inner = indent + "  "
    sheet.add(f"{indent}- {label}:", "", f"{inner}```")
    sheet.add(*(f"{inner}{line}" for line in code.splitlines()), f"{inner}```", "")


# --- The whole sheet ------------------------------------------------------------------------------


def _summary(sheet: Sheet) -> list[str]:
    phrases = ", ".join(f"“{p}”" for p in SIGN_OFF_PHRASES)
    lines = [
        "",
        "## 要確認の一覧 (Needs a clinician's sign-off)",
        "",
        f"A source is marked **{SIGN_OFF_MARK}** when it says itself that the rule is our own "
        f"choice or awaits a clinician: it contains one of {phrases} (case ignored). "
        f"{len(sheet.marked)} entries are marked:",
        "",
    ]
    if not sheet.marked:
        return [*lines, "None.", ""]
    rows = [
        f"| {i} | {section} | {item} | {source} |"
        for i, (section, item, source) in enumerate(sheet.marked, start=1)
    ]
    return [
        *lines,
        "| # | 節 (section) | 項目 (item) | 出典 (source) |",
        "|---|---|---|---|",
        *rows,
    ]


def rules_sheet() -> str:
    """The whole sheet as Markdown (ends with one newline)."""
    from hizakoshi.care import rulesheet_parts as parts
    from hizakoshi.care.assess import ENGINE_VERSION
    from hizakoshi.care.content import content_hash, load_all

    load_all()
    sheet = Sheet()
    for section in parts.SECTIONS:
        section(sheet)
    head = [
        "# 臨床ルール一覧 (Clinical rules sheet)",
        "",
        "For the clinic's doctor: every rule the self-check and the self-care journey apply, with "
        "its source. Generated from the content files and the thresholds in the code by "
        f"`hizakoshi rules-sheet`; do not edit by hand, run `{REGENERATE}`.",
        "",
        f"- Engine version: `{ENGINE_VERSION}`",
        f"- Content hash (sha256 of care/content/): `{content_hash()}`",
        "- Texts are shown as 日本語 / English.",
    ]
    body = "\n".join([*head, *_summary(sheet), *sheet.lines])
    # One blank line at most between blocks, one newline at the end.
    while "\n\n\n" in body:
        body = body.replace("\n\n\n", "\n\n")
    return body.strip() + "\n"


def command(mode: str | None, path: Path = DOC_PATH) -> tuple[int, str, str]:
    """`hizakoshi rules-sheet [--write|--check]`: (exit code, stdout, stderr).

    No mode prints the sheet; "write" updates the file; "check" exits 2 when it is stale.
    """
    text = rules_sheet()
    if mode is None:
        return 0, text, ""
    if mode == "write":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return 0, "", MSG_WRITTEN + "\n"
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if current != text:
        return 2, "", MSG_STALE + "\n"
    return 0, "", ""
