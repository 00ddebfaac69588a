"""Which part of the code may import which, read from the source (not from what happens to be
imported at run time).

- accounts is the login: it depends on care/ and site/ only, never on a feature (journey,
  selfcheck, the clinic to come). Features join an account to their records themselves
  (journey/join/, journey/me/services.py).
- care/ is the pure core: no Django (tests/care/test_properties.py checks that too, module by
  module; this test names the rule beside the other layers).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import hizakoshi

SRC = Path(hizakoshi.__file__).parent
FEATURES = ("hizakoshi.journey", "hizakoshi.selfcheck", "hizakoshi.clinic")


def imported_modules(package: str) -> dict[str, list[str]]:
    """Every absolute module name imported in the package's Python files, by file and line."""
    found: dict[str, list[str]] = {}
    for path in sorted((SRC / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue  # a relative import stays inside the package
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            for name in names:
                found.setdefault(name, []).append(where)
    return found


def _within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def test_accounts_imports_no_feature() -> None:
    imports = imported_modules("accounts")
    offenders = {n: where for n, where in imports.items() if _within(n, FEATURES)}
    assert offenders == {}
    ours = {n for n in imports if n.startswith("hizakoshi.")}
    allowed = ("hizakoshi.accounts", "hizakoshi.care", "hizakoshi.site")
    assert {n for n in ours if not _within(n, allowed)} == set()
    assert "hizakoshi.accounts.models" in ours  # the scan reads the package's own imports


def test_accounts_templates_link_to_no_feature_page() -> None:
    named = set()
    for path in (SRC / "accounts" / "templates").rglob("*"):
        if path.is_file():
            named |= set(re.findall(r"\{% url '([\w-]+):", path.read_text(encoding="utf-8")))
    assert named == {"accounts"}


def test_the_care_core_imports_no_django() -> None:
    imports = imported_modules("care")
    assert {n: w for n, w in imports.items() if _within(n, ("django",))} == {}
    assert "hizakoshi.care.model" in imports


def test_the_scan_sees_an_import_across_packages_where_there_is_one() -> None:
    # journey/join/ is where accounts meets the journey: the scan must see that import there.
    assert "hizakoshi.accounts.signup" in imported_modules("journey")
