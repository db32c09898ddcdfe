"""Copies the RAW tables of a DuckDB warehouse file (tools/dbt/seed-raw.ts) into the Trino
catalog dbt builds in (an Iceberg catalog, tools/dbt/trino-build.sh), so dbt builds both
warehouses from the same rows.

Rows travel through Trino's own DuckDB connector, one CREATE TABLE AS per table: the tables are
first copied into a scratch DuckDB file with every timestamp as BIGINT epoch microseconds
(Trino 476's DuckDB connector does not map DuckDB timestamps; it leaves such columns out), and
Trino turns them back into timestamp(6) [with time zone] exactly. DECIMAL(p,s) stays DECIMAL(p,s).
(Literal multi-row INSERTs were tried first: 100 s for 12k rows on a loaded 2-core machine.)

  python copy_raw.py --duckdb /tmp/w.duckdb --scratch /tmp/dir
"""

import argparse
import os

import duckdb

from connect import run, trino_connection

TRINO_TYPES = {
    "VARCHAR": "varchar",
    "BOOLEAN": "boolean",
    "BIGINT": "bigint",
    "INTEGER": "integer",
    "DOUBLE": "double",
    "DATE": "date",
    "TIMESTAMP": "timestamp(6)",
    "TIMESTAMP WITH TIME ZONE": "timestamp(6) with time zone",
}


def trino_type(duckdb_type: str) -> str:
    if duckdb_type.startswith("DECIMAL("):
        return "decimal" + duckdb_type[len("DECIMAL") :].replace(" ", "")
    return TRINO_TYPES[duckdb_type]


def export_expression(name: str, duckdb_type: str) -> str:
    """The column in the scratch file: timestamps as epoch microseconds, the rest unchanged."""
    return f'epoch_us("{name}") AS "{name}"' if duckdb_type.startswith("TIMESTAMP") else f'"{name}"'


def import_expression(name: str, duckdb_type: str) -> str:
    """The column as Trino reads it back from the scratch file, in the RAW type."""
    target = trino_type(duckdb_type)
    if duckdb_type == "TIMESTAMP WITH TIME ZONE":
        return f'CAST(from_unixtime_nanos("{name}" * 1000) AS {target}) AS "{name}"'
    if duckdb_type == "TIMESTAMP":
        return f'CAST(from_unixtime_nanos("{name}" * 1000) AT TIME ZONE \'UTC\' AS {target}) AS "{name}"'
    return f'CAST("{name}" AS {target}) AS "{name}"'


def export_tables(source, scratch_file: str) -> dict[str, list[tuple[str, str]]]:
    """Copies raw.* into the scratch DuckDB file; returns each table's (column, DuckDB type)."""
    tables = [t for (t,) in source.execute("select table_name from information_schema.tables where table_schema = 'raw' and table_catalog = current_database() order by 1").fetchall()]
    source.execute(f"attach '{scratch_file}' as scratch")
    source.execute("create schema scratch.raw")
    columns: dict[str, list[tuple[str, str]]] = {}
    for table in tables:
        described = [(name, kind) for name, kind, *_ in source.execute(f"describe raw.{table}").fetchall()]
        for name, kind in described:
            try:
                trino_type(kind)
            except KeyError as error:
                raise SystemExit(f"raw.{table}.{name}: no Trino type for DuckDB type {error}") from error
        select = ", ".join(export_expression(name, kind) for name, kind in described)
        source.execute(f"create table scratch.raw.{table} as select {select} from raw.{table}")
        columns[table] = described
    source.execute("detach scratch")
    return columns


def copy_table(source, cursor, source_catalog: str, table: str, columns: list[tuple[str, str]]) -> int:
    expected = source.execute(f"select count(*) from raw.{table}").fetchone()[0]
    select = ", ".join(import_expression(name, kind) for name, kind in columns)
    run(cursor, f"DROP TABLE IF EXISTS raw.{table}")
    run(cursor, f'CREATE TABLE raw.{table} AS SELECT {select} FROM "{source_catalog}".raw.{table}')
    loaded = run(cursor, f"SELECT count(*) FROM raw.{table}")[0][0]
    if loaded != expected:
        raise SystemExit(f"raw.{table}: {expected} rows in DuckDB but {loaded} in Trino")
    return loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duckdb", required=True, help="DuckDB warehouse file with schema raw")
    parser.add_argument("--scratch", required=True, help="directory for the scratch DuckDB file")
    args = parser.parse_args()
    scratch_file = os.path.join(args.scratch, "trino-raw-export.duckdb")
    if os.path.exists(scratch_file):
        os.remove(scratch_file)
    # An in-memory session with the warehouse attached read-only and the scratch file writable.
    source = duckdb.connect()
    source.execute("set TimeZone = 'UTC'")
    source.execute(f"attach '{args.duckdb}' as warehouse (read_only)")
    source.execute("use warehouse")
    # Every table of raw (not only the sync tables): models added later read theirs too.
    tables = export_tables(source, scratch_file)
    catalog = os.environ["TRINO_CATALOG"] + "_raw_export"
    cursor = trino_connection().cursor()
    run(cursor, f'DROP CATALOG IF EXISTS "{catalog}"')
    run(cursor, f"CREATE CATALOG \"{catalog}\" USING duckdb WITH (\"connection-url\" = 'jdbc:duckdb:{scratch_file}')")
    try:
        run(cursor, "CREATE SCHEMA IF NOT EXISTS raw")
        counts = {table: copy_table(source, cursor, catalog, table, columns) for table, columns in tables.items()}
    finally:
        run(cursor, f'DROP CATALOG IF EXISTS "{catalog}"')
    print(f"[trino] RAW copied: {counts}")


if __name__ == "__main__":
    main()
