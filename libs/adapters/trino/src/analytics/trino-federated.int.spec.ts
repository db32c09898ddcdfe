import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlRejectedError } from '@ledgerline/analytics';
import { contractDataset } from '@ledgerline/analytics/testing';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { createIcebergTestCatalog, type IcebergTestCatalog } from '../catalog/iceberg-test-catalog.test-helper.ts';
import { createPostgresCatalog, dropCatalog, jdbcOf } from '../catalog/catalogs.ts';
import { loadRawDatasetIntoTrino } from '../catalog/load-raw-dataset.ts';
import { TrinoAnalyticsStore } from './trino-analytics-store.ts';

// A federated question through the AnalyticsStore the agent's SQL tool uses: one read-only
// statement joining the operational PostgreSQL (a catalog the store is told it may read) with the
// warehouse's RAW transactions in Iceberg. The reference is computed from the same rows in
// TypeScript, exactly (cents as bigint). Without the catalog allowed, the guard refuses it.
describe('TrinoAnalyticsStore: a federated query over the operational store and the warehouse', () => {
  const dataset = contractDataset({ customers: 8, months: 1 });
  let lake: IcebergTestCatalog;
  let ops: TestDatabase;
  const opsCatalog = `ops_${Date.now().toString(36)}`;

  beforeAll(async () => {
    lake = await createIcebergTestCatalog('federated');
    await loadRawDatasetIntoTrino(lake.client, dataset, { catalog: lake.catalog, syncedAt: '2026-04-01T00:00:00.000Z' });
    ops = await createTestDatabase('trino_federated_ops');
    const client = new pg.Client({ connectionString: ops.url });
    await client.connect();
    try {
      await client.query('CREATE TABLE accounts (account_id varchar PRIMARY KEY, currency varchar NOT NULL, status varchar NOT NULL)');
      for (const a of dataset.accounts) await client.query('INSERT INTO accounts VALUES ($1, $2, $3)', [a.account_id, a.currency, a.status]);
    } finally {
      await client.end();
    }
    await createPostgresCatalog(lake.client, { name: opsCatalog, ...jdbcOf(ops.url) });
  }, 600_000);

  afterAll(async () => {
    if (lake) await dropCatalog(lake.client, opsCatalog).catch(() => undefined);
    await lake?.dispose();
    await ops?.drop();
  });

  const SQL = (catalog: string) => `
    SELECT a.currency, a.status, count(*) AS n,
           sum(CASE WHEN t.direction = 'DEBIT' THEN t.amount ELSE 0 END) AS debits
      FROM ${catalog}.public.accounts a JOIN raw.transactions t ON t.account_id = a.account_id
     WHERE NOT t._deleted
     GROUP BY a.currency, a.status ORDER BY a.currency, a.status`;

  /** A decimal's cents, exactly (money has at most two decimals). */
  const cents = (v: unknown) => {
    const [whole, fraction = ''] = String(v).split('.');
    return BigInt(`${whole}${fraction.padEnd(2, '0')}`);
  };

  it('joins both in one statement, equal to the same sums computed from the rows', async () => {
    const store = new TrinoAnalyticsStore({ client: lake.client, catalog: lake.catalog, prefer: 'raw', allowedCatalogs: [opsCatalog], queryTimeoutMs: 120_000 });
    try {
      const result = await store.runReadOnlySql(SQL(opsCatalog), { maxRows: 100, timeoutMs: 120_000 });
      const expected = new Map<string, { n: number; cents: bigint }>();
      const accountOf = new Map(dataset.accounts.map((a) => [a.account_id, a]));
      for (const t of dataset.transactions) {
        const a = accountOf.get(t.account_id)!;
        const key = `${a.currency}|${a.status}`;
        const entry = expected.get(key) ?? { n: 0, cents: 0n };
        entry.n += 1;
        if (t.direction === 'DEBIT') entry.cents += cents(t.amount);
        expected.set(key, entry);
      }
      const got = result.rows.map((r) => [`${String(r.currency)}|${String(r.status)}`, { n: Number(r.n), cents: cents(r.debits) }] as const);
      expect(new Map(got)).toEqual(expected);
      expect(result.truncated).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('refuses the same statement when the operational catalog is not allowed', async () => {
    const store = new TrinoAnalyticsStore({ client: lake.client, catalog: lake.catalog, prefer: 'raw' });
    try {
      const refused = await store.runReadOnlySql(SQL(opsCatalog), { maxRows: 100 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SqlRejectedError);
      expect((refused as SqlRejectedError).reason).toBe('catalog_not_allowed');
    } finally {
      await store.close();
    }
  });
});
