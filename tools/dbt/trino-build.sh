#!/usr/bin/env bash
# dbt on Trino (tools/services/trino.sh), with the marts checked equal to DuckDB's to the cent.
# Called by tools/dbt/build.sh after its DuckDB build, with that warehouse:
#   trino-build.sh <duckdb warehouse file> <work dir>
#   1. an Iceberg catalog of its own for this run: Apache Iceberg's JDBC catalog on a fresh
#      PostgreSQL database (tools/services/postgres.sh), data files under <work dir>/lake;
#   2. RAW of the DuckDB file -> Iceberg (trino/copy_raw.py, through Trino's DuckDB connector);
#   3. dbt build --target trino --full-refresh: seeds, models, snapshots, every data test;
#   4. every mart equal on both warehouses (trino/compare_marts.py; first it proves that one cent
#      off in a mart is reported); then an incremental `dbt run` over the same RAW (every
#      incremental model takes its is_incremental() branch) and equal again;
#   5. a federated query joining PostgreSQL rows with the DuckDB warehouse file in one Trino
#      statement equals the same result computed in PostgreSQL and DuckDB apart
#      (trino/federated_check.py).
# mart_asset_indicators is not built on Trino (its recursive CTE; docs/trino.md).
# Services this script started are stopped at the end; the catalog and its database are dropped.
set -uo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DBT_SH="$REPO_ROOT/tools/dbt/dbt.sh"
PYTHON="$REPO_ROOT/.venv/bin/python"
TRINO_TOOLS="$REPO_ROOT/tools/dbt/trino"
SERVICES="$REPO_ROOT/tools/services"
WAREHOUSE=$1
WORK_DIR=$2

log() { echo "[trino-build] $*"; }
json_field() { node -e 'console.log(JSON.parse(process.argv[1])[process.argv[2]])' "$1" "$2"; }

started=()
start_service() {
  local name=$1
  if ! bash "$SERVICES/$name.sh" status >/dev/null 2>&1; then started+=("$name"); fi
  bash "$SERVICES/$name.sh" start
}

CATALOG="ledgerline_ci_$$"
PG_URL=""
cleanup() {
  if [ -n "${TRINO_PORT:-}" ]; then (cd "$TRINO_TOOLS" && "$PYTHON" catalog.py drop >/dev/null 2>&1); fi
  if [ -n "$PG_URL" ]; then psql "$PG_URL" -q -c "DROP DATABASE IF EXISTS $CATALOG" >/dev/null 2>&1; fi
  for name in "${started[@]}"; do bash "$SERVICES/$name.sh" stop >/dev/null 2>&1; done
}
trap cleanup EXIT

run() {
  local at=$SECONDS
  "$@" || { log "FAILED: $* ($((SECONDS - at))s)"; exit 1; }
  log "ok: $* ($((SECONDS - at))s)"
}

trino_endpoint=$(start_service trino | tail -1) || { log "could not start Trino"; exit 1; }
pg_endpoint=$(start_service postgres | tail -1) || { log "could not start PostgreSQL"; exit 1; }
PG_URL=$(json_field "$pg_endpoint" url)
trino_url=$(json_field "$trino_endpoint" url)
export TRINO_HOST=127.0.0.1 TRINO_PORT="${trino_url##*:}" TRINO_CATALOG="$CATALOG"
export DBT_TARGET_PATH="$WORK_DIR/target-trino" DBT_LOG_PATH="$WORK_DIR/logs-trino"
pg_port=${PG_URL##*:}
pg_port=${pg_port%%/*}

catalog_database() {
  psql "$PG_URL" -q -c "CREATE DATABASE $CATALOG" &&
    psql "${PG_URL%/*}/$CATALOG" -q -v ON_ERROR_STOP=1 -f "$SERVICES/trino/iceberg-jdbc-catalog.sql"
}
register_catalog() {
  (cd "$TRINO_TOOLS" && "$PYTHON" catalog.py create --jdbc-url "jdbc:postgresql://127.0.0.1:$pg_port/$CATALOG" --user postgres --dir "$WORK_DIR/lake")
}
copy_raw() { (cd "$TRINO_TOOLS" && "$PYTHON" copy_raw.py --duckdb "$WAREHOUSE" --scratch "$WORK_DIR"); }
# On a copy: Trino's DuckDB connector locks the file it reads, and fakesnow-build writes next.
federated() {
  cp "$WAREHOUSE" "$WORK_DIR/federated.duckdb" &&
    (cd "$TRINO_TOOLS" && "$PYTHON" federated_check.py --duckdb "$WORK_DIR/federated.duckdb" \
      --pg-url "${PG_URL%/*}/$CATALOG" --jdbc-url "jdbc:postgresql://127.0.0.1:$pg_port/$CATALOG" --scratch "$WORK_DIR")
}
compare() { (cd "$TRINO_TOOLS" && "$PYTHON" compare_marts.py --duckdb "$WAREHOUSE" --label "$@"); }

trino_dbt() {
  local label=$1 status=0
  shift
  bash "$DBT_SH" "$@" --target trino --quiet || status=$?
  [ -f "$DBT_TARGET_PATH/run_results.json" ] || { log "$label: dbt wrote no run_results.json"; return 1; }
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
    const bad = r.filter((x) => !["success", "pass"].includes(x.status));
    const built = r.filter((x) => /^(model|seed|snapshot)\./.test(x.unique_id) && x.status === "success").length;
    const tests = r.filter((x) => x.unique_id.startsWith("test.") && x.status === "pass").length;
    console.log(`[trino-build] ${process.argv[2]}: ${built} models/seeds/snapshots built, ${tests} tests passed, ${bad.length} problem node(s)`);
    for (const x of bad) console.log(`[trino-build]   ${x.status}: ${x.unique_id}${x.message ? " - " + x.message : ""}`);
    process.exit(bad.length === 0 && built > 0 ? 0 : 1);
  ' "$DBT_TARGET_PATH/run_results.json" "trino $label" && [ "$status" = 0 ]
}

run catalog_database
run register_catalog
run copy_raw
run trino_dbt "full refresh" build --full-refresh
run compare "full refresh" --self-test --skip mart_asset_indicators
run trino_dbt "incremental" run --select config.materialized:incremental
run compare "incremental" --skip mart_asset_indicators
run federated
log "dbt on Trino equals dbt on DuckDB, full refresh and incremental"
