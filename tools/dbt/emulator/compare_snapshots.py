"""Checks one round of dbt snapshots built by dbt-snowflake on tools/snowflake-emulator against
the same round built by dbt-duckdb, and both against what SCD2 requires of that round.

What SCD2 requires (the oracle) is computed here, not by dbt: from the snapshot as it was before
the round (`--before`, a copy of the DuckDB warehouse taken then; none for a first run) and the
live rows of the staging model now. Per key:
  - updated_at unchanged           -> no new version;
  - updated_at moved               -> exactly one new open version from the new updated_at, and the
                                      old open version closed at that same instant;
  - gone from staging (deleted)    -> the open version closed (hard_deletes: invalidate), no new one;
  - new key                        -> exactly one open version.
Versions are compared as (key, dbt_valid_from, dbt_valid_to), where a version closed by a delete
carries the marker "<closed by delete>" instead of its close time (dbt stamps it with each
engine's own clock). Then every other column of the two builds is compared row for row (money as
exact text, timestamps as UTC instants); dbt_scd_id (a hash of each engine's timestamp text) must
be present and unique on each side, and is not compared across engines.

With --check-strategy the CI-only snapshot of dbt's check strategy is checked too: there a
version's times are each engine's clock at the run, so they become the run that made them
("run 001", ...), "updated_at moved" reads "a checked column changed", and the open versions must
carry staging's values of the checked columns.

  python compare_snapshots.py --duckdb W.duckdb --schema-prefix CI_ --label "second run"
                              [--before B.duckdb] [--require-changes] [--self-test] [--check-strategy]
Exit 0 when both builds are equal and hold to the oracle; 1 with the differences otherwise.
"""

import argparse
import pathlib
import sys
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "fakesnow"))
from compare_marts import canonical  # noqa: E402
from connect import duckdb_connection, snowflake_connection  # noqa: E402

# The project's snapshots (dbt/snapshots/*.yml: timestamp strategy, hard_deletes invalidate) and
# the CI-only check-strategy one (dbt/snapshots/ci, var ci_check_strategy_snapshot):
# name -> (unique key, staging model, check_cols or None for the timestamp strategy).
SNAPSHOTS = {
    "customers_snapshot": ("customer_id", "stg_customers", None),
    "accounts_snapshot": ("account_id", "stg_accounts", None),
}
CHECK_SNAPSHOTS = {"accounts_state_check_snapshot": ("account_id", "stg_accounts", ("account_status", "current_balance"))}
STAMPS = ("dbt_valid_from", "dbt_valid_to", "dbt_updated_at")
CLOSED_BY_DELETE = "<closed by delete>"
SHOWN = 5


def versions_of(rows: list[dict], key: str) -> Counter:
    """(key, valid_from, valid_to) per version; a close time that opens no later version of the
    same key is a delete's and becomes the marker."""
    starts = {(r[key], r["dbt_valid_from"]) for r in rows}
    out = Counter()
    for r in rows:
        to = r["dbt_valid_to"]
        if to is not None and (r[key], to) not in starts:
            to = CLOSED_BY_DELETE
        out[(r[key], r["dbt_valid_from"], to)] += 1
    return out


def expected_versions(before: list[dict], live: dict[str, str], key: str) -> Counter:
    """The oracle: the versions SCD2 requires after this round (module docstring)."""
    expected = versions_of(before, key)
    open_from = {k: f for (k, f, t) in expected if t is None}
    for k, vf in open_from.items():
        now = live.get(k)
        if now == vf:
            continue
        expected[(k, vf, None)] -= 1
        expected[(k, vf, CLOSED_BY_DELETE if now is None else now)] += 1
        if now is not None:
            expected[(k, now, None)] += 1
    for k, now in live.items():
        if k not in open_from:
            expected[(k, now, None)] += 1
    return +expected


def run_ranked(rows: list[dict]) -> list[dict]:
    """The check strategy stamps versions with each engine's clock at the run, so its times are
    replaced by the run that made them ("run 001" = the earliest dbt_valid_from); a close time no
    run opened a version at (a delete's) is left as it is."""
    runs = {stamp: f"run {n:03d}" for n, stamp in enumerate(sorted({r["dbt_valid_from"] for r in rows}), start=1)}
    return [{**r, **{c: runs.get(r[c], r[c]) for c in STAMPS}} for r in rows]


def check_stamps(before: list[dict], live: dict[str, tuple], key: str, check_cols: tuple[str, ...]) -> dict[str, str]:
    """A live row's stamp under the check strategy: its open version's run when the checked
    columns are unchanged, the next run otherwise (before is run-ranked)."""
    open_versions = {r[key]: r for r in before if r["dbt_valid_to"] is None}
    next_run = f"run {len({r['dbt_valid_from'] for r in before}) + 1:03d}"
    stamps = {}
    for k, values in live.items():
        current = open_versions.get(k)
        same = current is not None and tuple(current[c] for c in check_cols) == values
        stamps[k] = current["dbt_valid_from"] if same else next_run
    return stamps


def duckdb_rows(duck, table: str, schema: str = "snapshots") -> tuple[list[str], list[dict]]:
    cursor = duck.execute(f"select * from {schema}.{table}")
    columns = [d[0].lower() for d in cursor.description]
    return columns, [dict(zip(columns, (canonical(v) for v in row))) for row in cursor.fetchall()]


def snowflake_rows(snow, schema: str, table: str) -> tuple[list[str], list[dict]]:
    snow.execute(f"select * from {schema}.{table.upper()}")
    columns = [d[0].lower() for d in snow.description]
    return columns, [dict(zip(columns, (canonical(v) for v in row))) for row in snow.fetchall()]


def live_rows(duck, key: str, model: str, columns: tuple[str, ...]) -> dict[str, tuple]:
    rows = duck.execute(f"select {key}, {', '.join(columns)} from staging.{model}").fetchall()
    return {k: tuple(canonical(v) for v in values) for k, *values in rows}


def diff(label: str, left: Counter, right: Counter, names: tuple[str, str]) -> list[str]:
    if left == right:
        return []
    only_left = list((left - right).elements())[:SHOWN]
    only_right = list((right - left).elements())[:SHOWN]
    return [f"{label}:\n  only {names[0]}: {only_left}\n  only {names[1]}: {only_right}"]


def check_table(duck, snow, schema: str, table: str, before) -> tuple[list[str], dict[str, int]]:
    key, model, check_cols = {**SNAPSHOTS, **CHECK_SNAPSHOTS}[table]
    problems: list[str] = []
    duck_columns, duck_data = duckdb_rows(duck, table)
    snow_columns, snow_data = snowflake_rows(snow, schema, table)
    previous = duckdb_rows(before, table)[1] if before is not None else []
    if check_cols:
        duck_data, snow_data, previous = run_ranked(duck_data), run_ranked(snow_data), run_ranked(previous)
        live_values = live_rows(duck, key, model, check_cols)
        live = check_stamps(previous, live_values, key, check_cols)
        # The open versions must carry the values staging has now.
        for side, data in (("DuckDB", duck_data), ("emulator", snow_data)):
            open_values = {r[key]: tuple(r[c] for c in check_cols) for r in data if r["dbt_valid_to"] is None}
            if open_values != live_values:
                wrong = sorted(k for k in set(open_values) | set(live_values) if open_values.get(k) != live_values.get(k))[:SHOWN]
                problems.append(f"{table} on {side}: open versions differ from staging for {wrong}")
    else:
        live = {k: values[0] for k, values in live_rows(duck, key, model, ("updated_at",)).items()}
    if sorted(duck_columns) != sorted(snow_columns):
        return [f"{table}: columns differ: DuckDB {duck_columns} vs emulator {snow_columns}"], {}
    for side, data in (("DuckDB", duck_data), ("emulator", snow_data)):
        ids = [r["dbt_scd_id"] for r in data]
        if None in ids or len(set(ids)) != len(ids):
            problems.append(f"{table} on {side}: dbt_scd_id missing or repeated")
    expected = expected_versions(previous, live, key)
    problems += diff(f"{table}: DuckDB vs SCD2 oracle", versions_of(duck_data, key), expected, ("DuckDB", "oracle"))
    problems += diff(f"{table}: emulator vs SCD2 oracle", versions_of(snow_data, key), expected, ("emulator", "oracle"))

    def whole(data: list[dict]) -> Counter:
        closes = versions_of(data, key)
        marked = {(k, f) for (k, f, t) in closes if t == CLOSED_BY_DELETE}
        compared = [c for c in duck_columns if c != "dbt_scd_id"]
        return Counter(
            tuple(CLOSED_BY_DELETE if c == "dbt_valid_to" and (r[key], r["dbt_valid_from"]) in marked else r[c] for c in compared) for r in data
        )

    problems += diff(f"{table}: every column", whole(duck_data), whole(snow_data), ("DuckDB", "emulator"))
    changed = expected - versions_of(previous, key)
    counts = {
        "versions": len(snow_data),
        "new versions": sum(1 for (_k, _f, t) in changed if t is None),
        "closed by update": sum(1 for (_k, _f, t) in changed if t not in (None, CLOSED_BY_DELETE)),
        "closed by delete": sum(1 for (_k, _f, t) in changed if t == CLOSED_BY_DELETE),
    }
    return problems, counts


def check_history(duck, snow, prefix: str) -> list[str]:
    """dim_customer_history (built on customers_snapshot) on both engines: each side's rows are
    its own snapshot's versions, and the two sides are equal column for column (a delete's close
    time compared as "closed", as in the snapshot)."""
    problems: list[str] = []
    sides = []
    for side, rows in (
        ("DuckDB", duckdb_rows(duck, "dim_customer_history", "marts")[1]),
        ("emulator", snowflake_rows(snow, f"{prefix}MARTS", "dim_customer_history")[1]),
    ):
        snapshot = duckdb_rows(duck, "customers_snapshot")[1] if side == "DuckDB" else snowflake_rows(snow, f"{prefix}SNAPSHOTS", "customers_snapshot")[1]
        as_versions = [{"customer_id": r["customer_id"], "dbt_valid_from": r["valid_from"], "dbt_valid_to": r["valid_to"]} for r in rows]
        problems += diff(f"dim_customer_history on {side} vs its customers_snapshot", versions_of(as_versions, "customer_id"), versions_of(snapshot, "customer_id"), ("history", "snapshot"))
        closed = {(k, f) for (k, f, t) in versions_of(as_versions, "customer_id") if t == CLOSED_BY_DELETE}
        sides.append(Counter(tuple(sorted((c, CLOSED_BY_DELETE if c == "valid_to" and (r["customer_id"], r["valid_from"]) in closed else v) for c, v in r.items())) for r in rows))
    problems += diff("dim_customer_history: every column", sides[0], sides[1], ("DuckDB", "emulator"))
    return problems


def self_test(duck, snow, schema: str, before) -> None:
    """An open version closed on the emulator must be reported (else this proves nothing)."""
    table = f"{schema}.CUSTOMERS_SNAPSHOT"
    snow.execute(f"select min(dbt_scd_id) from {table} where dbt_valid_to is null")
    (scd_id,) = snow.fetchone()
    snow.execute(f"update {table} set dbt_valid_to = current_timestamp() where dbt_scd_id = %s", (scd_id,))
    if snow.rowcount != 1:
        raise SystemExit(f"[emulator-snapshots] self-test: closing one open version changed {snow.rowcount} rows")
    try:
        problems, _ = check_table(duck, snow, schema, "customers_snapshot", before)
    finally:
        snow.execute(f"update {table} set dbt_valid_to = null where dbt_scd_id = %s", (scd_id,))
    if not any("emulator vs SCD2 oracle" in p for p in problems):
        raise SystemExit("[emulator-snapshots] self-test: an open version closed on the emulator was not reported; the check is blind")
    print("[emulator-snapshots] self-test: an open version closed on the emulator is reported")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duckdb", required=True, help="the DuckDB warehouse after this round")
    parser.add_argument("--before", help="a copy of the DuckDB warehouse taken before this round (none: a first run)")
    parser.add_argument("--schema-prefix", default="", help="the dbt var schema_prefix of the emulator build")
    parser.add_argument("--label", default="snapshots")
    parser.add_argument("--require-changes", action="store_true", help="fail unless the round added, closed by update and closed by delete")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--check-strategy", action="store_true", help="also the CI-only check-strategy snapshot (dbt var ci_check_strategy_snapshot)")
    parser.add_argument("--history", action="store_true", help="also dim_customer_history, built on customers_snapshot")
    args = parser.parse_args()
    schema = f"{args.schema_prefix}SNAPSHOTS".upper()
    duck = duckdb_connection(args.duckdb)
    before = duckdb_connection(args.before) if args.before else None
    snow = snowflake_connection(schema).cursor()
    if args.self_test:
        self_test(duck, snow, schema, before)
    problems: list[str] = []
    totals: Counter = Counter()
    for table in [*SNAPSHOTS, *(CHECK_SNAPSHOTS if args.check_strategy else [])]:
        found, counts = check_table(duck, snow, schema, table, before)
        problems += found
        totals.update(counts)
        print(f"[emulator-snapshots] {args.label}: {table} {counts}")
    if args.history:
        found = check_history(duck, snow, args.schema_prefix.upper())
        problems += found
        print(f"[emulator-snapshots] {args.label}: dim_customer_history {'differs' if found else 'equal, and the versions of its snapshot'}")
    if args.require_changes and not all(totals[k] > 0 for k in ("new versions", "closed by update", "closed by delete")):
        problems.append(f"this round was meant to update and delete keys, but the oracle expects {dict(totals)}")
    if problems:
        print(f"[emulator-snapshots] {args.label}: snapshots differ:", *problems, sep="\n")
        return 1
    print(f"[emulator-snapshots] {args.label}: snapshots equal on DuckDB and the emulator, and as SCD2 requires")
    return 0


if __name__ == "__main__":
    sys.exit(main())
