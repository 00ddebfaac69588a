"""Print one closing line over several pytest JUnit XML reports: "total: N passed, N failed".

usage: python scripts/junit_total.py REPORT.xml [REPORT.xml ...]   (called by scripts/test.sh)
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main(paths: list[str]) -> None:
    tests = failures = skipped = 0
    for path in paths:
        if not Path(path).exists():  # pytest stopped before writing it; its own output says why
            continue
        for suite in ET.parse(path).getroot().iter("testsuite"):
            tests += int(suite.get("tests", 0))
            failures += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skipped += int(suite.get("skipped", 0))
    passed = tests - failures - skipped
    print(f"total: {passed} passed, {failures} failed, {skipped} skipped")


if __name__ == "__main__":
    main(sys.argv[1:])
