"""Reading the environment for settings.py: small helpers that fail loudly on a value they do not
understand (a typo in production must stop start-up, not silently fall back to a default), the
per-user data folder and the secret key kept in it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from platformdirs import user_data_dir

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: use true or false")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: not a whole number") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r}: must be at least {minimum}")
    return value


def env_email(name: str, default: str) -> str:
    """An e-mail address, or empty for none."""
    raw = os.environ.get(name, default).strip()
    if raw:
        try:
            validate_email(raw)
        except ValidationError:
            raise ImproperlyConfigured(f"{name}={raw!r}: not an e-mail address") from None
    return raw


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def data_dir() -> Path:
    """The data folder (database, secret key, static files): readable by its owner only."""
    path = Path(env_str("HIZAKOSHI_DATA_DIR", "") or user_data_dir("hizakoshi"))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    # A folder made by an older version, or by hand, is tightened too, if it is ours to change.
    if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


def secret_key(folder: Path) -> str:
    """The key from the environment, else one generated once and kept beside the database.

    Written through a hard link so that two processes starting at once (test workers, gunicorn)
    agree on one key instead of overwriting each other's.
    """
    from_env = env_str("HIZAKOSHI_SECRET_KEY", "")
    if from_env:
        return from_env
    path = folder / "secret_key"
    if not path.exists():
        tmp = folder / f".secret_key.{os.getpid()}"
        tmp.write_text(secrets.token_urlsafe(50), encoding="ascii")
        tmp.chmod(0o600)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise ImproperlyConfigured(f"{path}: the secret key is too short; delete the file")
    return key


def bind_address(name: str, default: str) -> str:
    raw = env_str(name, default).strip()
    if raw.startswith("unix:") and len(raw) > len("unix:"):
        return raw
    host, _, port = raw.rpartition(":")
    if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ImproperlyConfigured(
            f"{name}={raw!r}: use HOST:PORT (e.g. 127.0.0.1:8000) or unix:PATH"
        )
    return raw
