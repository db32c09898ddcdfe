#!/usr/bin/env bash
# Run by `npm start` before the pipeline: installs Node dependencies when node_modules is missing or
# older than package-lock.json, and the Python env for dbt when Python 3 exists. Silent when there is
# nothing to do.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing Node dependencies (npm ci)" >&2
  # npm ci can refuse npm 11's own lockfile (npm/cli#8805); npm install keeps the pinned versions.
  npm ci --no-audit --no-fund >&2 || npm install --no-audit --no-fund >&2
fi

if command -v "${PYTHON:-python3}" >/dev/null; then
  # Quiet unless it actually (re)installs; its JSON line is for the test harness, not for people.
  bash tools/services/python-env.sh >/dev/null ||
    echo "setup: could not prepare the Python env (see above); dbt will be skipped" >&2
else
  echo "setup: Python 3 not found; dbt will be skipped (the pipeline still runs on the embedded defaults)" >&2
fi
