import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreConstraintError } from '@ledgerline/ingestion';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { ledgerBalance, type Transaction } from '@ledgerline/transactions';
import { generateDataset } from '@ledgerline/transactions/generator';
import { createPostgresStore } from '../factory.ts';

describe('the Postgres balance step (recordOpeningBalances + recomputeBalances)', () => {
  let db: TestDatabase;
  let store: Awaited<ReturnType<typeof createPostgresStore>>;
  const dataset = generateDataset({ seed: 11, customers: 6, months: 2, startMonth: '2026-08' });
  const accountIds = dataset.accounts.map((a) => a.account_id);
  const balances = async (): Promise<Record<string, string>> => {
    const { rows } = await store.sql.query<{ account_id: string; balance: string }>('SELECT account_id, balance::text AS balance FROM accounts');
    return Object.fromEntries(rows.map((r) => [r.account_id, r.balance]));
  };

  beforeAll(async () => {
    db = await createTestDatabase('balances');
    store = await createPostgresStore({ url: db.url });
    await store.migrate();
    await store.upsertCustomers(dataset.customers);
    // Loaded at a wrong balance on purpose: only the balance step may set it.
    await store.upsertAccounts(dataset.accounts.map((a) => ({ ...a, balance: '0.00' })));
    await store.upsertTransactions(dataset.transactions);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('leaves an account without a recorded opening balance as it was loaded', async () => {
    expect(await store.withTransaction((tx) => tx.recomputeBalances(accountIds))).toBe(0);
    expect(Object.values(await balances()).every((b) => b === '0.00')).toBe(true);
  });

  it('sets every balance to what the domain rule says, and a second run changes nothing', async () => {
    await store.withTransaction(async (tx) => {
      await tx.recordOpeningBalances(dataset.openingBalances);
      await tx.recomputeBalances(accountIds);
    });
    const actual = await balances();
    for (const account of dataset.accounts) {
      const ledger = dataset.transactions.filter((t) => t.account_id === account.account_id);
      // Two independent references: the domain rule replayed in TypeScript, and the generator's own closing balance.
      expect(actual[account.account_id]).toBe(ledgerBalance(dataset.openingBalances[account.account_id] ?? 'missing', ledger, account.currency));
      expect(actual[account.account_id]).toBe(account.balance);
    }
    expect(await store.recomputeBalances(accountIds)).toBe(0);
  });

  it('commits balances with the rows that move them, and rolls back both', async () => {
    const account = dataset.accounts[0]!;
    const base = dataset.transactions.find((t) => t.account_id === account.account_id && t.currency === account.currency)!;
    const before = (await balances())[account.account_id]!;
    const credit: Transaction = { ...base, tx_id: 'T-balance-1', direction: 'CREDIT', txn_type: 'DEPOSIT', amount: '250.50', status: 'POSTED' };
    const write = (rows: Transaction[]) =>
      store.withTransaction(async (tx) => {
        await tx.upsertTransactions(rows);
        return tx.recomputeBalances([account.account_id]);
      });

    expect(await write([credit])).toBe(1);
    const after = (await balances())[account.account_id]!;
    expect(after).toBe(ledgerBalance(before, [credit], account.currency));
    expect(await write([credit])).toBe(0); // a redelivery changes nothing
    // A DECLINED row does not move the balance; turning the credit into REVERSED takes it back.
    expect(await write([{ ...credit, tx_id: 'T-balance-2', status: 'DECLINED' }])).toBe(0);
    expect(await write([{ ...credit, status: 'REVERSED' }])).toBe(1);
    expect((await balances())[account.account_id]).toBe(before);

    await expect(
      store.withTransaction(async (tx) => {
        await tx.upsertTransactions([{ ...credit, tx_id: 'T-balance-3', amount: '99.00' }]);
        await tx.recomputeBalances([account.account_id]);
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect((await balances())[account.account_id]).toBe(before);
  });

  it('refuses a balance below zero, naming the account, and writes nothing of the call', async () => {
    const account = dataset.accounts[1]!;
    const base = dataset.transactions.find((t) => t.account_id === account.account_id && t.currency === account.currency)!;
    const before = await balances();
    const overdraw = { ...base, tx_id: 'T-balance-overdraw', direction: 'DEBIT' as const, amount: '9999999.00', status: 'POSTED' as const };
    const error = await store
      .withTransaction(async (tx) => {
        await tx.upsertTransactions([overdraw]);
        await tx.recomputeBalances([account.account_id]);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreConstraintError);
    expect(error).toMatchObject({ table: 'accounts', rowKey: account.account_id, constraint: 'accounts_balance_non_negative' });
    expect(await balances()).toEqual(before);
    expect(await store.transactionChangeInfo(['T-balance-overdraw'])).toEqual([]);
  });
});
