# hizakoshi: the two commands a newcomer needs are `make run` and `make test`.
# Everything else here is a shortcut for developers. The logic lives in scripts/ so that CI
# (.ci/run) and people run exactly the same steps.

.DEFAULT_GOAL := help
BIN := .venv/bin
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOADS := 1

.PHONY: help run test sync lint check fmt bench clean rules-sheet architecture

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

run: sync  ## set up, then serve the app with demo content on http://127.0.0.1:8000
	$(BIN)/hizakoshi run

test:  ## the whole suite: system packages, lint, types, pytest on SQLite and PostgreSQL
	@scripts/test.sh

sync:  ## install uv (.tools) and the locked dependencies (.venv)
	@scripts/bootstrap.sh

lint: sync  ## ruff check, ruff format --check, mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

check: lint  ## lint, then the fast tests (SQLite, no browser): the loop while coding
	env -u DATABASE_URL $(BIN)/pytest -n 2 -m "not browser"

fmt: sync  ## format and auto-fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: sync  ## print the benchmark figures (needs Debian's wrk and chromium; not part of `make test`)
	$(BIN)/python benchmarks/bench_assess.py
	$(BIN)/python benchmarks/bench_pages.py
	$(BIN)/python benchmarks/bench_server.py
	$(BIN)/python benchmarks/bench_journey.py

rules-sheet: sync  ## regenerate docs/clinical-rules.md, the rules sheet for the clinic's doctor
	$(BIN)/hizakoshi rules-sheet --write

architecture: sync  ## redraw the structure in docs/ARCHITECTURE.md from the code's imports
	$(BIN)/python scripts/architecture.py

clean:  ## remove the local environments and test output (your data folder is left alone)
	rm -rf .tools .venv node_modules test-artifacts .pytest_cache .mypy_cache .ruff_cache
