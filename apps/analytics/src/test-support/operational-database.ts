import { type GeneratedDataset } from '@ledgerline/transactions';
import { generateDataset } from '@ledgerline/transactions/generator';
import { createPostgresStore, type PostgresTransactionStore } from '@ledgerline/postgres';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';

export interface OperationalDatabase {
  readonly database: TestDatabase;
  readonly store: PostgresTransactionStore;
  readonly dataset: GeneratedDataset;
  dispose(): Promise<void>;
}

/** A fresh, migrated Postgres database holding a small generated dataset. */
export async function operationalDatabase(prefix: string): Promise<OperationalDatabase> {
  const database = await createTestDatabase(prefix);
  const store = await createPostgresStore({ url: database.url, poolSize: 2 });
  const dataset = generateDataset({ seed: 4242, customers: 8, months: 2, startMonth: '2026-01' });
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
  return {
    database,
    store,
    dataset,
    dispose: async () => {
      await store.close();
      await database.drop();
    },
  };
}
