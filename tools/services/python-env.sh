#!/usr/bin/env bash
# Creates or updates the project-local Python env <repo>/.venv (dbt-core, dbt-duckdb, dbt-snowflake,
# duckdb, chromadb) from tools/services/requirements.txt, only when that file changed since the
# last successful install (sha256 stamp in .venv/.requirements.sha256).
#   python-env.sh          -> one JSON line: {"venv":"...","python":"...","dbt":"..."}
# Uses $PYTHON if set, else python3.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
service_init python-env

export DBT_SEND_ANONYMOUS_USAGE_STATS=false PIP_DISABLE_PIP_VERSION_CHECK=1
VENV="$REPO_ROOT/.venv"
REQUIREMENTS="$SERVICES_DIR/requirements.txt"
STAMP="$VENV/.requirements.sha256"

endpoint_json() { printf '{"venv":"%s","python":"%s","dbt":"%s"}' "$VENV" "$VENV/bin/python" "$VENV/bin/dbt"; }

up_to_date() {
  [ -x "$VENV/bin/python" ] && [ -x "$VENV/bin/dbt" ] &&
    [ "$(cat "$STAMP" 2>/dev/null)" = "$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)" ]
}

if ! up_to_date; then
  take_lock
  # Another caller may have finished the install while we waited for the lock.
  if ! up_to_date; then
    python=${PYTHON:-python3}
    command -v "$python" >/dev/null || die "$python not found; dbt and Chroma need Python 3.10+"
    "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' ||
      die "$("$python" --version 2>&1) is too old; dbt 1.11 needs Python 3.10+"
    started=$SECONDS
    if [ ! -x "$VENV/bin/python" ]; then
      log "creating $VENV"
      "$python" -m venv "$VENV" >&2 || die "python -m venv failed (Debian: apt-get install python3-venv)"
    fi
    log "installing $REQUIREMENTS into $VENV (log: $SERVICE_DIR/pip.log)"
    pip_install_requirements "$VENV" "$REQUIREMENTS" "$SERVICE_DIR/pip.log" ||
      { tail -20 "$SERVICE_DIR/pip.log" >&2; die "pip install failed; see $SERVICE_DIR/pip.log"; }
    sha256sum "$REQUIREMENTS" | cut -d' ' -f1 >"$STAMP"
    log "python env ready in $((SECONDS - started))s"
  fi
fi
endpoint_json
echo
