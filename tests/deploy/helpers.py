"""Run the installed `hizakoshi` command in a clean environment of our choosing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
HIZAKOSHI = str(VENV_BIN / "hizakoshi")
README = Path(__file__).resolve().parents[2] / "README.md"


def clean_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The machine's environment without any HIZAKOSHI_* or DATABASE_URL, plus `extra`.

    Also without DJANGO_ALLOW_ASYNC_UNSAFE, which the browser tests set in this process (the
    live server needs it) and which `check --deploy` rightly reports as an error."""
    dropped = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("HIZAKOSHI_") and k not in dropped
    }
    return env | {"HIZAKOSHI_DATA_DIR": str(data_dir)} | extra


def hizakoshi(
    *argv: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [HIZAKOSHI, *argv], env=env, capture_output=True, text=True, timeout=timeout
    )


def settings_of(env: dict[str, str], *names: str) -> list[str]:
    """The repr of each named setting, as a fresh process with `env` sees it."""
    code = "from django.conf import settings\n" + "".join(
        f"print(repr(settings.{name}))\n" for name in names
    )
    env = env | {"DJANGO_SETTINGS_MODULE": "hizakoshi.site.settings"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def readme_production_env() -> dict[str, str]:
    """The KEY=VALUE lines of the README's `# production.env` block."""
    text = README.read_text(encoding="utf-8")
    block = text.split("# production.env\n", 1)[1].split("```", 1)[0]
    pairs = (line.split("=", 1) for line in block.splitlines() if "=" in line)
    return {key.strip(): value.strip() for key, value in pairs}
