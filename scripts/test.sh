#!/usr/bin/env bash
# Install into ./.venv (pinned versions, with test tools) and run the whole test suite.
# TESTIMONY_TEST_DATABASE_URL=postgresql://... runs it against PostgreSQL instead of SQLite.
# Browser tests run when Debian's chromium and chromium-driver, and firefox-esr, are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -c constraints.txt -e ".[test]"
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
