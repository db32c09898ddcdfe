"""Snowflake dialect check: parses every statement with sqlglot (read="snowflake") and applies
rules.py. Input: SQL files (statements separated by `;`, as dbt writes compiled models) and/or
JSON-lines files of {"origin": ..., "sql": ...} (the adapter's rendered statements).

  python check_dialect.py [--sql-dir DIR]... [--jsonl FILE]... [--stdin-jsonl] [--manifest FILE]
With --manifest (dbt's target/manifest.json), every model, data test and snapshot of the project
must be among the files checked (a node with no file is a finding): a model added later, or one
dbt wrote elsewhere, cannot skip the check. Point --sql-dir at target/run for the statements as
dbt sent them (DDL around each model, snapshots) and at target/compiled for the bare selects.
Prints one line per finding and a summary; exit 1 when any statement fails a rule or does not
parse, 2 when there was nothing to check.
"""

import argparse
import json
import pathlib
import sys

import sqlglot
from sqlglot.errors import ParseError

from rules import RULES


def check(origin: str, sql: str) -> list[str]:
    try:
        statements = [s for s in sqlglot.parse(sql, read="snowflake") if s is not None]
    except ParseError as error:
        return [f"{origin}: does not parse as Snowflake SQL: {str(error).splitlines()[0][:160]}"]
    return [f"{origin}: [{name}] {finding}" for statement in statements for name, rule in RULES.items() for finding in rule(statement)]


CHECKED_NODE_TYPES = ("model", "test", "snapshot")


def unchecked_nodes(manifest_path: str, checked: set[str]) -> list[str]:
    """Nodes of the manifest with no checked file; dbt writes <package>/<file>[/<path> for YAML]."""
    nodes = json.loads(pathlib.Path(manifest_path).read_text())["nodes"].values()
    missing = []
    for node in nodes:
        if node["resource_type"] not in CHECKED_NODE_TYPES:
            continue
        file = node["original_file_path"]
        relative = f"{node['package_name']}/{file}" + (f"/{node['path']}" if file.endswith((".yml", ".yaml")) else "")
        if relative not in checked:
            missing.append(f"{node['unique_id']}: no compiled SQL checked ({relative})")
    return missing


def inputs(args) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for directory in args.sql_dir:
        for path in sorted(pathlib.Path(directory).rglob("*.sql")):
            found.append((str(path.relative_to(directory)), path.read_text()))
    lines = [line for f in args.jsonl for line in pathlib.Path(f).read_text().splitlines()]
    if args.stdin_jsonl:
        lines += sys.stdin.read().splitlines()
    for line in filter(None, lines):
        record = json.loads(line)
        found.append((record["origin"], record["sql"]))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sql-dir", action="append", default=[])
    parser.add_argument("--jsonl", action="append", default=[])
    parser.add_argument("--stdin-jsonl", action="store_true")
    parser.add_argument("--manifest", help="dbt manifest.json: each of its models, tests and snapshots must be checked")
    args = parser.parse_args()
    statements = inputs(args)
    if not statements:
        print("[snowflake-dialect] nothing to check", file=sys.stderr)
        return 2
    findings = [finding for origin, sql in statements for finding in check(origin, sql)]
    if args.manifest:
        findings += unchecked_nodes(args.manifest, {origin for origin, _ in statements})
    for finding in findings:
        print(f"[snowflake-dialect] {finding}")
    print(f"[snowflake-dialect] {len(statements)} statements/files checked, {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
