#!/usr/bin/env bash
# Scale out, on one machine: two `hizakoshi serve` instances on one throwaway PostgreSQL 15, behind
# nginx, on loopback; a bounded load that logs in, writes and reads across both; the scheduled
# job started on both at once. Prints the figures; exits non-zero on any 5xx, lost write, failed
# cross-instance check, or a reminder e-mail sent twice or not at all.
#
#   scripts/scale-smoke.sh                       # 10 people x 6 rounds, about 40 s
#   scripts/scale-smoke.sh --people 30 --rounds 20
#
# Needs Debian's nginx and postgresql (scripts/system-deps.sh installs both as root) and the
# .venv (scripts/bootstrap.sh). The load driver is benchmarks/scale_smoke.py (and scale_load.py).
# Exit codes: 0 passed, 1 a figure is wrong, 3 nginx or PostgreSQL is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  echo "nginx is not installed (Debian: apt-get install -y nginx, or run scripts/system-deps.sh)" >&2
  exit 3
fi
if [ ! -x "${PG_BIN:-/usr/lib/postgresql/15/bin}/initdb" ]; then
  echo "PostgreSQL 15 is not installed (Debian: apt-get install -y postgresql)" >&2
  exit 3
fi
if [ ! -x .venv/bin/python ]; then
  echo "no .venv: run scripts/bootstrap.sh first" >&2
  exit 3
fi
exec scripts/with-postgres.sh .venv/bin/python benchmarks/scale_smoke.py "$@"
