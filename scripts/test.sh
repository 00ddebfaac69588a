#!/usr/bin/env bash
# The whole test suite, from a fresh checkout to the last test: what `make test` and CI run.
#
#   scripts/test.sh                       # everything
#   PYTEST_ARGS="-k triage" scripts/test.sh   # extra pytest arguments for both pytest runs
#   SKIP_SYSTEM_DEPS=1 scripts/test.sh    # not on Debian: you installed the system packages yourself
#
# Steps: system packages (scripts/system-deps.sh), uv + .venv (scripts/bootstrap.sh), npm ci
# (axe-core for the accessibility checks), ruff check, ruff format --check, mypy, then pytest twice:
#   1. every test on SQLite, browser tests included, two workers (pytest-xdist);
#   2. the tests that touch the database again on a throwaway PostgreSQL 15 cluster
#      (scripts/with-postgres.sh). Selection is by path, marker and fixture: not tests/care (the
#      pure core, which cannot touch a database), not the `browser` tests (they already ran on
#      SQLite and test the page, not the database), not the scale-out smoke test (it makes its own
#      PostgreSQL cluster, so running it twice would test the same thing twice), and
#      --database-tests-only (tests/conftest.py) leaves out every other test that pytest-django
#      would not let reach the database (the CLI's and the deploy checks' subprocesses, which run
#      on their own SQLite file either way).
# A failing lint step does not stop the tests, so one run reports everything; the exit code is
# non-zero if any step failed. pytest's "no tests collected" (exit code 5) counts as a pass, with a
# note, so an empty selection never fails CI on its own.
set -uo pipefail

cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOADS=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
read -r -a extra <<<"${PYTEST_ARGS:-}"
mkdir -p test-artifacts
rm -f test-artifacts/junit-*.xml
failed=()

step() { echo; echo "==> $*"; }

# Setup problems stop the run at once: nothing after them could mean anything.
if [ "${SKIP_SYSTEM_DEPS:-0}" != 1 ]; then
  scripts/system-deps.sh || exit 1
fi
scripts/bootstrap.sh || exit 1
if [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci (axe-core)"
  npm ci --no-audit --no-fund || exit 1
fi

bin=.venv/bin

step "ruff check"
$bin/ruff check . || failed+=("ruff check")
step "ruff format --check"
$bin/ruff format --check . || failed+=("ruff format")
step "mypy"
$bin/mypy || failed+=("mypy")

# pytest exit code 5 means it collected no test; that is not a failure of the code under test.
run_pytest() {
  local name=$1
  shift
  local status=0
  "$@" || status=$?
  if [ "$status" -eq 5 ]; then
    echo "note: the $name run collected no tests"
    status=0
  fi
  [ "$status" -eq 0 ] || failed+=("pytest ($name)")
}

step "pytest on SQLite (all tests, browser included)"
# scripts/pytest_expect_db.py stops a run whose database is not the one named here.
export PYTHONPATH="$PWD/scripts${PYTHONPATH:+:$PYTHONPATH}"
run_pytest SQLite env -u DATABASE_URL EXPECT_DB_VENDOR=sqlite $bin/pytest -n 2 -p pytest_expect_db \
  --junitxml=test-artifacts/junit-sqlite.xml "${extra[@]}"

step "pytest on PostgreSQL 15 (tests that touch the database)"
run_pytest PostgreSQL env EXPECT_DB_VENDOR=postgresql scripts/with-postgres.sh \
  $bin/pytest -n 2 -p pytest_expect_db -m "not browser" --ignore=tests/care --database-tests-only \
  --ignore=tests/deploy/test_scale_smoke.py \
  --junitxml=test-artifacts/junit-postgres.xml "${extra[@]}"

echo
# One line over both pytest runs, in the plain form any reader of the log understands.
$bin/python scripts/junit_total.py test-artifacts/junit-sqlite.xml test-artifacts/junit-postgres.xml
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
