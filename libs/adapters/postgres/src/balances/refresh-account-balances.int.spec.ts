import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { balanceDeltaCents, fromCents, toCents } from '@ledgerline/transactions';
import { generateDataset } from '@ledgerline/transactions/generator';
import { createPostgresStore } from '../factory.ts';
import { refreshAccountBalances } from './refresh-account-balances.ts';
import { withBalanceUpkeep } from './balance-keeping-store.ts';

describe('refreshAccountBalances', () => {
  let db: TestDatabase;
  let store: Awaited<ReturnType<typeof createPostgresStore>>;
  const dataset = generateDataset({ seed: 11, customers: 6, months: 2, startMonth: '2026-08' });

  beforeAll(async () => {
    db = await createTestDatabase('balances');
    store = await createPostgresStore({ url: db.url });
    await store.migrate();
    // Accounts start at their opening balance, as the realtime pipeline seeds them.
    await store.upsertCustomers(dataset.customers);
    await store.upsertAccounts(dataset.accounts.map((a) => ({ ...a, balance: dataset.openingBalances[a.account_id] ?? '0.00' })));
    await store.upsertTransactions(dataset.transactions);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('recomputes every balance from the opening balance and the landed transactions, idempotently', async () => {
    const changed = await refreshAccountBalances(store.sql, dataset.openingBalances);
    expect(changed).toBeGreaterThan(0);
    const { rows } = await store.sql.query<{ account_id: string; balance: string }>('SELECT account_id, balance::text AS balance FROM accounts');
    const actual = Object.fromEntries(rows.map((r) => [r.account_id, r.balance]));
    // Independent replay in TypeScript: the generator's closing balances must be reproduced.
    const currencyOf = Object.fromEntries(dataset.accounts.map((a) => [a.account_id, a.currency]));
    const expected: Record<string, bigint> = Object.fromEntries(Object.entries(dataset.openingBalances).map(([k, v]) => [k, toCents(v)]));
    for (const tx of dataset.transactions) {
      if (tx.status !== 'POSTED' && tx.status !== 'PENDING') continue;
      expected[tx.account_id] = (expected[tx.account_id] ?? 0n) + balanceDeltaCents(tx, currencyOf[tx.account_id] ?? tx.currency);
    }
    for (const account of dataset.accounts) {
      expect(actual[account.account_id]).toBe(fromCents(expected[account.account_id] ?? 0n));
      expect(actual[account.account_id]).toBe(account.balance);
    }
    expect(await refreshAccountBalances(store.sql, dataset.openingBalances)).toBe(0);
  });

  it('withBalanceUpkeep commits balances with the rows that move them, and rolls back both', async () => {
    const account = dataset.accounts[0];
    if (!account) throw new Error('no account generated');
    const opening = { [account.account_id]: '1000.00' };
    await store.sql.query('DELETE FROM transactions WHERE account_id = $1', [account.account_id]);
    const kept = withBalanceUpkeep(store, opening);
    const base = dataset.transactions.find((t) => t.account_id === account.account_id && t.currency === account.currency);
    if (!base) throw new Error('no same-currency transaction generated');
    const credit = { ...base, tx_id: 'T-upkeep-1', direction: 'CREDIT' as const, txn_type: 'DEPOSIT' as const, amount: '250.50', status: 'POSTED' as const };
    const balance = async () =>
      (await store.sql.query<{ balance: string }>('SELECT balance::text AS balance FROM accounts WHERE account_id = $1', [account.account_id])).rows[0]?.balance;

    await kept.withTransaction((tx) => tx.upsertTransactions([credit]));
    expect(await balance()).toBe('1250.50');
    await kept.upsertTransactions([credit]); // a redelivery changes nothing
    expect(await balance()).toBe('1250.50');
    await expect(
      kept.withTransaction(async (tx) => {
        await tx.upsertTransactions([{ ...credit, tx_id: 'T-upkeep-2', amount: '99.00' }]);
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect(await balance()).toBe('1250.50');
  });
});
