import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountFixture, customerFixture, transactionFixtures } from '@ledgerline/ingestion/testing';
import { createPostgresStore } from './index.ts';

// PGlite-specific behaviour: a data directory that survives restarts and belongs to one process.
describe('PostgresTransactionStore on PGlite', () => {
  it('keeps its data in the directory across close and reopen, and refuses a second opener meanwhile', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ledgerline-pglite-test-')), 'pglite');
    const first = await createPostgresStore({ pgliteDir: dir });
    try {
      expect(first.backend).toBe('pglite');
      await first.migrate();
      await first.upsertCustomers([customerFixture(1)]);
      await first.upsertAccounts([accountFixture(1, 'cus-00001')]);
      await first.upsertTransactions(transactionFixtures(25, 'acc-00001'));
      await expect(createPostgresStore({ pgliteDir: dir })).rejects.toThrow(/in use by process/);
    } finally {
      await first.close();
    }

    const reopened = await createPostgresStore({ pgliteDir: dir });
    try {
      await reopened.migrate();
      expect(await reopened.countTransactions()).toBe(25);
      expect(await reopened.upsertTransactions(transactionFixtures(25, 'acc-00001'))).toEqual({ inserted: 0, updated: 0, unchanged: 25 });
    } finally {
      await reopened.close();
    }
  });

  it('fails fast, instead of waiting forever for its only connection, when the outer store is used inside a transaction', async () => {
    const store = await createPostgresStore({ pgliteDir: 'memory://', poolSize: 4 });
    try {
      await store.migrate();
      await expect(store.withTransaction(async () => store.countTransactions())).rejects.toThrow(/inside withTransaction/);
      // The single connection was given back: the store still works.
      expect(await store.countTransactions()).toBe(0);
      const { rows } = await store.sql.query<{ one: number }>('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await store.close();
    }
  });
});
