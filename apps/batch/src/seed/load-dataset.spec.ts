import { describe, expect, it } from 'vitest';
import type { TransactionStore, UpsertResult } from '@ledgerline/ingestion';
import { accountFixture, customerFixture, transactionFixtures } from '@ledgerline/ingestion/testing';
import { loadDataset } from './load-dataset.ts';

/** Records calls; reports rows whose id it has seen before as unchanged. */
function recordingStore() {
  const calls: Array<{ table: string; rows: number; ingestedAt?: Date }> = [];
  const seen = new Set<string>();
  const upsert = (table: string, ids: string[], ingestedAt?: Date): Promise<UpsertResult> => {
    calls.push({ table, rows: ids.length, ingestedAt });
    const fresh = ids.filter((id) => !seen.has(id));
    fresh.forEach((id) => seen.add(id));
    return Promise.resolve({ inserted: fresh.length, updated: 0, unchanged: ids.length - fresh.length });
  };
  const store = {
    upsertCustomers: (rows) => upsert('customers', rows.map((r) => r.customer_id)),
    upsertAccounts: (rows) => upsert('accounts', rows.map((r) => r.account_id)),
    upsertTransactions: (rows, options) => upsert('transactions', rows.map((r) => r.tx_id), options?.ingestedAt),
  } as Pick<TransactionStore, 'upsertCustomers' | 'upsertAccounts' | 'upsertTransactions'> as TransactionStore;
  return { store, calls };
}

describe('loadDataset', () => {
  const data = {
    customers: [customerFixture(1), customerFixture(2)],
    accounts: [accountFixture(1, 'cus-00001'), accountFixture(2, 'cus-00002'), accountFixture(3, 'cus-00002')],
    transactions: transactionFixtures(25, 'acc-00001'),
  };
  const ingestedAt = new Date('2026-01-01T00:00:00Z');

  it('upserts customers, then accounts, then transactions in chunks, reporting progress per chunk', async () => {
    const { store, calls } = recordingStore();
    const progress: number[] = [];
    const result = await loadDataset(store, data, { chunkSize: 10, ingestedAt, onProgress: (n) => progress.push(n) });
    expect(calls.map((c) => `${c.table}:${c.rows}`)).toEqual(['customers:2', 'accounts:3', 'transactions:10', 'transactions:10', 'transactions:5']);
    expect(calls.filter((c) => c.table === 'transactions').every((c) => c.ingestedAt === ingestedAt)).toBe(true);
    expect(progress).toEqual([2, 3, 10, 10, 5]);
    expect(result).toEqual({
      customers: { inserted: 2, updated: 0, unchanged: 0 },
      accounts: { inserted: 3, updated: 0, unchanged: 0 },
      transactions: { inserted: 25, updated: 0, unchanged: 0 },
      balancesChanged: 0,
    });
  });

  it('adds up the counts of every chunk on a rerun', async () => {
    const { store } = recordingStore();
    await loadDataset(store, data, { chunkSize: 7, ingestedAt });
    const again = await loadDataset(store, data, { chunkSize: 7, ingestedAt });
    expect(again.transactions).toEqual({ inserted: 0, updated: 0, unchanged: 25 });
  });
});
