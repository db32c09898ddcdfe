import { createTestDatabase } from '@ledgerline/testing';
import { describeTransactionStoreContract } from '@ledgerline/ingestion/testing';
import { createPostgresStore } from './index.ts';

// The TransactionStore contract against real PostgreSQL, one fresh database per test.
describeTransactionStoreContract('PostgreSQL (typeorm + pg)', async () => {
  const database = await createTestDatabase('store_contract');
  const store = await createPostgresStore({ url: database.url, poolSize: 4 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await database.drop();
    },
  };
});
