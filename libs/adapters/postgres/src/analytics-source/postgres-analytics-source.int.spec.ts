import { describeMetricContract } from '@ledgerline/analytics/testing';
import { createTestDatabase } from '@ledgerline/testing';
import { createPostgresStore } from '../factory.ts';
import { PostgresAnalyticsSource } from './postgres-analytics-source.ts';

// The shared metric SQL on PostgreSQL: the same contract (and the same ground truth) the DuckDB
// store passes, which is what makes the benchmark's DuckDB/Postgres comparison like for like.
describeMetricContract('PostgreSQL operational tables', async (dataset) => {
  const database = await createTestDatabase('analytics_pg');
  const store = await createPostgresStore({ url: database.url });
  try {
    await store.migrate();
    await store.upsertCustomers(dataset.customers);
    await store.upsertAccounts(dataset.accounts);
    await store.upsertTransactions(dataset.transactions);
  } catch (error) {
    await store.close();
    await database.drop();
    throw error;
  }
  const source = new PostgresAnalyticsSource(store.sql);
  return {
    metrics: source.metrics,
    dispose: async () => {
      await store.close();
      await database.drop();
    },
  };
});
