import type { PostgresTransactionStore } from '@ledgerline/postgres';
import type { BenchDataset } from './bench-dataset.ts';

/** Loads the dataset through the store's own bulk upsert (triggers and all), in chunks. */
export async function loadPostgres(store: PostgresTransactionStore, data: BenchDataset, log: (m: string) => void): Promise<void> {
  await store.upsertCustomers(data.customers);
  await store.upsertAccounts(data.accounts);
  const chunk = 20_000;
  for (let i = 0; i < data.transactions.length; i += chunk) {
    await store.upsertTransactions(data.transactions.slice(i, i + chunk));
    if ((i / chunk) % 10 === 0) log(`postgres: ${i + chunk} / ${data.transactions.length} transactions`);
  }
  await store.sql.query('ANALYZE');
}
