import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Transaction } from '@ledgerline/transactions';
import type { TransactionStore } from '../ports/transaction-store.port.ts';
import { accountBalancesCases } from './account-balances.contract.ts';
import { companiesCases } from './companies.contract.ts';
import { expectStoreConstraintError, offsetsAndAtomicityCases } from './offsets-and-atomicity.contract.ts';
import { replayAndVersionCases } from './replay-and-versions.contract.ts';
import { accountFixture, customerFixture, transactionFixture, transactionFixtures } from './store-fixtures.ts';

export interface TransactionStoreUnderTest {
  /** A store on an empty backend of its own (not yet migrated: the suite calls migrate()). */
  store: TransactionStore;
  cleanup: () => Promise<void>;
}

const T1 = new Date('2025-12-01T00:00:00.000Z');
const T2 = new Date('2025-12-02T12:30:00.000Z');
const SHA = 'a'.repeat(64);

/**
 * The behaviour every TransactionStore adapter must show (architecture §2: one contract suite per
 * port, run by each adapter against its real backend). Each test gets a fresh, empty store.
 */
export function describeTransactionStoreContract(name: string, factory: () => Promise<TransactionStoreUnderTest>): void {
  describe(`TransactionStore contract: ${name}`, () => {
    let store: TransactionStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
      await store.migrate();
    });

    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    const customer = customerFixture(1);
    const account = accountFixture(1, customer.customer_id);

    async function withAccount(): Promise<void> {
      await store.upsertCustomers([customer]);
      await store.upsertAccounts([account]);
    }

    const rejection = expectStoreConstraintError;

    accountBalancesCases(() => store);
    companiesCases(() => store);
    replayAndVersionCases(() => store, withAccount, account.account_id);
    offsetsAndAtomicityCases(() => store, withAccount, customer, account);

    it('migrates idempotently and starts empty', async () => {
      await store.migrate();
      expect(await store.countTransactions()).toBe(0);
      expect(await store.upsertTransactions([])).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
    });

    it('inserts new customers, accounts and transactions, and reports an identical replay as unchanged', async () => {
      const customers = [customerFixture(1), customerFixture(2), customerFixture(3)];
      const accounts = customers.map((c, i) => accountFixture(i + 1, c.customer_id));
      const transactions = transactionFixtures(50, accounts[0]!.account_id);

      expect(await store.upsertCustomers(customers)).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
      expect(await store.upsertAccounts(accounts)).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
      expect(await store.upsertTransactions(transactions)).toEqual({ inserted: 50, updated: 0, unchanged: 0 });

      expect(await store.upsertCustomers(customers)).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
      expect(await store.upsertAccounts(accounts)).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
      expect(await store.upsertTransactions(transactions)).toEqual({ inserted: 0, updated: 0, unchanged: 50 });
      expect(await store.countTransactions()).toBe(50);
    });

    it('counts new, updated and unchanged rows of one mixed batch and stores the new values', async () => {
      await withAccount();
      const original = transactionFixtures(10, account.account_id);
      await store.upsertTransactions(original);

      const changed = original.slice(0, 3).map((t) => ({ ...t, amount: '999.99', status: 'REVERSED' as const }));
      const same = original.slice(3, 7);
      const fresh = transactionFixtures(5, account.account_id, 100);
      expect(await store.upsertTransactions([...fresh, ...changed, ...same])).toEqual({ inserted: 5, updated: 3, unchanged: 4 });

      const stored = await store.transactionsByAccount(account.account_id, new Date(0), new Date('2100-01-01T00:00:00Z'));
      expect(stored).toHaveLength(15);
      const byId = new Map(stored.map((t) => [t.tx_id, t]));
      for (const t of changed) expect(byId.get(t.tx_id)).toEqual(t);
      for (const t of [...same, ...fresh]) expect(byId.get(t.tx_id)).toEqual(t);

      const changedCustomer = { ...customer, email: 'new@example.test' };
      expect(await store.upsertCustomers([changedCustomer, customerFixture(9)])).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
      expect(await store.upsertAccounts([{ ...account, balance: '0.00' }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    });

    it('applies a tx_id repeated within one call in order (last one wins)', async () => {
      await withAccount();
      const first = transactionFixture(1, account.account_id);
      const second = { ...first, amount: '42.00' };
      expect(await store.upsertTransactions([first, second])).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
      const other = transactionFixture(2, account.account_id);
      expect(await store.upsertTransactions([other, other, second])).toEqual({ inserted: 1, updated: 0, unchanged: 2 });
      const stored = await store.transactionsByAccount(account.account_id, new Date(0), new Date('2100-01-01T00:00:00Z'));
      expect(stored.find((t) => t.tx_id === first.tx_id)?.amount).toBe('42.00');
      expect(await store.countTransactions()).toBe(2);
    });

    it("onConflict 'keep' inserts new tx_ids and leaves stored ones exactly as they are (first occurrence wins)", async () => {
      await withAccount();
      const rows = transactionFixtures(4, account.account_id);
      await store.upsertTransactions(rows.slice(0, 2), { ingestedAt: T1 });
      const before = await store.transactionChangeInfo(rows.slice(0, 2).map((r) => r.tx_id));

      const differs = { ...rows[0]!, merchant: 'Would overwrite' };
      const fresh = rows[2]!;
      const freshAgain = { ...fresh, amount: '99.99' };
      const result = await store.upsertTransactions([differs, rows[1]!, fresh, freshAgain, rows[3]!], { ingestedAt: T2, onConflict: 'keep' });
      expect(result).toEqual({ inserted: 2, updated: 0, unchanged: 3 });

      expect(await store.transactionChangeInfo(rows.slice(0, 2).map((r) => r.tx_id))).toEqual(before);
      const stored = await store.transactionsByAccount(account.account_id, new Date(0), new Date('2100-01-01T00:00:00Z'));
      expect(stored.find((t) => t.tx_id === rows[0]!.tx_id)).toEqual(rows[0]);
      expect(stored.find((t) => t.tx_id === fresh.tx_id)).toEqual(fresh);
      expect(await store.countTransactions()).toBe(4);
    });

    it("onConflict 'keep' over batches larger than one statement counts exactly", async () => {
      await withAccount();
      const rows = transactionFixtures(12_345, account.account_id);
      await store.upsertTransactions(rows.slice(0, 5_000));
      const changed = rows.map((r) => ({ ...r, status: 'REVERSED' as const }));
      expect(await store.upsertTransactions(changed, { onConflict: 'keep' })).toEqual({ inserted: 7_345, updated: 0, unchanged: 5_000 });
      const stored = await store.transactionsByAccount(account.account_id, new Date(0), new Date('2100-01-01T00:00:00Z'));
      expect(stored.filter((t) => t.status === 'REVERSED')).toHaveLength(7_345);
    });

    it("tells a stored account's currency, inside and outside a transaction, and nothing for an unknown account", async () => {
      expect(await store.accountCurrency(account.account_id)).toBeUndefined();
      await withAccount();
      expect(await store.accountCurrency(account.account_id)).toBe(account.currency);
      expect(await store.withTransaction((tx) => tx.accountCurrency(account.account_id))).toBe(account.currency);
      expect(await store.accountCurrency('acc-none')).toBeUndefined();
    });

    it('reads one account in a half-open time range, ordered by time, every field intact', async () => {
      await withAccount();
      const mine = transactionFixtures(10, account.account_id);
      const theirs = transactionFixtures(10, 'acc-other', 1000).map((t, i) => ({ ...t, occurred_at: mine[i]!.occurred_at }));
      await store.upsertTransactions([...mine, ...theirs].reverse());

      // Fixture n happens at 08:00 + n minutes, so [08:03, 08:08) holds fixtures 3..7.
      const from = new Date(mine[2]!.occurred_at);
      const to = new Date(mine[7]!.occurred_at);
      expect(await store.transactionsByAccount(account.account_id, from, to)).toEqual(mine.slice(2, 7));
      expect(await store.transactionsByAccount('acc-none', from, to)).toEqual([]);
    });

    it('keeps the instant of a timestamp given with a non-UTC offset', async () => {
      await withAccount();
      const t: Transaction = { ...transactionFixture(1, account.account_id), occurred_at: '2025-11-03T10:15:00.250+02:00' };
      await store.upsertTransactions([t]);
      const [stored] = await store.transactionsByAccount(account.account_id, new Date('2025-11-03T00:00:00Z'), new Date('2025-11-04T00:00:00Z'));
      expect(stored?.occurred_at).toBe('2025-11-03T08:15:00.250Z');
      expect(await store.upsertTransactions([t])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    });

    it('upserts batches larger than one statement with exact counts', async () => {
      await withAccount();
      const rows = transactionFixtures(12_345, account.account_id);
      expect(await store.upsertTransactions(rows)).toEqual({ inserted: 12_345, updated: 0, unchanged: 0 });
      const replay = rows.map((r, i) => (i % 1000 === 0 ? { ...r, status: 'REVERSED' as const } : r));
      expect(await store.upsertTransactions(replay)).toEqual({ inserted: 0, updated: 13, unchanged: 12_332 });
      expect(await store.countTransactions()).toBe(12_345);
    });

    it('rejects a non-positive amount naming the row, and writes nothing of that call', async () => {
      await withAccount();
      const rows = transactionFixtures(5, account.account_id);
      rows[3] = { ...rows[3]!, amount: '0.00' };
      const error = await rejection(store.upsertTransactions(rows));
      expect(error).toMatchObject({ table: 'transactions', kind: 'check', keyColumn: 'tx_id', rowKey: rows[3]!.tx_id });
      expect(error.constraint).toMatch(/amount/);
      expect(error.message).toContain(rows[3]!.tx_id);
      expect(await store.countTransactions()).toBe(0);

      const negative = await rejection(store.upsertTransactions([{ ...rows[0]!, amount: '-5.00' }]));
      expect(negative.rowKey).toBe(rows[0]!.tx_id);
    });

    it('rejects a negative account balance naming the account', async () => {
      await store.upsertCustomers([customer]);
      const accounts = [accountFixture(1, customer.customer_id), accountFixture(2, customer.customer_id, { balance: '-0.01' })];
      const error = await rejection(store.upsertAccounts(accounts));
      expect(error).toMatchObject({ table: 'accounts', kind: 'check', keyColumn: 'account_id', rowKey: accounts[1]!.account_id });
      expect(error.constraint).toMatch(/balance/);
      expect(await store.upsertAccounts([accounts[0]!])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    });

    it('rejects an account whose customer is unknown, but accepts a transaction whose account is not stored yet', async () => {
      const orphan = accountFixture(7, 'cus-missing');
      const error = await rejection(store.upsertAccounts([orphan]));
      expect(error).toMatchObject({ table: 'accounts', kind: 'foreign_key', keyColumn: 'account_id', rowKey: orphan.account_id });

      // Stream events can overtake their account's creation, so transactions carry no account FK.
      expect(await store.upsertTransactions([transactionFixture(1, 'acc-not-yet')])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    });

    it('records an ingested file once per sha256', async () => {
      const file = { sha256: SHA, file_name: 'statements/2025-11.csv', format: 'csv', rows: 120, ingested_at: T1.toISOString() };
      await store.recordIngestedFile(file);
      expect(await store.findIngestedFile(SHA)).toEqual(file);
      expect(await store.findIngestedFile('b'.repeat(64))).toBeUndefined();

      const error = await rejection(store.recordIngestedFile({ ...file, file_name: 'copy.csv' }));
      expect(error).toMatchObject({ table: 'ingested_files', kind: 'unique', keyColumn: 'sha256', rowKey: SHA });
      expect(await store.findIngestedFile(SHA)).toEqual(file);
    });
  });
}
