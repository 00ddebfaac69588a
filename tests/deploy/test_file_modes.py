"""The data folder is its owner's alone (0700), and so are the database files (0600)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from deploy.helpers import clean_env, hizakoshi
from hizakoshi.site.files import secure_sqlite_files

WAL_WRITE = (
    "from django.db import connection\n"
    "with connection.cursor() as c:\n"
    "    c.execute('PRAGMA journal_mode=WAL')\n"
    "    c.execute('CREATE TABLE IF NOT EXISTS probe (x int)')\n"
    "    c.execute('INSERT INTO probe VALUES (1)')\n"
    "import pathlib, stat, sys\n"
    "name = str(connection.settings_dict['NAME'])\n"
    "for suffix in ('-wal', '-shm'):\n"
    "    print(suffix, oct(stat.S_IMODE(pathlib.Path(name + suffix).stat().st_mode)))\n"
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_folder_and_database_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "nested" / "data"
    done = hizakoshi("migrate", "--verbosity", "0", env=clean_env(data))
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700
    assert mode(data / "hizakoshi.sqlite3") == 0o600
    assert mode(data / "secret_key") == 0o600


def test_the_wal_and_shm_files_are_0600_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    hizakoshi("migrate", "--verbosity", "0", env=clean_env(data))
    done = hizakoshi("shell", "--no-imports", "-c", WAL_WRITE, env=clean_env(data))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["-wal", "0o600", "-shm", "0o600"]


def test_an_existing_world_readable_folder_and_database_are_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    database = data / "hizakoshi.sqlite3"
    database.touch(mode=0o644)
    database.chmod(0o644)
    done = hizakoshi("migrate", "--verbosity", "0", env=clean_env(data))
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700
    assert mode(database) == 0o600


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_each_database_file_left_readable_is_made_0600(tmp_path: Path, suffix: str) -> None:
    database = tmp_path / "db.sqlite3"
    database.touch()
    (tmp_path / f"db.sqlite3{suffix}").touch()
    for file in tmp_path.iterdir():
        file.chmod(0o644)
    secure_sqlite_files(database)
    assert mode(tmp_path / f"db.sqlite3{suffix}") == 0o600


def test_a_database_file_is_created_0600_before_sqlite_opens_it(tmp_path: Path) -> None:
    database = tmp_path / "new.sqlite3"
    secure_sqlite_files(database)
    assert mode(database) == 0o600


def test_in_memory_databases_are_left_alone(tmp_path: Path) -> None:
    secure_sqlite_files(":memory:")
    secure_sqlite_files("file:memorydb_default?mode=memory&cache=shared")
    assert not Path(":memory:").exists()
