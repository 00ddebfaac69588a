"""The SQLite database and its -wal/-shm companions are readable by their owner only (0600).

SQLite creates a new database file with the process's umask (usually 0644: readable by every
account on the machine) and gives its -wal and -shm files the database file's mode. So at start-up
(SiteConfig.ready) the file is created 0600 before SQLite first opens it, and on every new
connection any database file of ours that is readable by others is tightened.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

FILE_MODE = 0o600


def secure_sqlite_files(database: object) -> None:
    """Create the database file 0600 if missing; make it and its companions 0600."""
    if not isinstance(database, str | os.PathLike):
        return
    path = Path(database)
    if str(database) in ("", ":memory:") or str(database).startswith("file:"):
        return  # in-memory test databases have no file
    if not path.exists() and path.parent.is_dir():
        # Another process may make it first; then it is tightened below.
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            info = file.stat()
        except FileNotFoundError:
            continue
        if info.st_uid == os.getuid() and info.st_mode & 0o777 != FILE_MODE:
            file.chmod(FILE_MODE)


def on_connection_created(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        secure_sqlite_files(connection.settings_dict["NAME"])
