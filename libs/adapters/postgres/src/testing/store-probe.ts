import pg from 'pg';
import type { SqlClient, SqlResult } from '../client/sql-client.ts';
import type { PostgresAdapter } from '../adapter.ts';
import type { PostgresTransactionStore } from '../store/postgres-transaction-store.ts';

/**
 * What an app's test checks in, or does to, the operational store behind the adapter's ports:
 * the common checks by name, and `query` for a test's own statement (breaking a row, altering a
 * table to play schema drift). For tests only: app code sees the ports, and lint keeps both
 * `.sql` and this entry point out of it (tools/lint/app-rules.spec.ts).
 */
export interface StoreProbe {
  /** account_id -> balance as exact text (numeric(15,2)), every account. */
  accountBalances(): Promise<Record<string, string>>;
  /** Rows in `table` (a plain identifier). */
  count(table: string): Promise<number>;
  /** Deletes these transactions as an outside writer would (the change feed sees tombstones). */
  deleteTransactions(txIds: readonly string[]): Promise<number>;
  /** Empties the tables (a test resetting between cases). */
  truncate(...tables: string[]): Promise<void>;
  /** xmax of a new snapshot: no transaction from here on is below it (the sync's watermark ceiling). */
  snapshotXmax(): Promise<string>;
  /** A statement of the test's own, `$1, $2...` parameters; rows as the pg driver types them. */
  query<R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new RangeError(`not a plain table name: ${JSON.stringify(name)}`);
  return name;
}

function probeOf(query: StoreProbe['query']): StoreProbe {
  return {
    query,
    accountBalances: async () => {
      const { rows } = await query<{ account_id: string; balance: string }>('SELECT account_id, balance::text AS balance FROM accounts ORDER BY account_id');
      return Object.fromEntries(rows.map((r) => [r.account_id, r.balance]));
    },
    count: async (table) => Number((await query<{ n: string }>(`SELECT count(*)::text AS n FROM ${identifier(table)}`)).rows[0]?.n ?? 0),
    deleteTransactions: async (txIds) => (await query('DELETE FROM transactions WHERE tx_id = ANY($1)', [[...txIds]])).rowCount,
    truncate: async (...tables) => {
      if (tables.length > 0) await query(`TRUNCATE ${tables.map(identifier).join(', ')}`);
    },
    snapshotXmax: async () => (await query<{ xmax: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax')).rows[0]!.xmax,
  };
}

/** A probe on the adapter's own connections (with PGlite, the only connection there is). */
export function probeStore(target: PostgresAdapter | PostgresTransactionStore): StoreProbe {
  const sql: SqlClient = 'store' in target ? target.store.sql : target.sql;
  return probeOf((text, params) => sql.query(text, params));
}

export interface ProbeConnectionOptions {
  /** The session's TimeZone (e.g. `UTC`, so timestamptz text is comparable). */
  readonly timeZone?: string;
  /** Every value as the server's text output, no driver parsing (a reference read independent of the adapter's types). */
  readonly textValues?: boolean;
}

/** A probe on a session of its own; close it. */
export type ProbeConnection = StoreProbe & { close(): Promise<void> };

/**
 * A probe on a connection of its own to a PostgreSQL URL: for a test that needs a second session
 * (a transaction held open while another commits) or a database no adapter has opened. Close it.
 */
export async function connectProbe(url: string, options: ProbeConnectionOptions = {}): Promise<ProbeConnection> {
  const client = new pg.Client({
    connectionString: url,
    ...(options.timeZone ? { options: `-c TimeZone=${options.timeZone}` } : {}),
    ...(options.textValues ? { types: { getTypeParser: () => (value: string) => value } } : {}),
  });
  await client.connect();
  // A test that kills the server must not crash on the idle client's error.
  client.on('error', () => undefined);
  const query: StoreProbe['query'] = async <R extends object>(text: string, params: readonly unknown[] = []) => {
    const result = await client.query<R & pg.QueryResultRow>(text, [...params]);
    return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
  };
  return { ...probeOf(query), close: () => client.end() };
}
