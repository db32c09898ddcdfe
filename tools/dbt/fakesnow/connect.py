"""Connections for the fakesnow checks: the fakesnow server (Snowflake's Python connector, as
dbt-snowflake uses it) and a DuckDB warehouse file. Settings come from the same SNOWFLAKE_*
variables dbt's profile reads (tools/dbt/fakesnow-build.sh sets them)."""

import os

import duckdb
import snowflake.connector


def snowflake_connection(schema: str = "RAW"):
    return snowflake.connector.connect(
        account=os.environ["SNOWFLAKE_ACCOUNT"],
        user=os.environ["SNOWFLAKE_USER"],
        password=os.environ["SNOWFLAKE_PASSWORD"],
        host=os.environ["SNOWFLAKE_HOST"],
        port=int(os.environ["SNOWFLAKE_PORT"]),
        protocol=os.environ.get("SNOWFLAKE_PROTOCOL", "http"),
        database=os.environ["SNOWFLAKE_DATABASE"],
        schema=schema,
    )


def duckdb_connection(path: str, read_only: bool = True):
    connection = duckdb.connect(path, read_only=read_only)
    connection.execute("set TimeZone = 'UTC'")
    return connection
