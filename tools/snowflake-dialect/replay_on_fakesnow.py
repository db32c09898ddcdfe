"""Replays statements the Snowflake adapter sent (recorded against tools/snowflake-emulator) on
fakesnow, an independent Snowflake emulator, through the Python connector, and reports each
statement's outcome, so a test can hold both emulators' answers side by side.

  python replay_on_fakesnow.py --host H --port P --database D --schema S < statements.jsonl

Each input line: {"sql": "...", "binds": [...] | null}. Each output line (stdout, JSON):
{"ok": true, "rows": [[...], ...]} or {"ok": false, "error": "..."}; values as text (NULL as null).

One deliberate rewrite, fakesnow's known gap (docs/snowflake.md): it cannot COPY INTO a temporary
table (DuckDB keeps those in another catalog), so CREATE ... TEMPORARY TABLE becomes TRANSIENT.
Nothing else is changed.
"""

import argparse
import json
import re
import sys

import snowflake.connector

TEMPORARY_TABLE = re.compile(r"^(\s*CREATE\s+(?:OR\s+REPLACE\s+)?)TEMPORARY(\s+TABLE\b)", re.IGNORECASE)


def text(value):
    return None if value is None else str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--schema", required=True)
    args = parser.parse_args()
    # qmark: the adapter's `?` binds, bound by the server as the Node driver binds them.
    snowflake.connector.paramstyle = "qmark"
    connection = snowflake.connector.connect(
        account="fakesnow", user="replay", password="fakesnow", database=args.database, schema=args.schema,
        host=args.host, port=args.port, protocol="http", session_parameters={"QUERY_TAG": "ledgerline:replay"},
    )
    cursor = connection.cursor()
    cursor.execute(f"CREATE DATABASE IF NOT EXISTS {args.database}")
    for line in sys.stdin:
        if not line.strip():
            continue
        statement = json.loads(line)
        sql = TEMPORARY_TABLE.sub(r"\1TRANSIENT\2", statement["sql"])
        try:
            cursor.execute(sql, statement.get("binds") or None)
            rows = cursor.fetchall() if cursor.description else []
            print(json.dumps({"ok": True, "rows": [[text(v) for v in row] for row in rows]}), flush=True)
        except Exception as error:  # every failure is reported, the replay goes on
            print(json.dumps({"ok": False, "error": str(error).splitlines()[0] if str(error) else repr(error)}), flush=True)


if __name__ == "__main__":
    main()
