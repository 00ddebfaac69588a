"""The structure holds: the picture in docs/ARCHITECTURE.md is the code's, features are folders
with the same layer names, and selectors only read."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "hizakoshi"


def test_the_architecture_picture_is_drawn_from_the_current_code() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "architecture.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_no_module_is_named_after_a_layer_and_an_area() -> None:
    # Folders by feature: `journey/diary/views.py`, never `journey/views_diary.py`.
    layer_area = re.compile(r"^(views|forms|services|selectors|presenters|urls)_\w+\.py$")
    flat = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if layer_area.match(p.name)]
    assert flat == []


def _imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_selectors_never_import_a_writer() -> None:
    offenders = {
        str(path.relative_to(SRC)): sorted(
            m for m in _imported_modules(path) if m.endswith(".services") or ".services." in m
        )
        for path in SRC.rglob("selectors.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_layer_check_would_catch_a_selector_that_imports_a_service(tmp_path: Path) -> None:
    bad = tmp_path / "selectors.py"
    bad.write_text("from hizakoshi.journey.diary.services import diary_save\n")
    assert "hizakoshi.journey.diary.services" in _imported_modules(bad)
