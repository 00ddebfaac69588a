#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster, then removes the cluster.
#
#   scripts/with-postgres.sh COMMAND [ARGS...]
#   e.g. scripts/with-postgres.sh .venv/bin/pytest tests/selfcheck
#
# The cluster lives in a fresh temporary folder, listens on 127.0.0.1 at a free port and on a
# socket inside that folder only, trusts local connections and skips fsync (test data only). The
# command sees DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres. The server is stopped and
# the folder removed when the command ends, fails or is interrupted (Ctrl-C). Exits with the
# command's exit code.
#
# As root the server runs as the `postgres` system user (PostgreSQL refuses to run as root);
# otherwise as the current user. PG_BIN overrides where initdb and pg_ctl are looked for.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "PostgreSQL 15 server binaries not found in $PG_BIN (Debian: apt-get install -y postgresql)" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/hizakoshi-pg.XXXXXX")
as_db_user=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$dir"
  as_db_user=(runuser -u postgres --)
fi

pg() { (cd "$dir" && "${as_db_user[@]}" "$PG_BIN/$1" "${@:2}"); }

started=0
cleanup() {
  if [ "$started" -eq 1 ]; then
    pg pg_ctl -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg initdb -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A port found free can be taken before the server binds it; try a few times.
for _ in 1 2 3; do
  port=$(free_port)
  options="-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off"
  options+=" -c synchronous_commit=off -c full_page_writes=off"
  if pg pg_ctl -D "$dir/data" -w -t 60 -l "$dir/server.log" -o "$options" start >/dev/null; then
    started=1
    break
  fi
done
if [ "$started" -ne 1 ]; then
  echo "could not start the throwaway PostgreSQL server; its log:" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
fi

echo "==> throwaway PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
status=0
DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" "$@" || status=$?
exit "$status"
