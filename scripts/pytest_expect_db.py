"""pytest plugin for scripts/test.sh: stop at once if the tests would not run on the database
the run is meant for (say DATABASE_URL was ignored and the "PostgreSQL" run used SQLite).

    EXPECT_DB_VENDOR=postgresql pytest -p pytest_expect_db   (with scripts/ on PYTHONPATH)
"""

from __future__ import annotations

import os

import pytest


def pytest_sessionstart(session: pytest.Session) -> None:
    from django.db import connection

    wanted = os.environ.get("EXPECT_DB_VENDOR", "")
    if wanted and connection.vendor != wanted:
        raise pytest.UsageError(f"tests would run on {connection.vendor}, not on {wanted}")
