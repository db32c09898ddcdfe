#!/usr/bin/env bash
# dbt on Snowflake, proven against fakesnow (tools/services/fakesnow.sh: an emulator by another
# author than tools/snowflake-emulator), with the marts checked equal to DuckDB's to the cent.
# Called by tools/dbt/build.sh after its DuckDB build, with that warehouse:
#   fakesnow-build.sh <duckdb warehouse file> <work dir> <seed-raw arguments...>
#   1. RAW of the DuckDB file -> fakesnow (copy_raw.py: Parquet, PUT, COPY INTO);
#   2. dbt build --target snowflake --full-refresh: seeds, models, snapshots, every data test;
#   3. every mart equal on both warehouses (compare_marts.py; first it proves that one cent off in
#      a mart is reported), and every compiled model and test
#      through the Snowflake dialect check (tools/snowflake-dialect);
#   4. a second sync into the DuckDB RAW (seed-raw.ts --changes), an incremental `dbt build` on
#      both warehouses (every seed, model and data test again), every mart equal again. Snapshots
#      (and dim_customer_history, built on them) stay out of this round: fakesnow 0.11 cannot run
#      dbt-snowflake's second snapshot run (docs/snowflake.md lists the three statements); the
#      DuckDB build and emulator-snapshots.sh (dbt-snowflake on tools/snowflake-emulator) cover
#      them. fct_transactions and the vault stage in transient tables here
#      (snowflake_tmp_relation_type).
#   Everything lives under the schema prefix CI_ (dbt var schema_prefix, RAW at CI_RAW), the
#   naming `warehouse-sync:serve -- snowflake-smoke` uses on a real account.
# A fakesnow server this script started is stopped at the end. What fakesnow cannot do is in
# docs/snowflake.md.
set -uo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DBT_SH="$REPO_ROOT/tools/dbt/dbt.sh"
PYTHON="$REPO_ROOT/.venv/bin/python"
FAKESNOW_DIR="$REPO_ROOT/tools/dbt/fakesnow"
WAREHOUSE=$1
WORK_DIR=$2
shift 2
SEED_ARGS=("$@")

log() { echo "[fakesnow-build] $*"; }

started_here=0
if ! bash "$REPO_ROOT/tools/services/fakesnow.sh" status >/dev/null 2>&1; then started_here=1; fi
endpoint=$(bash "$REPO_ROOT/tools/services/fakesnow.sh" start) || { log "could not start fakesnow"; exit 1; }
stop_fakesnow() { if [ "$started_here" = 1 ]; then bash "$REPO_ROOT/tools/services/fakesnow.sh" stop >/dev/null 2>&1; fi; }
trap stop_fakesnow EXIT

# The profile's snowflake target, pointed at fakesnow. A database of its own per run: the server
# keeps everything in memory and may be shared with a developer's other runs.
export SNOWFLAKE_HOST=127.0.0.1 SNOWFLAKE_PROTOCOL=http
SNOWFLAKE_PORT=$(node -e 'console.log(JSON.parse(process.argv[1]).port)' "$endpoint")
export SNOWFLAKE_PORT
export SNOWFLAKE_ACCOUNT=fakesnow SNOWFLAKE_USER=ci SNOWFLAKE_PASSWORD=fakesnow-only SNOWFLAKE_ROLE=CI SNOWFLAKE_WAREHOUSE=CI
export SNOWFLAKE_DATABASE="LEDGERLINE_CI_$$" SNOWFLAKE_SCHEMA=PUBLIC
# Every schema under a prefix (dbt var schema_prefix, RAW at <prefix>RAW), as the snowflake-smoke
# command builds on a real account: its naming is what this build proves.
SCHEMA_PREFIX=CI_
DBT_VARS="schema_prefix: $SCHEMA_PREFIX, raw_schema: ${SCHEMA_PREFIX}RAW"
export DBT_TARGET_PATH="$WORK_DIR/target-fakesnow" DBT_LOG_PATH="$WORK_DIR/logs-fakesnow"

failures() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
    const bad = r.filter((x) => !["success", "pass"].includes(x.status));
    const built = r.filter((x) => /^(model|seed|snapshot)\./.test(x.unique_id) && x.status === "success").length;
    const tests = r.filter((x) => x.unique_id.startsWith("test.") && x.status === "pass").length;
    console.log(`[fakesnow-build] ${process.argv[2]}: ${built} models/seeds/snapshots built, ${tests} tests passed, ${bad.length} problem node(s)`);
    for (const x of bad) console.log(`[fakesnow-build]   ${x.status}: ${x.unique_id}${x.message ? " - " + x.message : ""}`);
    process.exit(bad.length === 0 && built > 0 ? 0 : 1);
  ' "$DBT_TARGET_PATH/run_results.json" "$1"
}

snowflake_dbt() {
  local label=$1 status=0
  shift
  # A bounded run: the Python connector retries a statement fakesnow answers with HTTP 500 for ever.
  timeout "${FAKESNOW_DBT_TIMEOUT_SECONDS:-900}" bash "$DBT_SH" "$@" --target snowflake --quiet || status=$?
  [ -f "$DBT_TARGET_PATH/run_results.json" ] || { log "$label: dbt wrote no run_results.json"; return 1; }
  failures "snowflake $label" && [ "$status" = 0 ]
}

copy_raw() { (cd "$FAKESNOW_DIR" && "$PYTHON" copy_raw.py --duckdb "$WAREHOUSE" --schema-prefix "$SCHEMA_PREFIX"); }
compare() { (cd "$FAKESNOW_DIR" && "$PYTHON" compare_marts.py --duckdb "$WAREHOUSE" --schema-prefix "$SCHEMA_PREFIX" --label "$@"); }
# Every model, data test and snapshot through the dialect rules: as dbt sent them (target/run:
# the DDL around each model, the snapshots) and as compiled; the manifest proves none is missing.
dialect_check() {
  "$PYTHON" "$REPO_ROOT/tools/snowflake-dialect/check_dialect.py" --sql-dir "$DBT_TARGET_PATH/run" --sql-dir "$DBT_TARGET_PATH/compiled" --manifest "$DBT_TARGET_PATH/manifest.json"
}
second_sync() { (cd "$REPO_ROOT" && npx tsx tools/dbt/seed-raw.ts --db "$WAREHOUSE" "${SEED_ARGS[@]}" --changes >/dev/null); }
INCREMENTAL_SELECTION=(--exclude resource_type:snapshot dim_customer_history)
duckdb_incremental() {
  WAREHOUSE_DUCKDB_PATH="$WAREHOUSE" DBT_TARGET_PATH="$WORK_DIR/target-duckdb-incremental" bash "$DBT_SH" build --target duckdb --quiet "${INCREMENTAL_SELECTION[@]}"
}

run() {
  local started=$SECONDS
  "$@" || { log "FAILED: $* ($((SECONDS - started))s)"; exit 1; }
  log "ok: $* ($((SECONDS - started))s)"
}

run copy_raw
run snowflake_dbt "full refresh" build --full-refresh --vars "{$DBT_VARS}"
run compare "full refresh" --self-test
run dialect_check
run second_sync
run duckdb_incremental
run copy_raw
run snowflake_dbt "incremental" build "${INCREMENTAL_SELECTION[@]}" --vars "{$DBT_VARS, snowflake_tmp_relation_type: transient}"
run compare "incremental" --skip dim_customer_history
log "dbt on fakesnow equals dbt on DuckDB, full refresh and incremental"
