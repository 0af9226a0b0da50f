#!/usr/bin/env bash
# Install into ./.venv (pinned versions) and start the service on its embedded defaults:
# SQLite and key files under ./data, a development key holder generated on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -c constraints.txt -e .
exec .venv/bin/python -m intake serve "$@"
