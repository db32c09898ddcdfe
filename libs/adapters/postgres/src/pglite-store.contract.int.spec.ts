import { describeTransactionStoreContract } from '@ledgerline/ingestion/testing';
import { createPostgresStore } from './index.ts';

// The same contract on embedded PGlite (in memory), through the very same store implementation.
describeTransactionStoreContract('PGlite (in memory, one connection)', async () => {
  const store = await createPostgresStore({ pgliteDir: 'memory://' });
  return { store, cleanup: () => store.close() };
});
