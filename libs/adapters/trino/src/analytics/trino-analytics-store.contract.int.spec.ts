import { vi } from 'vitest';
import { describeAnalyticsStoreContract } from '@ledgerline/analytics/testing';
import { TRANSACTIONS_SYNC_TABLE } from '@ledgerline/warehouse-sync';
import { trinoIdentifier as q } from '../client/trino-literals.ts';
import { createIcebergTestCatalog } from '../catalog/iceberg-test-catalog.test-helper.ts';
import { loadRawDatasetIntoTrino } from '../catalog/load-raw-dataset.ts';
import { TrinoAnalyticsStore } from './trino-analytics-store.ts';

// The AnalyticsStore contract on Trino, over RAW tables in an Iceberg catalog (the warehouse dbt's
// `trino` target builds in; docs/trino.md says why Iceberg), with a tombstoned transaction and a
// deleted account added that no metric may count.
// Each Trino statement is planned from scratch (no prepared plans over HTTP): a case running a
// metric a few dozen times takes seconds, more on a loaded machine, hence the longer limit.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });
describeAnalyticsStoreContract('Trino on RAW tables in Iceberg', async (dataset) => {
  const lake = await createIcebergTestCatalog('analytics_trino');
  try {
    await loadRawDatasetIntoTrino(lake.client, dataset, { catalog: lake.catalog, syncedAt: '2026-04-01T00:00:00.000Z' });
    const raw = (table: string) => `${q(lake.catalog)}.raw.${table}`;
    const columns = [...TRANSACTIONS_SYNC_TABLE.columns.map((c) => c.name), '_change_seq', '_deleted', '_synced_at'];
    const replaced = (names: string[], values: Record<string, string>) => names.map((c) => values[c] ?? q(c)).join(', ');
    await lake.client.run(
      `INSERT INTO ${raw('transactions')} SELECT ${replaced(columns, { tx_id: "'TOMBSTONE-1'", _deleted: 'TRUE' })} FROM ${raw('transactions')}
        WHERE direction = 'DEBIT' AND txn_type = 'PURCHASE' AND status = 'POSTED' LIMIT 1`,
    );
    const accountColumns = (await lake.client.run(`SELECT * FROM ${raw('accounts')} LIMIT 0`)).columns.map((c) => c.name);
    await lake.client.run(`INSERT INTO ${raw('accounts')} SELECT ${replaced(accountColumns, { account_id: "'GONE-1'", _deleted: 'TRUE' })} FROM ${raw('accounts')} LIMIT 1`);
  } catch (error) {
    await lake.dispose();
    throw error;
  }
  const store = new TrinoAnalyticsStore({ client: lake.client, catalog: lake.catalog, prefer: 'raw' });
  return {
    store,
    expectedSource: 'raw',
    transactionsRelation: 'raw.transactions',
    liveCondition: 'NOT _deleted',
    dispose: async () => {
      await store.close();
      await lake.dispose();
    },
  };
});
