import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// End to end through both real adapters, wired here in the app as production wiring would be.
import { openPostgres, type PostgresAdapter, type PostgresTransactionStore } from '@ledgerline/postgres';
import { createTestDatabase, startSnowflake, uniqueName, type SnowflakeTestEndpoint, type TestDatabase } from '@ledgerline/testing';
import { generateDataset } from '@ledgerline/transactions/generator';
import { DEFAULT_SYNC_TABLES, syncOnce, TRANSACTIONS_SYNC_TABLE, type SyncTableSpec, type SyncValue, type TableSyncReport } from '@ledgerline/warehouse-sync';
import { canonicalRow } from '@ledgerline/warehouse-sync/testing';
import { postgresRows } from './test-support/reconcile.ts';
import {
  createSnowflakeConnection,
  createSnowflakeWarehouse,
  readSnowflakeRawRows,
  type SnowflakeConfigInput,
  type SnowflakeConnection,
} from '@ledgerline/snowflake';
import { probeStore } from '@ledgerline/postgres/testing';

// Real Postgres (createTestDatabase) -> syncOnce with PostgresChangeFeed -> Snowflake (emulator,
// through snowflake-sdk): every table equal row for row, also after updates and deletes.
type Row = Record<string, SyncValue>;

let snowflake: SnowflakeTestEndpoint;
let database: TestDatabase;
let postgres: PostgresAdapter;
let store: PostgresTransactionStore;
let reader: SnowflakeConnection;
let connection: SnowflakeConfigInput;
const target = { database: 'LEDGERLINE', schema: uniqueName('raw_e2e').toUpperCase() };

/** One sync like the app runs it: a fresh warehouse, closed afterwards. Small pages, low staged-file threshold: both load paths run. */
async function sync(): Promise<TableSyncReport[]> {
  const warehouse = createSnowflakeWarehouse({ connection, settings: { stagedFileThreshold: 150 } });
  try {
    return await syncOnce({ changeFeed: postgres.changeFeed, warehouse, batchSize: 200 }, { tables: DEFAULT_SYNC_TABLES });
  } finally {
    await warehouse.close();
  }
}

/** xids are cluster-wide: other tests' open transactions can hold the horizon back for a moment. */
async function syncSettled(): Promise<TableSyncReport[]> {
  const target = BigInt(await probeStore(store).snapshotXmax());
  const deadline = Date.now() + 30_000;
  for (;;) {
    const reports = await sync();
    if (reports.every((r) => r.watermarkAfter >= target) || Date.now() > deadline) return reports;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function snowflakeLiveRows(spec: SyncTableSpec): Promise<Row[]> {
  const rows = await readSnowflakeRawRows(reader, target, spec);
  return rows.filter((r) => !r._deleted).map((r) => canonicalRow(spec, Object.fromEntries(spec.columns.map((c) => [c.name, r[c.name] ?? null]))));
}

beforeAll(async () => {
  snowflake = await startSnowflake();
  connection = { account: 'emulator', username: 'e2e', password: 'emulator-only', accessUrl: snowflake.accessUrl, ...target };
  reader = await createSnowflakeConnection(connection);
  database = await createTestDatabase('sf_e2e');
  postgres = await openPostgres({ url: database.url, poolSize: 4 });
  store = postgres.store;
  await store.migrate();
});

afterAll(async () => {
  await reader?.close();
  await store?.close();
  await database?.drop();
  await snowflake?.close();
});

describe('Postgres -> warehouse sync -> Snowflake (emulator)', () => {
  it('lands every row exactly, then updates and deletes', async () => {
    const dataset = generateDataset({ seed: 20_261_003, customers: 4, months: 2, startMonth: '2026-01' });
    await store.upsertCustomers(dataset.customers);
    await store.upsertAccounts(dataset.accounts);
    await store.upsertTransactions(dataset.transactions);
    expect(dataset.transactions.length).toBeGreaterThan(150); // some pages take the staged-file path

    const first = await syncSettled();
    expect(first.find((r) => r.table === 'transactions')?.upserted).toBe(dataset.transactions.length);
    for (const spec of DEFAULT_SYNC_TABLES) {
      expect(await snowflakeLiveRows(spec), spec.name).toEqual(await postgresRows(database.url, spec));
    }
    const history = await snowflake.controls.queryHistory();
    expect(history.some((q) => q.sqlText.startsWith('COPY INTO LEDGERLINE_SYNC_STAGING') && q.status === 'SUCCESS')).toBe(true);
    expect(history.some((q) => q.sqlText.startsWith('INSERT INTO LEDGERLINE_SYNC_STAGING') && q.status === 'SUCCESS')).toBe(true);

    const [changed, removed] = dataset.transactions;
    if (!changed || !removed) throw new Error('the dataset has fewer than two transactions');
    await store.upsertTransactions([{ ...changed, amount: '1.23', normalized_amount: '1.23', merchant: null }]);
    await probeStore(store).deleteTransactions([removed.tx_id]);
    await syncSettled();

    for (const spec of DEFAULT_SYNC_TABLES) {
      expect(await snowflakeLiveRows(spec), spec.name).toEqual(await postgresRows(database.url, spec));
    }
    const all = await readSnowflakeRawRows(reader, target, TRANSACTIONS_SYNC_TABLE);
    expect(all.filter((r) => r._deleted).map((r) => r.tx_id)).toEqual([removed.tx_id]);
    expect(all.find((r) => r.tx_id === changed.tx_id)).toMatchObject({ amount: '1.23', merchant: null, _deleted: false });
    expect(new Set(all.map((r) => r.tx_id)).size).toBe(all.length); // one row per key
  });
});
