"""Reads of the home function tests: the latest result of each."""

from __future__ import annotations

from hizakoshi.accounts.models import User
from hizakoshi.journey.models import (
    FunctionTest,
    FunctionTestKind,
)

CHAIR_KINDS = (FunctionTestKind.CHAIR_STAND_CDC, FunctionTestKind.CHAIR_STAND_CS30)


# --- home function tests -------------------------------------------------------------------------


def function_tests_latest(*, person: User) -> dict[str, FunctionTest]:
    """The latest test of each kind. Reads the person's tests (about one a month per kind);
    only the tests pages use it, never the progress page."""
    latest: dict[str, FunctionTest] = {}
    for test in FunctionTest.objects.filter(person=person).order_by("kind", "-taken_on", "-pk"):
        latest.setdefault(test.kind, test)
    return latest
