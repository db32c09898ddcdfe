"""Copies the RAW tables of a DuckDB warehouse file (tools/dbt/seed-raw.ts) into Snowflake
(the fakesnow server), so dbt builds both warehouses from the same rows.

Tables are created with the types the Snowflake warehouse adapter gives them
(libs/adapters/snowflake/src/warehouse/sql/column-types.ts): NUMBER(15,2) money, TIMESTAMP_TZ,
NUMBER(38,0) integers. Rows travel as one Parquet file per table, PUT into the table stage and loaded with COPY INTO,
so decimals and time zone offsets arrive exactly (no float, no text formatting).

  python copy_raw.py --duckdb /tmp/w.duckdb [--schema-prefix P_]   (into <prefix>RAW)
"""

import argparse
import os
import tempfile

from connect import duckdb_connection, snowflake_connection


SNOWFLAKE_TYPES = {
    "VARCHAR": "VARCHAR",
    "BOOLEAN": "BOOLEAN",
    "BIGINT": "NUMBER(38,0)",
    "INTEGER": "NUMBER(38,0)",
    "DOUBLE": "FLOAT",
    "DATE": "DATE",
    "TIMESTAMP": "TIMESTAMP_NTZ",
    "TIMESTAMP WITH TIME ZONE": "TIMESTAMP_TZ",
}


def snowflake_type(duckdb_type: str) -> str:
    if duckdb_type.startswith("DECIMAL("):
        return "NUMBER" + duckdb_type[len("DECIMAL") :].replace(" ", "")
    return SNOWFLAKE_TYPES[duckdb_type]


def copy_table(source, target, table: str, scratch: str, raw: str) -> int:
    columns = source.execute(f"describe raw.{table}").fetchall()
    try:
        ddl = ", ".join(f"{name.upper()} {snowflake_type(kind)}" for name, kind, *_ in columns)
    except KeyError as error:
        raise SystemExit(f"raw.{table}: no Snowflake type for DuckDB type {error}") from error
    expected = source.execute(f"select count(*) from raw.{table}").fetchone()[0]
    # Parquet keeps decimals and offsets exact; PUT + COPY INTO is how bulk data enters Snowflake.
    local = os.path.join(scratch, f"{table}.parquet")
    source.execute(f"copy raw.{table} to '{local}' (format parquet)")
    cursor = target.cursor()
    cursor.execute(f"CREATE OR REPLACE TABLE {raw}.{table.upper()} ({ddl})")
    cursor.execute(f"PUT 'file://{local}' @{raw}.LEDGERLINE_LOAD/{table} OVERWRITE = TRUE")
    cursor.execute(
        # By path, not FILES = (...): fakesnow 0.11 cannot resolve a file list on an internal stage.
        f"COPY INTO {raw}.{table.upper()} FROM @{raw}.LEDGERLINE_LOAD/{table}/ "
        "FILE_FORMAT = (TYPE = PARQUET) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE"
    )
    loaded = cursor.execute(f"SELECT COUNT(*) FROM {raw}.{table.upper()}").fetchone()[0]
    if loaded != expected:
        raise SystemExit(f"raw.{table}: {expected} rows in DuckDB but {loaded} in Snowflake")
    return loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duckdb", required=True, help="DuckDB warehouse file with schema raw")
    parser.add_argument("--schema-prefix", default="", help="the dbt var schema_prefix of the Snowflake build")
    args = parser.parse_args()
    raw = f"{args.schema_prefix}RAW".upper()
    source = duckdb_connection(args.duckdb)
    target = snowflake_connection(raw)
    target.cursor().execute(f"CREATE SCHEMA IF NOT EXISTS {raw}")
    target.cursor().execute(f"CREATE OR REPLACE STAGE {raw}.LEDGERLINE_LOAD")
    with tempfile.TemporaryDirectory(prefix="fakesnow-raw-") as scratch:
        # Every table of raw (not only the three sync tables): models added later read theirs too.
        tables = [t for (t,) in source.execute("select table_name from information_schema.tables where table_schema = 'raw' order by 1").fetchall()]
        counts = {table: copy_table(source, target, table, scratch, raw) for table in tables}
    print(f"[fakesnow] {raw} copied: {counts}")


if __name__ == "__main__":
    main()
