"""A federated query on Trino equals the same result computed in PostgreSQL and DuckDB apart.

Accounts live in the operational PostgreSQL (a table `ops_accounts` loaded here from the DuckDB
warehouse's raw.accounts), transactions in a DuckDB warehouse file. One Trino statement joins
them through the `postgresql` and `duckdb` connectors: spend per account currency and status.
The reference asks PostgreSQL for the accounts (psql) and DuckDB for the sums per account, and
joins the two in Python. Both must agree exactly (decimal sums as text, row counts).

  python federated_check.py --duckdb /tmp/w.duckdb --pg-url postgres://... --scratch /tmp/dir
"""

import argparse
import decimal
import os
import subprocess
import sys
from collections import defaultdict

import duckdb

from connect import run, trino_connection


def psql(url: str, *args: str) -> str:
    return subprocess.run(["psql", url, "-q", "-At", "-v", "ON_ERROR_STOP=1", *args], check=True, capture_output=True, text=True).stdout


def load_accounts(source, url: str, scratch: str) -> int:
    csv = os.path.join(scratch, "ops_accounts.csv")
    source.execute(f"copy (select account_id, currency from raw.accounts where not _deleted) to '{csv}' (header false)")
    psql(url, "-c", "DROP TABLE IF EXISTS ops_accounts", "-c", "CREATE TABLE ops_accounts (account_id text PRIMARY KEY, currency char(3) NOT NULL)")
    psql(url, "-c", f"\\copy ops_accounts FROM '{csv}' WITH (FORMAT csv)")
    return int(psql(url, "-c", "SELECT count(*) FROM ops_accounts").strip())


def reference(source, url: str) -> dict[tuple[str, str], tuple[int, str]]:
    currency_of = dict(line.split("|") for line in psql(url, "-c", "SELECT account_id, currency FROM ops_accounts").splitlines())
    totals: dict[tuple[str, str], list] = defaultdict(lambda: [0, decimal.Decimal(0)])
    rows = source.execute("select account_id, status, count(*), sum(amount) from raw.transactions where not _deleted group by all").fetchall()
    for account_id, status, count, amount in rows:
        if account_id not in currency_of:
            continue
        total = totals[(currency_of[account_id], status)]
        total[0] += count
        total[1] += amount
    return {key: (count, format(amount, "f")) for key, (count, amount) in totals.items()}


def federated(cursor, ops_catalog: str, warehouse_catalog: str) -> dict[tuple[str, str], tuple[int, str]]:
    rows = run(
        cursor,
        f"""SELECT a.currency, t.status, count(*) AS n, sum(t.amount) AS amount
            FROM "{ops_catalog}".public.ops_accounts AS a
            JOIN "{warehouse_catalog}".raw.transactions AS t ON t.account_id = a.account_id
            WHERE NOT t._deleted
            GROUP BY a.currency, t.status""",
    )
    return {(currency.strip(), status): (n, format(amount, "f")) for currency, status, n, amount in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duckdb", required=True, help="DuckDB warehouse file (not opened by a writer)")
    parser.add_argument("--pg-url", required=True, help="PostgreSQL database for the operational table")
    parser.add_argument("--jdbc-url", required=True, help="the same database as a JDBC URL for Trino")
    parser.add_argument("--scratch", required=True)
    args = parser.parse_args()
    source = duckdb.connect(args.duckdb, read_only=True)
    accounts = load_accounts(source, args.pg_url, args.scratch)
    expected = reference(source, args.pg_url)
    source.close()  # Trino's DuckDB connector opens the file next
    prefix = os.environ["TRINO_CATALOG"]
    ops, warehouse = f"{prefix}_ops", f"{prefix}_warehouse"
    cursor = trino_connection().cursor()
    try:
        run(cursor, f"CREATE CATALOG \"{ops}\" USING postgresql WITH (\"connection-url\" = '{args.jdbc_url}', \"connection-user\" = 'postgres', \"connection-password\" = '')")
        run(cursor, f"CREATE CATALOG \"{warehouse}\" USING duckdb WITH (\"connection-url\" = 'jdbc:duckdb:{args.duckdb}')")
        actual = federated(cursor, ops, warehouse)
    finally:
        run(cursor, f'DROP CATALOG IF EXISTS "{ops}"')
        run(cursor, f'DROP CATALOG IF EXISTS "{warehouse}"')
    if not expected:
        print("[trino] federated: the reference is empty; nothing proven")
        return 1
    if actual != expected:
        missing = {k: v for k, v in expected.items() if actual.get(k) != v}
        extra = {k: v for k, v in actual.items() if expected.get(k) != v}
        print(f"[trino] federated: Trino differs from PostgreSQL + DuckDB apart\n  expected: {missing}\n  Trino: {extra}")
        return 1
    print(f"[trino] federated: {len(actual)} groups over {accounts} PostgreSQL accounts equal PostgreSQL + DuckDB computed apart")
    return 0


if __name__ == "__main__":
    sys.exit(main())
