import { expect, it } from 'vitest';
import type { Account, Customer } from '@ledgerline/transactions';
import { StoreConstraintError } from '../ports/store-constraint-error.ts';
import type { TransactionStore } from '../ports/transaction-store.port.ts';
import { transactionFixture, transactionFixtures } from './store-fixtures.ts';

const T1 = new Date('2025-12-01T00:00:00.000Z');
const SHA = 'a'.repeat(64);

/** Awaits a rejection and checks it is a StoreConstraintError (what every refusal must be). */
export async function expectStoreConstraintError(promise: Promise<unknown>): Promise<StoreConstraintError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreConstraintError);
  return error as StoreConstraintError;
}

/**
 * Offsets and atomicity as every TransactionStore must keep them: rows, file records and stream
 * offsets of one withTransaction commit or vanish together, and offsets are kept per group,
 * topic and partition, remembering how far a rewound group had got. Run inside
 * describeTransactionStoreContract, which hands each case a fresh, migrated store.
 */
export function offsetsAndAtomicityCases(store: () => TransactionStore, withAccount: () => Promise<void>, customer: Customer, account: Account): void {
  const rejection = expectStoreConstraintError;

  it('commits rows, file record and offsets of one withTransaction together', async () => {
    const rows = transactionFixtures(20, account.account_id);
    const result = await store().withTransaction(async (tx) => {
      await tx.upsertCustomers([customer]);
      await tx.upsertAccounts([account]);
      const upserted = await tx.upsertTransactions(rows);
      await tx.recordIngestedFile({ sha256: SHA, file_name: 'statement.csv', format: 'csv', rows: 20, ingested_at: T1.toISOString() });
      await tx.saveOffsets('sink', 'transactions', [{ partition: 0, offset: '21' }]);
      expect(await tx.countTransactions()).toBe(20);
      return upserted;
    });
    expect(result).toEqual({ inserted: 20, updated: 0, unchanged: 0 });
    expect(await store().countTransactions()).toBe(20);
    expect(await store().findIngestedFile(SHA)).toBeDefined();
    expect(await store().loadOffsets('sink', 'transactions')).toEqual([{ partition: 0, offset: '21' }]);
  });

  it('leaves nothing behind when the work of withTransaction throws, and rethrows its error', async () => {
    const failure = new Error('parser gave up at line 7');
    const outcome = store().withTransaction(async (tx) => {
      await tx.upsertCustomers([customer]);
      await tx.upsertAccounts([account]);
      await tx.upsertTransactions(transactionFixtures(20, account.account_id));
      await tx.recordIngestedFile({ sha256: SHA, file_name: 'statement.csv', format: 'csv', rows: 20, ingested_at: T1.toISOString() });
      await tx.saveOffsets('sink', 'transactions', [{ partition: 0, offset: '21' }]);
      throw failure;
    });
    await expect(outcome).rejects.toBe(failure);

    expect(await store().countTransactions()).toBe(0);
    expect(await store().findIngestedFile(SHA)).toBeUndefined();
    expect(await store().loadOffsets('sink', 'transactions')).toEqual([]);
    expect(await store().upsertCustomers([customer])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(await store().upsertAccounts([account])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });

  it('keeps offsets and rows atomic: a rejected row also discards the offsets saved with it', async () => {
    await withAccount();
    await store().withTransaction(async (tx) => {
      await tx.upsertTransactions(transactionFixtures(3, account.account_id));
      await tx.saveOffsets('sink', 'transactions', [{ partition: 2, offset: '4' }]);
    });

    const bad = { ...transactionFixture(4, account.account_id), amount: '0.00' };
    const error = await rejection(
      store().withTransaction(async (tx) => {
        await tx.saveOffsets('sink', 'transactions', [{ partition: 2, offset: '6' }]);
        await tx.upsertTransactions([transactionFixture(5, account.account_id), bad]);
      }),
    );
    expect(error.rowKey).toBe(bad.tx_id);
    expect(await store().loadOffsets('sink', 'transactions')).toEqual([{ partition: 2, offset: '4' }]);
    expect(await store().countTransactions()).toBe(3);
  });

  it('stores offsets per group, topic and partition, overwriting only the partitions given', async () => {
    await store().saveOffsets('sink', 'transactions', [
      { partition: 1, offset: '20' },
      { partition: 0, offset: '10' },
    ]);
    await store().saveOffsets('sink', 'transactions', [{ partition: 1, offset: '9223372036854775807' }]);
    await store().saveOffsets('other-group', 'transactions', [{ partition: 0, offset: '3' }]);
    await store().saveOffsets('sink', 'other-topic', [{ partition: 0, offset: '5' }]);
    expect(await store().loadOffsets('sink', 'transactions')).toEqual([
      { partition: 0, offset: '10' },
      { partition: 1, offset: '9223372036854775807' },
    ]);
    expect(await store().loadOffsets('nobody', 'transactions')).toEqual([]);
  });

  it('remembers how far a group had got when its offsets are rewound, until it is past that again', async () => {
    await store().saveOffsets('sink', 'transactions', [{ partition: 0, offset: '40' }, { partition: 1, offset: '7' }]);
    await store().saveOffsets('sink', 'transactions', [{ partition: 0, offset: '0' }]);
    expect(await store().loadOffsets('sink', 'transactions')).toEqual([
      { partition: 0, offset: '0', applied_until: '40' },
      { partition: 1, offset: '7' },
    ]);
    await store().saveOffsets('sink', 'transactions', [{ partition: 0, offset: '12' }]);
    expect(await store().loadOffsets('sink', 'transactions')).toEqual([
      { partition: 0, offset: '12', applied_until: '40' },
      { partition: 1, offset: '7' },
    ]);
    await store().saveOffsets('sink', 'transactions', [{ partition: 0, offset: '41' }]);
    expect(await store().loadOffsets('sink', 'transactions')).toEqual([
      { partition: 0, offset: '41' },
      { partition: 1, offset: '7' },
    ]);
  });
}
