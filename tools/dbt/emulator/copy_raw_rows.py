"""Copies RAW tables of a DuckDB warehouse file (tools/dbt/seed-raw.ts) into tools/snowflake-emulator,
so that dbt-snowflake's snapshot runs (emulator_snapshots.sh) read the same rows as the DuckDB build.

The emulator loads CSV, not Parquet, so rows travel as text in INSERT statements through the Python
connector (the one dbt-snowflake uses) and convert on assignment, as in Snowflake; tables get the
Snowflake warehouse adapter's types (copy_raw.py). Timestamps are written with their offset and
all their digits, so the emulator's TIMESTAMP_TZ keeps them exactly.

  python copy_raw_rows.py --duckdb /tmp/w.duckdb --schema-prefix CI_ --table customers --table accounts
"""

import argparse
import pathlib
import sys

import snowflake.connector

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "fakesnow"))
from connect import duckdb_connection, snowflake_connection  # noqa: E402
from copy_raw import snowflake_type  # noqa: E402

BATCH = 500


def text_of(name: str, kind: str) -> str:
    if kind == "TIMESTAMP WITH TIME ZONE":
        # ISO text with offset (DuckDB session in UTC): '2025-01-03 10:00:00.123456+00'
        return f"strftime({name}, '%Y-%m-%d %H:%M:%S.%f%z')"
    return f"cast({name} as varchar)"


def copy_table(source, target, table: str, raw: str) -> int:
    columns = source.execute(f"describe raw.{table}").fetchall()
    ddl = ", ".join(f"{name.upper()} {snowflake_type(kind)}" for name, kind, *_ in columns)
    select = ", ".join(text_of(name, kind) for name, kind, *_ in columns)
    rows = source.execute(f"select {select} from raw.{table}").fetchall()
    cursor = target.cursor()
    cursor.execute(f"CREATE OR REPLACE TABLE {raw}.{table.upper()} ({ddl})")
    marks = ", ".join(["?"] * len(columns))
    for start in range(0, len(rows), BATCH):
        cursor.executemany(f"INSERT INTO {raw}.{table.upper()} VALUES ({marks})", rows[start : start + BATCH])
    loaded = cursor.execute(f"SELECT COUNT(*) FROM {raw}.{table.upper()}").fetchone()[0]
    if loaded != len(rows):
        raise SystemExit(f"raw.{table}: {len(rows)} rows in DuckDB but {loaded} in the emulator")
    return loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duckdb", required=True)
    parser.add_argument("--schema-prefix", default="")
    parser.add_argument("--table", action="append", required=True)
    args = parser.parse_args()
    raw = f"{args.schema_prefix}RAW"
    source = duckdb_connection(args.duckdb)
    source.execute("set TimeZone = 'UTC'")
    # qmark: executemany sends one array bind (server-side), not one statement per row.
    snowflake.connector.paramstyle = "qmark"
    target = snowflake_connection(schema="PUBLIC")
    target.cursor().execute(f"CREATE SCHEMA IF NOT EXISTS {raw}")
    for table in args.table:
        print(f"[emulator-snapshots] raw.{table}: {copy_table(source, target, table, raw)} rows")


if __name__ == "__main__":
    main()
