"""Connections for the Trino checks: the Trino server (the `trino` Python client, as dbt-trino
uses it) and a DuckDB warehouse file. Settings come from the same TRINO_* variables dbt's profile
reads (tools/dbt/trino-build.sh sets them)."""

import os

import duckdb
import trino


def trino_connection(schema: str = "raw"):
    return trino.dbapi.connect(
        host=os.environ["TRINO_HOST"],
        port=int(os.environ["TRINO_PORT"]),
        user=os.environ.get("TRINO_USER", "ledgerline"),
        http_scheme=os.environ.get("TRINO_HTTP_SCHEME", "http"),
        catalog=os.environ["TRINO_CATALOG"],
        schema=schema,
    )


def duckdb_connection(path: str, read_only: bool = True):
    connection = duckdb.connect(path, read_only=read_only)
    connection.execute("set TimeZone = 'UTC'")
    return connection


def run(cursor, sql: str):
    """Executes one statement and drains it (the Trino client runs a query while it is read)."""
    cursor.execute(sql)
    return cursor.fetchall()
