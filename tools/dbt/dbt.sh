#!/usr/bin/env bash
# Runs the project's dbt (from <repo>/.venv) on the dbt/ project:
#   tools/dbt/dbt.sh build                 # dbt build --target $DBT_TARGET (default duckdb)
#   tools/dbt/dbt.sh build --full-refresh
#   DBT_TARGET=snowflake tools/dbt/dbt.sh parse
# Any dbt arguments pass through; --target given on the command line wins over DBT_TARGET.
#
# Paths are made independent of the caller's cwd: dbt runs inside dbt/ with absolute
# --project-dir/--profiles-dir, and a relative WAREHOUSE_DUCKDB_PATH is resolved against the
# caller's cwd (apps run from the repo root, where the default data/warehouse.duckdb lives).
# Set DBT_TARGET_PATH / DBT_LOG_PATH (dbt's own variables) to keep concurrent runs apart.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PROJECT_DIR="$REPO_ROOT/dbt"
DBT="$REPO_ROOT/.venv/bin/dbt"
PYTHON_ENV_SCRIPT="$REPO_ROOT/tools/services/python-env.sh"

if [ ! -x "$DBT" ]; then
  if [ -f "$PYTHON_ENV_SCRIPT" ]; then
    echo "[dbt] $DBT missing; creating the project virtualenv" >&2
    bash "$PYTHON_ENV_SCRIPT" >/dev/null
  fi
  [ -x "$DBT" ] || { echo "[dbt] error: $DBT not found (run tools/services/python-env.sh)" >&2; exit 1; }
fi

absolute() {
  case "$1" in
    /*) printf '%s' "$1" ;;
    *) printf '%s/%s' "$PWD" "$1" ;;
  esac
}

export DBT_SEND_ANONYMOUS_USAGE_STATS=false DO_NOT_TRACK=1
# Same default as the apps' config (libs/platform/config): $DATA_DIR/warehouse.duckdb.
export WAREHOUSE_DUCKDB_PATH="$(absolute "${WAREHOUSE_DUCKDB_PATH:-${DATA_DIR:-$REPO_ROOT/data}/warehouse.duckdb}")"
export DBT_TARGET="${DBT_TARGET:-duckdb}"
for var in DBT_TARGET_PATH DBT_LOG_PATH; do
  if [ -n "${!var:-}" ]; then export "$var=$(absolute "${!var}")"; fi
done

if [ $# -eq 0 ]; then set -- --help; fi
command=$1
shift

# `--target` only where dbt accepts it (not for `dbt --version`, `dbt --help`, `dbt clean`...).
target_args=()
case "$command" in
  build | run | test | seed | snapshot | compile | parse | docs | source | show | list | ls | debug | run-operation | retry)
    if [[ " $* " != *" --target "* && " $* " != *" -t "* ]]; then target_args=(--target "$DBT_TARGET"); fi
    ;;
esac

cd "$PROJECT_DIR"
exec "$DBT" "$command" "$@" --project-dir "$PROJECT_DIR" --profiles-dir "$PROJECT_DIR" "${target_args[@]}"
