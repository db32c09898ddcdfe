"""Registers (or drops) the Iceberg catalog dbt builds in on the Trino server: Iceberg tables with
Apache Iceberg's JDBC catalog on a PostgreSQL database and data files in a local directory
(docs/trino.md says why). Settings from TRINO_HOST/TRINO_PORT; the catalog is TRINO_CATALOG.

  python catalog.py create --jdbc-url jdbc:postgresql://127.0.0.1:5432/db --user postgres --dir /tmp/lake
  python catalog.py drop
"""

import argparse
import os

import trino


def server_cursor():
    connection = trino.dbapi.connect(host=os.environ["TRINO_HOST"], port=int(os.environ["TRINO_PORT"]), user=os.environ.get("TRINO_USER", "ledgerline"))
    return connection.cursor()


def quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def create(name: str, jdbc_url: str, user: str, password: str, directory: str) -> None:
    os.makedirs(directory, exist_ok=True)
    properties = {
        "iceberg.catalog.type": "jdbc",
        "iceberg.jdbc-catalog.catalog-name": name,
        "iceberg.jdbc-catalog.driver-class": "org.postgresql.Driver",
        "iceberg.jdbc-catalog.connection-url": jdbc_url,
        "iceberg.jdbc-catalog.connection-user": user,
        "iceberg.jdbc-catalog.connection-password": password,
        "iceberg.jdbc-catalog.default-warehouse-dir": "local:///",
        "fs.native-local.enabled": "true",
        "local.location": directory,
    }
    options = ", ".join(f'"{key}" = {quote(value)}' for key, value in properties.items())
    cursor = server_cursor()
    cursor.execute(f'CREATE CATALOG "{name}" USING iceberg WITH ({options})')
    cursor.fetchall()


def drop(name: str) -> None:
    cursor = server_cursor()
    cursor.execute(f'DROP CATALOG IF EXISTS "{name}"')
    cursor.fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["create", "drop"])
    parser.add_argument("--jdbc-url")
    parser.add_argument("--user", default="postgres")
    parser.add_argument("--password", default="")
    parser.add_argument("--dir")
    args = parser.parse_args()
    name = os.environ["TRINO_CATALOG"]
    if args.action == "create":
        if not args.jdbc_url or not args.dir:
            parser.error("create needs --jdbc-url and --dir")
        create(name, args.jdbc_url, args.user, args.password, args.dir)
    else:
        drop(name)


if __name__ == "__main__":
    main()
