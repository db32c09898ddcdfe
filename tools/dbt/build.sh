#!/usr/bin/env bash
# CI checks of the dbt project (called by tools/test.sh, i.e. `npm test`):
#   1. a throwaway DuckDB warehouse with RAW filled from the domain generator (seed-raw.ts) and
#      the market RAW tables from the synthetic market sources (seed-market-raw.ts);
#   2. dbt build --target duckdb against it (seeds, models, snapshots, every data test), the CDC
#      marts checked against the seeded change logs' expected fold (seed-cdc-raw.ts --check),
#      then dbt source freshness;
#   3. dbt docs generate --target duckdb;
#   4. dbt build --target trino on a local Trino (Iceberg), full refresh and an incremental run,
#      every mart equal to DuckDB's (trino-build.sh; LEDGERLINE_DBT_TRINO=0 skips it);
#   5. dbt build --target snowflake on fakesnow, full refresh and incremental, every mart equal to
#      DuckDB's (fakesnow-build.sh; it also runs a second sync and an incremental DuckDB build);
#   6. the snapshots' increments (first run, a sync with updates and deletes, a run without
#      changes) by dbt-snowflake on tools/snowflake-emulator and by dbt-duckdb, equal and as SCD2
#      requires (emulator-snapshots.sh, on a warehouse of its own; LEDGERLINE_DBT_EMULATOR_SNAPSHOTS=0
#      skips it): the part fakesnow cannot run.
# Steps 4-6 run side by side, each on a copy of the warehouse (see below).
# Prints a summary per step and exits non-zero when any step fails. Nothing outside a temp dir
# is written; KEEP_DBT_BUILD_DIR=1 keeps that dir for a look at the warehouse.
set -uo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DBT_SH="$REPO_ROOT/tools/dbt/dbt.sh"
WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ledgerline-dbt-build.XXXXXX")"
cleanup() { if [ "${KEEP_DBT_BUILD_DIR:-0}" = 1 ]; then echo "[dbt-build] kept $WORK_DIR"; else rm -rf "$WORK_DIR"; fi; }
trap cleanup EXIT

export DBT_SEND_ANONYMOUS_USAGE_STATS=false NX_DAEMON=false
export WAREHOUSE_DUCKDB_PATH="$WORK_DIR/warehouse.duckdb"
export DBT_TARGET_PATH="$WORK_DIR/target" DBT_LOG_PATH="$WORK_DIR/logs"
failed=()

log() { echo "[dbt-build] $*"; }

# Counts from target/run_results.json: models/seeds/snapshots built, tests passed/failed, and
# every node that did not succeed.
summarise() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
    const kind = (id) => id.split(".")[0];
    const built = r.filter((x) => ["model", "seed", "snapshot"].includes(kind(x.unique_id)) && x.status === "success").length;
    const tests = r.filter((x) => kind(x.unique_id) === "test");
    const passed = tests.filter((x) => x.status === "pass").length;
    const bad = r.filter((x) => !["success", "pass"].includes(x.status));
    console.log(`[dbt-build] ${process.argv[2]}: ${built} models/seeds/snapshots built, ${passed} tests passed, ${tests.length - passed} tests failed or skipped, ${bad.length} problem node(s)`);
    for (const x of bad) console.log(`[dbt-build]   ${x.status}: ${x.unique_id}${x.message ? " - " + x.message : ""}`);
  ' "$DBT_TARGET_PATH/run_results.json" "$1"
}

step() {
  local name=$1
  shift
  local started=$SECONDS
  log "$name ..."
  if "$@"; then
    log "$name ok ($((SECONDS - started))s)"
  else
    log "$name FAILED ($((SECONDS - started))s)"
    failed+=("$name")
  fi
}

SEED_ARGS=(--customers 30 --months 3 --start-month 2025-01)
seed_raw() {
  (cd "$REPO_ROOT" && npx tsx tools/dbt/seed-raw.ts --db "$WAREHOUSE_DUCKDB_PATH" "${SEED_ARGS[@]}") &&
    # market RAW from the synthetic sources: 245 days (past the SMA 200 warm-up), 4 assets, 2 days hourly
    (cd "$REPO_ROOT" && npx tsx tools/dbt/seed-market-raw.ts --db "$WAREHOUSE_DUCKDB_PATH" --symbols BTC,ETH,USDT,AAPL --from 2024-05-01 --to 2025-01-01 --intraday-days 2) &&
    # CDC change logs derived from that RAW (reads, updates, a replay, deletes) for the models/*/cdc models
    (cd "$REPO_ROOT" && npx tsx tools/dbt/seed-cdc-raw.ts --db "$WAREHOUSE_DUCKDB_PATH")
}

dbt_build() {
  local status=0
  bash "$DBT_SH" build --target duckdb --quiet || status=$?
  if [ -f "$DBT_TARGET_PATH/run_results.json" ]; then summarise "dbt build"; fi
  return "$status"
}

# The CDC marts and snapshots hold the fold of the seeded change logs (seed-cdc-raw.ts --check).
cdc_fold_check() { (cd "$REPO_ROOT" && npx tsx tools/dbt/seed-cdc-raw.ts --db "$WAREHOUSE_DUCKDB_PATH" --check); }

source_freshness() { bash "$DBT_SH" source freshness --target duckdb --quiet; }

docs_generate() {
  bash "$DBT_SH" docs generate --target duckdb --quiet &&
    [ -s "$DBT_TARGET_PATH/catalog.json" ] && [ -s "$DBT_TARGET_PATH/index.html" ]
}

step seed-raw seed_raw
if [ ${#failed[@]} -eq 0 ]; then
  step dbt-build dbt_build
  step cdc-fold-check cdc_fold_check
  step source-freshness source_freshness
  step docs-generate docs_generate
  # The three cross-warehouse checks are independent and mostly wait on their servers (Trino's
  # JVM, fakesnow, the emulator), so they run in two lanes side by side: fakesnow-build beside
  # trino-build then emulator-snapshots. Measured on a fresh clone (2 cores): 306 s against 362 s
  # one after the other; each check slows the other (fakesnow 148 -> 230 s), so the gain is small.
  # Two lanes, not three: on two cores a third dbt process beside the Trino JVM only slows the
  # others. Each check gets a warehouse and a work dir of its own (fakesnow-build writes a second
  # sync into its DuckDB RAW, and Trino's DuckDB connector locks the file it reads); their output
  # is printed whole, one check after the other, when both lanes have ended.
  lane_a=() lane_b=(fakesnow-build)
  if [ "${LEDGERLINE_DBT_TRINO:-1}" != 0 ]; then lane_a+=(trino-build); fi
  if [ "${LEDGERLINE_DBT_EMULATOR_SNAPSHOTS:-1}" != 0 ]; then lane_a+=(emulator-snapshots); fi
  run_cross_check() {
    local name=$1 dir="$WORK_DIR/$1"
    mkdir -p "$dir"  # emulator-snapshots.sh makes its own under the work dir
    case "$name" in
      trino-build | fakesnow-build)
        cp "$WAREHOUSE_DUCKDB_PATH" "$dir/warehouse.duckdb" || return 1
        if [ -f "$WAREHOUSE_DUCKDB_PATH.wal" ]; then cp "$WAREHOUSE_DUCKDB_PATH.wal" "$dir/warehouse.duckdb.wal" || return 1; fi ;;
    esac
    case "$name" in
      trino-build) bash "$REPO_ROOT/tools/dbt/trino-build.sh" "$dir/warehouse.duckdb" "$dir" ;;
      fakesnow-build) bash "$REPO_ROOT/tools/dbt/fakesnow-build.sh" "$dir/warehouse.duckdb" "$dir" "${SEED_ARGS[@]}" ;;
      emulator-snapshots) bash "$REPO_ROOT/tools/dbt/emulator-snapshots.sh" "$WORK_DIR" "${SEED_ARGS[@]}" ;;
    esac
  }
  run_lane() { # check names, run one after the other
    local name at
    for name in "$@"; do
      at=$SECONDS
      if run_cross_check "$name" >"$WORK_DIR/$name.log" 2>&1; then echo "ok $((SECONDS - at))" >"$WORK_DIR/$name.status"
      else echo "FAILED $((SECONDS - at))" >"$WORK_DIR/$name.status"; fi
    done
  }
  cross_started=$SECONDS
  run_lane "${lane_a[@]}" &
  lane_a_pid=$!
  run_lane "${lane_b[@]}"
  wait "$lane_a_pid"
  for name in "${lane_a[@]}" "${lane_b[@]}"; do
    log "$name ..."
    cat "$WORK_DIR/$name.log"
    read -r outcome took <"$WORK_DIR/$name.status" 2>/dev/null || { outcome=FAILED; took='?'; }
    log "$name $outcome (${took}s, beside the other lane)"
    if [ "$outcome" != ok ]; then
      # Once more alone, as the checks ran before they ran side by side, so that a check starved
      # of the shared cores (a server start timing out) is told apart from a wrong mart; both
      # outcomes stay in the log, and only the second counts.
      mv "$WORK_DIR/$name" "$WORK_DIR/$name.beside" 2>/dev/null
      log "$name again, alone ..."
      run_lane "$name"
      cat "$WORK_DIR/$name.log"
      read -r outcome took <"$WORK_DIR/$name.status" 2>/dev/null || { outcome=FAILED; took='?'; }
      log "$name $outcome (${took}s, alone)"
      if [ "$outcome" != ok ]; then failed+=("$name"); fi
    fi
  done
  log "cross-warehouse checks done in $((SECONDS - cross_started))s"
fi

if [ ${#failed[@]} -gt 0 ]; then
  log "failed: ${failed[*]}"
  exit 1
fi
log "all dbt checks passed"
