"""Compares every relation of the `marts` schema built by dbt on DuckDB with the one built on
Snowflake (fakesnow in CI, a real account in `warehouse-sync:serve -- snowflake-smoke`): the
same relations, columns and rows. Money (NUMBER/DECIMAL) is compared
exactly as text ("12.30"), floats to 9 significant digits, and timestamps as epoch microseconds
computed by each engine (fakesnow 0.11 serves a NULL timestamp as 1970-01-01 and a TIMESTAMP_TZ
in UTC, so the instant is taken in SQL, where NULL stays NULL).

Columns stamped with the build's own clock (RUN_TIME_COLUMNS) cannot be equal across two builds
run at different moments; they are left out, and nothing else is. `--ignore-column` leaves out
more for one run: the smoke test syncs each warehouse itself, so the sync's own clock
(fct_transactions' *_synced_at) differs between them. `--schema-prefix` reads the Snowflake marts
of a prefixed build (`<prefix>MARTS`, dbt var schema_prefix).

  python compare_marts.py --duckdb /tmp/w.duckdb [--label "full refresh"] [--skip MART]... [--self-test]
                          [--schema-prefix P_] [--ignore-column COLUMN]...
Exit 0 when equal; 1 with the first differences of each relation otherwise.
"""

import argparse
import datetime
import decimal
import sys
from collections import Counter

from connect import duckdb_connection, snowflake_connection

# dbt's snapshot bookkeeping and the snapshot-derived history rows take current_timestamp.
RUN_TIME_COLUMNS: set[str] = set()
SHOWN_DIFFERENCES = 5


def canonical(value):
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return float(f"{value:.9g}")
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot compare {type(value).__name__} {value!r}")


def duckdb_relations(connection) -> tuple[dict[str, list[str]], set[tuple[str, str]]]:
    rows = connection.execute(
        "select table_name, column_name, data_type from information_schema.columns where table_schema = 'marts' order by table_name, ordinal_position"
    ).fetchall()
    relations: dict[str, list[str]] = {}
    timestamps: set[tuple[str, str]] = set()
    for table, column, data_type in rows:
        relations.setdefault(table.lower(), []).append(column.lower())
        if data_type.startswith("TIMESTAMP"):
            timestamps.add((table.lower(), column.lower()))
    return relations, timestamps


def snowflake_relations(cursor, marts: str) -> dict[str, list[str]]:
    cursor.execute(
        "select table_name, column_name from information_schema.columns where table_schema = %s order by table_name, ordinal_position",
        (marts,),
    )
    relations: dict[str, list[str]] = {}
    for table, column in cursor.fetchall():
        relations.setdefault(table.lower(), []).append(column.lower())
    return relations


def rows_of(rows) -> Counter:
    return Counter(tuple(canonical(v) for v in row) for row in rows)


def differences(duck, snow, skip: list[str], marts: str = "MARTS", ignored: frozenset[str] = frozenset()) -> tuple[list[str], int, int]:
    """Problems found, marts compared and rows compared."""
    (left, timestamps), right = duckdb_relations(duck), snowflake_relations(snow, marts)
    for skipped in skip:
        left.pop(skipped, None)
        right.pop(skipped, None)
    problems: list[str] = []
    if sorted(left) != sorted(right):
        problems.append(f"relations differ: only DuckDB {sorted(set(left) - set(right))}, only Snowflake {sorted(set(right) - set(left))}")
    checked = 0
    for table in sorted(set(left) & set(right)):
        if left[table] != right[table]:
            problems.append(f"{table}: columns differ: DuckDB {left[table]} vs Snowflake {right[table]}")
            continue
        columns = [c for c in left[table] if c not in RUN_TIME_COLUMNS and c not in ignored]
        is_ts = [(table, c) in timestamps for c in columns]
        duck_cols = ", ".join(f"epoch_us({c})" if ts else c for c, ts in zip(columns, is_ts))
        snow_cols = ", ".join(f"date_part(epoch_microsecond, {c})" if ts else c for c, ts in zip(columns, is_ts))
        duck_rows = rows_of(duck.execute(f"select {duck_cols} from marts.{table}").fetchall())
        snow_rows = rows_of(snow.execute(f"select {snow_cols} from {marts}.{table}").fetchall())
        if not duck_rows:
            problems.append(f"{table}: empty on DuckDB, nothing to compare")
        if duck_rows != snow_rows:
            only_duck = list((duck_rows - snow_rows).elements())[:SHOWN_DIFFERENCES]
            only_snow = list((snow_rows - duck_rows).elements())[:SHOWN_DIFFERENCES]
            problems.append(f"{table} ({columns}):\n  only DuckDB: {only_duck}\n  only Snowflake: {only_snow}")
        checked += sum(duck_rows.values())
    return problems, len(left), checked


def self_test(duck, snow, marts: str) -> None:
    """The comparison must see one cent moved in one row of one mart (else it proves nothing)."""
    key = f"customer_id = (select min(customer_id) from {marts}.MART_MONTHLY_SPEND)"
    snow.execute(f"update {marts}.MART_MONTHLY_SPEND set spend_amount = spend_amount + 0.01 where {key}")
    try:
        problems, _, _ = differences(duck, snow, [], marts)
    finally:
        snow.execute(f"update {marts}.MART_MONTHLY_SPEND set spend_amount = spend_amount - 0.01 where {key}")
    if not any(p.startswith("mart_monthly_spend") for p in problems):
        raise SystemExit("[fakesnow] self-test: a mart one cent off was not reported; the comparison is blind")
    print("[fakesnow] self-test: a mart one cent off is reported")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duckdb", required=True)
    parser.add_argument("--label", default="marts")
    parser.add_argument("--skip", action="append", default=[], help="a mart this round did not rebuild on both sides")
    parser.add_argument("--self-test", action="store_true", help="first prove that one cent off in a mart is reported")
    parser.add_argument("--schema-prefix", default="", help="the dbt var schema_prefix of the Snowflake build")
    parser.add_argument("--ignore-column", action="append", default=[], help="a column (any mart) left out of this comparison")
    args = parser.parse_args()
    marts_schema = f"{args.schema_prefix}MARTS".upper()
    duck = duckdb_connection(args.duckdb)
    snow = snowflake_connection(marts_schema).cursor()
    if args.self_test:
        self_test(duck, snow, marts_schema)
    problems, marts, checked = differences(duck, snow, args.skip, marts_schema, frozenset(c.lower() for c in args.ignore_column))
    if problems:
        print(f"[fakesnow] {args.label}: marts differ between DuckDB and Snowflake:", *problems, sep="\n")
        return 1
    print(f"[fakesnow] {args.label}: {marts} marts equal on DuckDB and Snowflake ({checked} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
