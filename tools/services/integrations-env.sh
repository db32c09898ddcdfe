#!/usr/bin/env bash
# Python venvs for the Airflow DAG and the Prefect flow under integrations/ (one venv each: Airflow
# 3.3 and Prefect 3.9 pin incompatible fastapi versions, and neither may enter the dbt .venv).
# Each venv is keyed by the sha256 of its requirements file and kept under
# ${LEDGERLINE_TOOLS_CACHE:-~/.cache/ledgerline}/integrations/, like the versitygw build: a warm
# machine (and CI in a fresh clone on it) reuses it; a cold install takes about 2 minutes per venv.
#   integrations-env.sh   -> one JSON line: {"airflow":"<venv>/bin/python","prefect":"<venv>/bin/python"}
# Uses $PYTHON if set, else python3.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
service_init integrations-env

export PIP_DISABLE_PIP_VERSION_CHECK=1
CACHE="${LEDGERLINE_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ledgerline}/integrations"

venv_for() { # name -> venv directory for the current requirements
  local requirements="$REPO_ROOT/integrations/$1/requirements.txt"
  [ -f "$requirements" ] || die "no $requirements"
  printf '%s/%s-%s' "$CACHE" "$1" "$(sha256sum "$requirements" | cut -c1-12)"
}

ensure_venv() { # name
  local name=$1 venv requirements="$REPO_ROOT/integrations/$1/requirements.txt"
  venv=$(venv_for "$name")
  [ -f "$venv/.complete" ] && return 0
  local python=${PYTHON:-python3} started=$SECONDS
  command -v "$python" >/dev/null || die "$python not found; the integrations need Python 3.10+"
  # Built where it lives (a venv's scripts name their own path); `.complete` marks it whole, so a
  # half-finished install is removed and redone.
  rm -rf "$venv"
  mkdir -p "$CACHE"
  log "installing $requirements into $venv (log: $SERVICE_DIR/$name-pip.log)"
  "$python" -m venv "$venv" >&2 || die "python -m venv failed (Debian: apt-get install python3-venv)"
  pip_install_requirements "$venv" "$requirements" "$SERVICE_DIR/$name-pip.log" ||
    { tail -20 "$SERVICE_DIR/$name-pip.log" >&2; die "pip install failed; see $SERVICE_DIR/$name-pip.log"; }
  "$venv/bin/python" -m pip check >&2 || die "pip check reports conflicts in $venv"
  touch "$venv/.complete"
  log "$name venv ready in $((SECONDS - started))s"
}

take_lock
ensure_venv airflow
ensure_venv prefect
printf '{"airflow":"%s/bin/python","prefect":"%s/bin/python"}\n' "$(venv_for airflow)" "$(venv_for prefect)"
