"""`hizakoshi backup` and `hizakoshi restore`: a round trip gives back every table exactly."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from deploy.helpers import clean_env, hizakoshi
from hizakoshi.accounts.models import User
from hizakoshi.site import backups
from journey.factories import with_records
from people import person

# The tests that read or replace the test database's tables; the others (file names, a missing
# tool, the command on its own SQLite file) never touch it, so the PostgreSQL run leaves them out.
on_the_database = pytest.mark.django_db(transaction=True)
NAME = re.compile(r"hizakoshi-\d{8}T\d{6}Z\.(sqlite3|pgdump)")


def table_fingerprints() -> dict[str, tuple[int, str]]:
    """Every table: its row count and a hash of its rows in a stable order."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return result


def wipe_every_table() -> None:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")
        else:
            for table in tables:
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)} CASCADE")
    assert connection.introspection.table_names() == []


@pytest.fixture
def needs_tools() -> Iterator[None]:
    if connection.vendor == "postgresql":
        missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
        if missing:
            pytest.skip(f"{', '.join(missing)} not found on PATH (Debian: postgresql-client)")
    yield


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@on_the_database
def test_backup_wipe_restore_gives_back_every_table_exactly(
    tmp_path: Path,
    needs_tools: None,
    capsys: pytest.CaptureFixture[str],
    patient: User,
    other_patient: User,
) -> None:
    with_records(patient), with_records(other_patient, knee=2)
    call_command("load_demo_journey", stdout=StringIO())  # a year of one person's history
    before = table_fingerprints()
    assert sum(count for count, _ in before.values()) > 50  # a real history, not empty tables

    call_command("backup", to=tmp_path / "backups")
    path = Path(capsys.readouterr().out.strip())
    wipe_every_table()
    call_command("restore", str(path), yes=True)

    after = table_fingerprints()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table


@on_the_database
def test_the_backup_file_is_named_by_utc_time_and_private(
    tmp_path: Path, needs_tools: None
) -> None:
    folder = tmp_path / "backups"
    path = backups.backup(folder)
    assert path.parent == folder
    assert NAME.fullmatch(path.name)
    assert mode(path) == 0o600
    assert mode(folder) == 0o700


def test_two_backups_in_the_same_second_do_not_overwrite_each_other(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    first = backups._new_file(tmp_path, ".sqlite3", now)
    second = backups._new_file(tmp_path, ".sqlite3", now)
    assert (first.name, second.name) == (
        "hizakoshi-20260102T030405Z.sqlite3",
        "hizakoshi-20260102T030405Z-2.sqlite3",
    )


@on_the_database
def test_restore_without_yes_refuses_and_changes_nothing(tmp_path: Path) -> None:
    person("hanako@example.jp")
    before = table_fingerprints()
    with pytest.raises(CommandError, match="Add --yes") as refused:
        call_command("restore", str(tmp_path / "any.sqlite3"))
    assert refused.value.returncode == 2
    assert table_fingerprints() == before


@on_the_database
def test_restoring_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No backup file at") as missing:
        call_command("restore", str(tmp_path / "nothing.sqlite3"), yes=True)
    assert missing.value.returncode == 2


@on_the_database
def test_restoring_a_file_that_is_not_a_backup_changes_nothing(
    tmp_path: Path, needs_tools: None
) -> None:
    person("hanako@example.jp")
    before = table_fingerprints()
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database at all" * 100)
    refusal = "is not a SQLite backup" if connection.vendor == "sqlite" else "pg_restore failed"
    with pytest.raises(CommandError, match=refusal) as refused:
        call_command("restore", str(junk), yes=True)
    assert refused.value.returncode == 2
    assert table_fingerprints() == before


def test_without_pg_dump_on_the_path_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match="pg_dump not found on PATH") as missing:
        backups._tool("pg_dump")
    assert missing.value.returncode == 2


def test_a_live_sqlite_file_in_wal_mode_round_trips_through_the_command(tmp_path: Path) -> None:
    """The installed command on a real database file, as cron would run it."""
    data = tmp_path / "data"
    env = clean_env(data)
    assert hizakoshi("migrate", "--verbosity", "0", env=env).returncode == 0
    database = data / "hizakoshi.sqlite3"
    with sqlite3.connect(database) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE probe (n integer)")
        db.executemany("INSERT INTO probe VALUES (?)", [(n,) for n in range(1000)])
    done = hizakoshi("backup", "--to", str(tmp_path / "b"), env=env)
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.strip())
    assert NAME.fullmatch(path.name) and mode(path) == 0o600
    with sqlite3.connect(database) as db:
        db.execute("DELETE FROM probe")
    done = hizakoshi("restore", str(path), "--yes", env=env)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*), sum(n) FROM probe").fetchone() == (1000, 499500)
