#!/usr/bin/env bash
# Sets up the Python side of a checkout: uv in a local tools venv (.tools), then the project's
# locked dependencies in .venv. Safe to run again; the second run takes well under a second.
#
#   scripts/bootstrap.sh            # what `make run` and `make test` call first
#
# Only python3 (3.11) with venv and pip is needed on the machine. uv is pinned here so that every
# developer and CI resolve uv.lock the same way; `uv sync --frozen` installs exactly what uv.lock
# says and fails instead of re-locking if pyproject.toml and uv.lock disagree.
set -euo pipefail

UV_VERSION=0.13.9
cd "$(dirname "$0")/.."

# Playwright (a dev dependency) must never fetch a browser of its own: tests use Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOADS=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [ "$(.tools/bin/uv --version 2>/dev/null | awk '{print $2}')" != "$UV_VERSION" ]; then
  echo "==> installing uv $UV_VERSION into .tools/"
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    echo "python3 cannot create virtual environments; install python3-venv (Debian: apt-get install python3-venv)" >&2
    exit 1
  fi
  python3 -m venv .tools
  .tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi

echo "==> uv sync --frozen (.venv)"
.tools/bin/uv sync --frozen --quiet

# Bytecode once, as pip would have written it at install (uv does not): where
# PYTHONDONTWRITEBYTECODE is set (many containers and CI images) every process would otherwise
# compile Django and the app again, about a second of CPU at each start of a server worker, a CLI
# call, a test worker and each of the tests' subprocesses. The libraries only after uv.lock
# changed (30 s the first time); src/ each time (under a second: only changed files are compiled).
# A file that does not compile only costs its speed-up, so it never stops the set-up.
stamp=.venv/.bytecode-compiled
if [ ! -f "$stamp" ] || [ uv.lock -nt "$stamp" ]; then
  echo "==> compiling bytecode (.venv)"
  libs=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  .venv/bin/python -m compileall -q -j 0 "$libs" >/dev/null || echo "note: some library files were not compiled"
  touch "$stamp"
fi
.venv/bin/python -m compileall -q -j 0 src >/dev/null || echo "note: some files in src/ were not compiled"
