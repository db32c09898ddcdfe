"""Connections for the Snowflake checks: Snowflake through its Python connector (as dbt-snowflake
connects: the fakesnow server in CI, a real account for `warehouse-sync:serve -- snowflake-smoke`)
and a DuckDB warehouse file. Settings come from the same SNOWFLAKE_* variables dbt's profile reads:
a password or key-pair auth (SNOWFLAKE_PRIVATE_KEY_PATH, SNOWFLAKE_PRIVATE_KEY_PASSPHRASE), role
and warehouse when set, and SNOWFLAKE_HOST/PORT/PROTOCOL only for an emulator."""

import os

import duckdb
import snowflake.connector


def _optional(name: str):
    value = os.environ.get(name, "")
    return value if value != "" else None


def snowflake_connection(schema: str = "RAW"):
    settings = {
        "account": os.environ["SNOWFLAKE_ACCOUNT"],
        "user": os.environ["SNOWFLAKE_USER"],
        "database": os.environ["SNOWFLAKE_DATABASE"],
        "schema": schema,
        "session_parameters": {"QUERY_TAG": os.environ.get("SNOWFLAKE_QUERY_TAG") or "ledgerline:mart-comparison"},
    }
    key_path = _optional("SNOWFLAKE_PRIVATE_KEY_PATH")
    if key_path:
        settings["private_key_file"] = key_path
        if _optional("SNOWFLAKE_PRIVATE_KEY_PASSPHRASE"):
            settings["private_key_file_pwd"] = os.environ["SNOWFLAKE_PRIVATE_KEY_PASSPHRASE"]
    else:
        settings["password"] = os.environ["SNOWFLAKE_PASSWORD"]
    for option, name in (("role", "SNOWFLAKE_ROLE"), ("warehouse", "SNOWFLAKE_WAREHOUSE"), ("host", "SNOWFLAKE_HOST"), ("protocol", "SNOWFLAKE_PROTOCOL")):
        if _optional(name):
            settings[option] = os.environ[name]
    if _optional("SNOWFLAKE_PORT"):
        settings["port"] = int(os.environ["SNOWFLAKE_PORT"])
    return snowflake.connector.connect(**settings)


def duckdb_connection(path: str, read_only: bool = True):
    connection = duckdb.connect(path, read_only=read_only)
    connection.execute("set TimeZone = 'UTC'")
    return connection
