"""Backups that restore: SQLite by its online backup API, PostgreSQL by pg_dump and pg_restore.

`hizakoshi backup [--to DIR]` writes one file named by the UTC time
(hizakoshi-20260102T030405Z.sqlite3, or .pgdump), readable by its owner only (0600), in a folder
that is too (0700); default: backups/ in the data folder. `hizakoshi restore FILE --yes` puts a
backup back, replacing every row. Both work while the server runs: SQLite's backup API copies a
consistent snapshot and writes the restore under one lock; pg_dump reads one snapshot and
pg_restore runs in one transaction, so a failed restore changes nothing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections

EXIT_BAD = 2
FILE_MODE, DIR_MODE = 0o600, 0o700
SUFFIX = {"sqlite": ".sqlite3", "postgresql": ".pgdump"}

MSG_NO_TOOL = (
    "{tool} not found on PATH: install PostgreSQL's client tools of the server's version or newer "
    "(Debian: apt-get install postgresql-client)."
)
MSG_ENGINE = "Backups cover SQLite and PostgreSQL; this database is {vendor}."
MSG_NOT_A_FILE = "No backup file at {path}."
MSG_NOT_SQLITE_BACKUP = "{path} is not a SQLite backup of this app ({detail})."
MSG_TOOL_FAILED = "{tool} failed (exit code {code}): {detail}"
MSG_CONFIRM = (
    "restore replaces every row of the database with the backup's. "
    "Add --yes to go ahead (and make a fresh backup first)."
)


def _connection() -> Any:
    return connections[DEFAULT_DB_ALIAS]


def _vendor() -> str:
    vendor = str(_connection().vendor)
    if vendor not in SUFFIX:
        raise CommandError(MSG_ENGINE.format(vendor=vendor), returncode=EXIT_BAD)
    return vendor


def default_folder() -> Path:
    return Path(settings.DATA_DIR) / "backups"


def _new_file(folder: Path, suffix: str, now: datetime | None = None) -> Path:
    """An empty file named by the UTC time, created 0600; a second one in the same second
    gets -2, -3, ... rather than overwriting."""
    folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    for n in range(1, 1000):
        path = folder / f"hizakoshi-{stamp}{'' if n == 1 else f'-{n}'}{suffix}"
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
        except FileExistsError:
            continue
        return path
    raise CommandError(f"Too many backups named {stamp} in {folder}.", returncode=EXIT_BAD)


def backup(folder: Path) -> Path:
    vendor = _vendor()
    path = _new_file(folder, SUFFIX[vendor])
    try:
        if vendor == "sqlite":
            _sqlite_backup(path)
        else:
            _pg_dump(path)
    except BaseException:
        path.unlink(missing_ok=True)  # never leave a half-written file that looks like a backup
        raise
    path.chmod(FILE_MODE)
    return path


def restore(path: Path) -> None:
    if not path.is_file():
        raise CommandError(MSG_NOT_A_FILE.format(path=path), returncode=EXIT_BAD)
    if _vendor() == "sqlite":
        _sqlite_restore(path)
    else:
        _pg_restore(path)


# --- SQLite ---------------------------------------------------------------------------------


def _live_sqlite() -> sqlite3.Connection:
    connection = _connection()
    connection.ensure_connection()
    raw: sqlite3.Connection = connection.connection
    return raw


def _sqlite_backup(path: Path) -> None:
    target = sqlite3.connect(path)
    try:
        _live_sqlite().backup(target)
        # A copy in the journal's rollback mode, so the backup is one self-contained file.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()


def _sqlite_restore(path: Path) -> None:
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (check,) = source.execute("PRAGMA quick_check").fetchone()
            if check != "ok":
                raise sqlite3.DatabaseError(check)
            source.execute("SELECT count(*) FROM django_migrations").fetchone()
        except sqlite3.DatabaseError as exc:
            source.close()
            raise CommandError(
                MSG_NOT_SQLITE_BACKUP.format(path=path, detail=exc), returncode=EXIT_BAD
            ) from None
        try:
            source.backup(_live_sqlite())
        finally:
            source.close()
    finally:
        connections.close_all()  # Django reconnects to the restored database


# --- PostgreSQL -----------------------------------------------------------------------------


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise CommandError(MSG_NO_TOOL.format(tool=name), returncode=EXIT_BAD)
    return found


def _pg_args_and_env() -> tuple[list[str], dict[str, str]]:
    db = _connection().settings_dict
    args = ["--dbname", str(db["NAME"])]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])  # never on the command line, where ps shows it
    return args, env


def _run(tool: str, args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run([_tool(tool), *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        detail = " ".join(done.stderr.split())[:500] or "no message"
        message = MSG_TOOL_FAILED.format(tool=tool, code=done.returncode, detail=detail)
        raise CommandError(message, returncode=EXIT_BAD)


def _pg_dump(path: Path) -> None:
    args, env = _pg_args_and_env()
    _run("pg_dump", ["--format=custom", "--no-owner", "--file", str(path), *args], env)


def _pg_restore(path: Path) -> None:
    args, env = _pg_args_and_env()
    connections.close_all()  # no idle connection of ours holds a lock the restore needs
    restore_args = ["--clean", "--if-exists", "--no-owner", "--single-transaction"]
    _run("pg_restore", [*restore_args, *args, str(path)], env)
