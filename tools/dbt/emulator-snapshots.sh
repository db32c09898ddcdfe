#!/usr/bin/env bash
# dbt snapshot increments on a Snowflake dialect: dbt-snowflake runs the project's snapshots
# (timestamp strategy) and a CI-only one of the check strategy (dbt/snapshots/ci) against
# tools/snowflake-emulator (fakesnow 0.11 cannot run a second snapshot run, see
# docs/snowflake.md), and dbt-duckdb runs the same rounds on DuckDB; after each round
# compare_snapshots.py checks both builds equal, column for column, and both as SCD2 requires
# (an oracle computed from the snapshot before the round and the staging rows now).
# Called by tools/dbt/build.sh:
#   emulator-snapshots.sh <work dir> <seed-raw arguments...>
#   1. a DuckDB warehouse of its own (seed-raw.ts); RAW customers/accounts copied into the
#      emulator (emulator/copy_raw_rows.py, the Python connector dbt-snowflake uses);
#   2. first run: `dbt build` of the snapshots, the staging views under them and
#      dim_customer_history on both (no data tests: the DuckDB and fakesnow builds run them): one
#      open version per key;
#   3. a second sync (seed-raw.ts --changes: updates and tombstones), copied again, `dbt build`
#      again on both: each updated key exactly one new version with the old one closed at the new
#      updated_at, each deleted key's version closed (hard_deletes: invalidate), nothing else;
#      dim_customer_history equal on both and to its snapshot; first a self-test that one wrongly
#      closed version is reported;
#   4. `dbt build` again without changes: nothing added or closed.
# The emulator is a fake (a DuckDB translation layer, ours): this proves dbt-snowflake's snapshot
# SQL runs and gives DuckDB's history on a Snowflake dialect that refuses what Snowflake refuses
# where the emulator knows it; only a real account proves Snowflake itself (docs/snowflake.md).
# The emulator process this script starts is stopped at the end.
set -uo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DBT_SH="$REPO_ROOT/tools/dbt/dbt.sh"
PYTHON="$REPO_ROOT/.venv/bin/python"
HERE="$REPO_ROOT/tools/dbt/emulator"
WORK_DIR="$1/emulator-snapshots"
shift
SEED_ARGS=("$@")
mkdir -p "$WORK_DIR"

log() { echo "[emulator-snapshots] $*"; }

# Started directly (not through npx), so the PID is the server's own and stopping it is exact.
"$REPO_ROOT/node_modules/.bin/tsx" "$REPO_ROOT/tools/snowflake-emulator/src/main.ts" --port 0 --db :memory: \
  --stage-dir "$WORK_DIR/stages" >"$WORK_DIR/emulator.out" 2>"$WORK_DIR/emulator.log" &
EMULATOR_PID=$!
stop_emulator() { kill "$EMULATOR_PID" 2>/dev/null; wait "$EMULATOR_PID" 2>/dev/null; }
trap stop_emulator EXIT
for _ in $(seq 1 120); do
  grep -q '"url"' "$WORK_DIR/emulator.out" 2>/dev/null && break
  kill -0 "$EMULATOR_PID" 2>/dev/null || { log "the emulator exited: $(tail -5 "$WORK_DIR/emulator.log")"; exit 1; }
  sleep 0.5
done
URL=$(grep -o '"url":"[^"]*"' "$WORK_DIR/emulator.out" | cut -d'"' -f4)
[ -n "$URL" ] || { log "the emulator did not start within 60 s"; exit 1; }
log "emulator at $URL"

# The profile's snowflake target, pointed at the emulator (any user logs in there).
export SNOWFLAKE_HOST=127.0.0.1 SNOWFLAKE_PROTOCOL=http SNOWFLAKE_PORT="${URL##*:}"
export SNOWFLAKE_ACCOUNT=emulator SNOWFLAKE_USER=ci SNOWFLAKE_PASSWORD=emulator-only SNOWFLAKE_ROLE=CI SNOWFLAKE_WAREHOUSE=CI
export SNOWFLAKE_DATABASE=LEDGERLINE_CI SNOWFLAKE_SCHEMA=PUBLIC
SCHEMA_PREFIX=CI_
# ci_check_strategy_snapshot: also dbt/snapshots/ci (the check strategy; off in every other build).
DBT_VARS="{schema_prefix: $SCHEMA_PREFIX, raw_schema: ${SCHEMA_PREFIX}RAW, ci_check_strategy_snapshot: true}"
WAREHOUSE="$WORK_DIR/warehouse.duckdb"
# The snapshots, the staging views under them and dim_customer_history built on them; their data tests run in the DuckDB and fakesnow
# builds already, so not here (CI time).
SELECTION=(--select +customers_snapshot +accounts_snapshot +accounts_state_check_snapshot dim_customer_history --exclude resource_type:test)

run() {
  local started=$SECONDS
  "$@" || { log "FAILED: $* ($((SECONDS - started))s)"; exit 1; }
  log "ok: $* ($((SECONDS - started))s)"
}

seed() { (cd "$REPO_ROOT" && npx tsx tools/dbt/seed-raw.ts --db "$WAREHOUSE" "${SEED_ARGS[@]}" "$@" >/dev/null); }
copy_raw() { "$PYTHON" "$HERE/copy_raw_rows.py" --duckdb "$WAREHOUSE" --schema-prefix "$SCHEMA_PREFIX" --table customers --table accounts; }
# $1: dbt command (build or snapshot)
duckdb_dbt() {
  WAREHOUSE_DUCKDB_PATH="$WAREHOUSE" DBT_TARGET_PATH="$WORK_DIR/target-duckdb" DBT_LOG_PATH="$WORK_DIR/logs-duckdb" \
    bash "$DBT_SH" "$1" --target duckdb --quiet "${SELECTION[@]}" --vars "{ci_check_strategy_snapshot: true}"
}
emulator_dbt() {
  # Bounded: the Python connector retries a statement answered with HTTP 5xx for a long time.
  DBT_TARGET_PATH="$WORK_DIR/target-emulator" DBT_LOG_PATH="$WORK_DIR/logs-emulator" \
    timeout "${EMULATOR_DBT_TIMEOUT_SECONDS:-300}" bash "$DBT_SH" "$1" --target snowflake --quiet "${SELECTION[@]}" --vars "$DBT_VARS"
}
keep_before() { cp "$WAREHOUSE" "$WORK_DIR/before.duckdb"; }
compare() { "$PYTHON" "$HERE/compare_snapshots.py" --duckdb "$WAREHOUSE" --schema-prefix "$SCHEMA_PREFIX" --check-strategy --history "$@"; }

rm -f "$WAREHOUSE"
run seed
run copy_raw
run duckdb_dbt build
run emulator_dbt build
run compare --label "first run"
run keep_before
run seed --changes
run copy_raw
run duckdb_dbt build
run emulator_dbt build
run compare --label "second run" --before "$WORK_DIR/before.duckdb" --require-changes --self-test
run keep_before
run duckdb_dbt build
run emulator_dbt build
run compare --label "third run, no changes" --before "$WORK_DIR/before.duckdb"
log "dbt-snowflake snapshots on the emulator equal dbt-duckdb's, as SCD2 requires, over three runs"
