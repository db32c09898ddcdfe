"""Compares every relation of the `marts` schema built by dbt on DuckDB with the one built on
Trino (the Iceberg catalog of tools/dbt/trino-build.sh): the same relations, columns and rows.
Money (DECIMAL) is compared exactly as text ("12.30"), floats to 9 significant digits, and
timestamps as epoch microseconds computed by each engine.

  python compare_marts.py --duckdb /tmp/w.duckdb [--label "full refresh"] [--skip MART]... [--self-test]
Exit 0 when equal; 1 with the first differences of each relation otherwise.
"""

import argparse
import datetime
import decimal
import sys
from collections import Counter

from connect import duckdb_connection, run, trino_connection

SHOWN_DIFFERENCES = 5


def canonical(value):
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return float(f"{value:.9g}")
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot compare {type(value).__name__} {value!r}")


def relations(rows) -> tuple[dict[str, list[str]], dict[tuple[str, str], str]]:
    columns: dict[str, list[str]] = {}
    types: dict[tuple[str, str], str] = {}
    for table, column, data_type in rows:
        columns.setdefault(table.lower(), []).append(column.lower())
        types[(table.lower(), column.lower())] = data_type.lower()
    return columns, types


def duckdb_epoch(column: str, data_type: str) -> str:
    return f"epoch_us({column})" if data_type.startswith("timestamp") else column


def trino_epoch(column: str, data_type: str) -> str:
    if data_type.startswith("timestamp") and "with time zone" in data_type:
        return f"CAST(round(to_unixtime({column}) * 1e6) AS BIGINT)"
    if data_type.startswith("timestamp"):
        return f"CAST(round(to_unixtime(with_timezone({column}, 'UTC')) * 1e6) AS BIGINT)"
    return column


def rows_of(rows) -> Counter:
    return Counter(tuple(canonical(v) for v in row) for row in rows)


def differences(duck, cursor, skip: list[str]) -> tuple[list[str], int, int]:
    """Problems found, marts compared and rows compared."""
    info = "select table_name, column_name, data_type from information_schema.columns where table_schema = 'marts' order by table_name, ordinal_position"
    left, left_types = relations(duck.execute(info).fetchall())
    right, right_types = relations(run(cursor, info))
    for skipped in skip:
        left.pop(skipped, None)
        right.pop(skipped, None)
    problems: list[str] = []
    if sorted(left) != sorted(right):
        problems.append(f"relations differ: only DuckDB {sorted(set(left) - set(right))}, only Trino {sorted(set(right) - set(left))}")
    checked = 0
    for table in sorted(set(left) & set(right)):
        if left[table] != right[table]:
            problems.append(f"{table}: columns differ: DuckDB {left[table]} vs Trino {right[table]}")
            continue
        columns = left[table]
        duck_cols = ", ".join(duckdb_epoch(c, left_types[(table, c)]) for c in columns)
        trino_cols = ", ".join(trino_epoch(c, right_types[(table, c)]) for c in columns)
        duck_rows = rows_of(duck.execute(f"select {duck_cols} from marts.{table}").fetchall())
        trino_rows = rows_of(run(cursor, f"select {trino_cols} from marts.{table}"))
        if not duck_rows:
            problems.append(f"{table}: empty on DuckDB, nothing to compare")
        if duck_rows != trino_rows:
            only_duck = list((duck_rows - trino_rows).elements())[:SHOWN_DIFFERENCES]
            only_trino = list((trino_rows - duck_rows).elements())[:SHOWN_DIFFERENCES]
            problems.append(f"{table} ({columns}):\n  only DuckDB: {only_duck}\n  only Trino: {only_trino}")
        checked += sum(duck_rows.values())
    return problems, len(left), checked


def self_test(duck, cursor) -> None:
    """The comparison must see one cent moved in one row of one mart (else it proves nothing)."""
    key = "customer_id = (select min(customer_id) from marts.mart_monthly_spend)"
    run(cursor, f"update marts.mart_monthly_spend set spend_amount = spend_amount + 0.01 where {key}")
    try:
        problems, _, _ = differences(duck, cursor, [])
    finally:
        run(cursor, f"update marts.mart_monthly_spend set spend_amount = spend_amount - 0.01 where {key}")
    if not any(p.startswith("mart_monthly_spend") for p in problems):
        raise SystemExit("[trino] self-test: a mart one cent off was not reported; the comparison is blind")
    print("[trino] self-test: a mart one cent off is reported")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duckdb", required=True)
    parser.add_argument("--label", default="marts")
    parser.add_argument("--skip", action="append", default=[], help="a mart this round did not rebuild on both sides")
    parser.add_argument("--self-test", action="store_true", help="first prove that one cent off in a mart is reported")
    args = parser.parse_args()
    duck = duckdb_connection(args.duckdb)
    cursor = trino_connection("marts").cursor()
    if args.self_test:
        self_test(duck, cursor)
    problems, marts, checked = differences(duck, cursor, args.skip)
    if problems:
        print(f"[trino] {args.label}: marts differ between DuckDB and Trino:", *problems, sep="\n")
        return 1
    print(f"[trino] {args.label}: {marts} marts equal on DuckDB and Trino ({checked} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
