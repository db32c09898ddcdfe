import { withDuckDb } from '@ledgerline/duckdb';
import { createPostgresStore } from '@ledgerline/postgres';
import { createPostgresCatalog, dropCatalog, jdbcOf, trinoIdentifier as q, type TrinoClient } from '@ledgerline/trino';
import type { Account, Customer } from '@ledgerline/transactions';

/** Per currency: transactions and their amount, as text (money compared exactly). */
const GROUPS = (accounts: string, transactions: string) => `SELECT a.currency, CAST(count(*) AS VARCHAR) AS transactions, CAST(sum(t.amount) AS VARCHAR) AS amount
  FROM ${accounts} AS a JOIN ${transactions} AS t ON t.account_id = a.account_id
  WHERE NOT t._deleted GROUP BY a.currency ORDER BY a.currency`;

export interface FederatedTiming {
  readonly durationsMs: number[];
  readonly groups: number;
  /** Whether Trino's join of PostgreSQL and Iceberg equals DuckDB's join of its own RAW tables. */
  readonly equalToDuckDb: boolean;
}

/**
 * The federated query: operational accounts in PostgreSQL (written through the store's own
 * upserts) joined with the warehouse's transactions in the Iceberg lake, in one Trino statement.
 * Timed `iterations` times after one warm-up, and its answer checked against DuckDB's join of the
 * RAW file the lake was made from.
 */
export async function timeFederatedQuery(
  client: TrinoClient,
  options: { databaseUrl: string; lakeCatalog: string; opsCatalog: string; duckdbPath: string; customers: Customer[]; accounts: Account[]; iterations: number },
): Promise<FederatedTiming> {
  const store = await createPostgresStore({ url: options.databaseUrl, poolSize: 2 });
  try {
    await store.migrate();
    await store.upsertCustomers(options.customers);
    await store.upsertAccounts(options.accounts);
  } finally {
    await store.close();
  }
  await createPostgresCatalog(client, { name: options.opsCatalog, ...jdbcOf(options.databaseUrl) });
  try {
    const sql = GROUPS(`${q(options.opsCatalog)}.public.accounts`, `${q(options.lakeCatalog)}.raw.transactions`);
    const durationsMs: number[] = [];
    let rows: readonly unknown[][] = [];
    for (let i = 0; i < options.iterations + 1; i++) {
      const start = performance.now();
      rows = (await client.run(sql, { timeoutMs: 1_800_000 })).rows;
      if (i > 0) durationsMs.push(performance.now() - start);
    }
    const reference = await withDuckDb(options.duckdbPath, async (db) => (await db.runAndReadAll(GROUPS('raw.accounts', 'raw.transactions'))).getRows());
    return { durationsMs, groups: rows.length, equalToDuckDb: JSON.stringify(rows) === JSON.stringify(reference) };
  } finally {
    await dropCatalog(client, options.opsCatalog).catch(() => undefined);
  }
}
