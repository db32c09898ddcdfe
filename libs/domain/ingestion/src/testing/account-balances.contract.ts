import { expect, it } from 'vitest';
import { convertCents, fromCents, ledgerBalance, toCents, type Transaction } from '@ledgerline/transactions';
import { StoreConstraintError } from '../ports/store-constraint-error.ts';
import type { TransactionStore } from '../ports/transaction-store.port.ts';
import { accountFixture, customerFixture, transactionFixture } from './store-fixtures.ts';

/**
 * The balance step (AccountBalances) as every TransactionStore must keep it; run inside
 * describeTransactionStoreContract, which hands each case a fresh, migrated store.
 */
export function accountBalancesCases(store: () => TransactionStore): void {
  const customer = customerFixture(1);
  const tracked = accountFixture(1, customer.customer_id, { balance: '0.00' });
  const untracked = accountFixture(2, customer.customer_id, { balance: '77.00' });
  const ledger = [
    transactionFixture(5, tracked.account_id), // CREDIT
    transactionFixture(6, tracked.account_id), // DEBIT
    transactionFixture(10, tracked.account_id, { status: 'PENDING' }),
    transactionFixture(11, tracked.account_id, { status: 'DECLINED' }),
    transactionFixture(12, untracked.account_id),
  ];

  it('balance step: sets a balance to opening + moving transactions, in the writer transaction, leaving accounts without an opening alone', async () => {
    const ids = [tracked.account_id, untracked.account_id, 'acc-unknown'];
    await store().upsertCustomers([customer]);
    await store().upsertAccounts([tracked, untracked]);
    const changed = await store().withTransaction(async (tx) => {
      await tx.recordOpeningBalances({ [tracked.account_id]: '5000.00' });
      await tx.upsertTransactions(ledger);
      return tx.recomputeBalances(ids);
    });
    expect(changed).toBe(1);
    const expected = ledgerBalance('5000.00', ledger.filter((t) => t.account_id === tracked.account_id), 'EUR');
    expect(await store().readBalances(ids)).toEqual({ [tracked.account_id]: expected, [untracked.account_id]: '77.00' });
    expect(await store().withTransaction((tx) => tx.recomputeBalances(ids))).toBe(0);

    // A new opening moves the balance by the difference once the step runs again.
    await store().withTransaction(async (tx) => {
      await tx.recordOpeningBalances({ [tracked.account_id]: '5100.00' });
      await tx.recomputeBalances([tracked.account_id]);
    });
    expect((await store().readBalances([tracked.account_id]))[tracked.account_id]).toBe(ledgerBalance('5100.00', ledger.filter((t) => t.account_id === tracked.account_id), 'EUR'));
  });

  it('balance step: refuses a balance below zero with a StoreConstraintError naming the account, and the whole transaction is lost', async () => {
    await store().upsertCustomers([customer]);
    await store().upsertAccounts([tracked]);
    await store().recordOpeningBalances({ [tracked.account_id]: '1.00' });
    const overdraw = transactionFixture(21, tracked.account_id, { amount: '50.00', normalized_amount: '50.00' });
    const error = await store()
      .withTransaction(async (tx) => {
        await tx.upsertTransactions([overdraw]);
        await tx.recomputeBalances([tracked.account_id]);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreConstraintError);
    expect(error).toMatchObject({ table: 'accounts', rowKey: tracked.account_id });
    expect(await store().countTransactions()).toBe(0);
    expect(await store().readBalances([tracked.account_id])).toEqual({ [tracked.account_id]: '0.00' });
  });

  it('balance step: an investment buy debits quantity * price + fee and a sell credits quantity * price - fee, settled in the account currency; trade fields read back exactly', async () => {
    // 0.25 BTC at 64123.45 USD, fee 16.03: the buy pays 16030.86 + 16.03, the sell gets 16030.86 - 16.03.
    const order = { asset_symbol: 'BTC', quantity: '0.25000000', unit_price: '64123.45000000', fee: '16.03' };
    const trade = (n: number, direction: 'DEBIT' | 'CREDIT', amount: string): Transaction =>
      transactionFixture(n, tracked.account_id, { ...order, txn_type: 'TRADE', direction, amount, currency: 'USD', normalized_amount: fromCents(convertCents(toCents(amount), 'USD', 'EUR')), merchant: 'Ledgerline Invest', mcc: null, channel: 'ONLINE' });
    const trades = [trade(31, 'DEBIT', '16046.89'), trade(32, 'CREDIT', '16014.83')];
    await store().upsertCustomers([customer]);
    await store().upsertAccounts([tracked]);
    await store().withTransaction(async (tx) => {
      await tx.recordOpeningBalances({ [tracked.account_id]: '20000.00' });
      await tx.upsertTransactions(trades);
      await tx.recomputeBalances([tracked.account_id]);
    });
    // Independently of ledgerBalance: each trade converted from USD on its own, half-even to the cent.
    const expected = 2_000_000n - convertCents(1_604_689n, 'USD', 'EUR') + convertCents(1_601_483n, 'USD', 'EUR');
    expect(await store().readBalances([tracked.account_id])).toEqual({ [tracked.account_id]: fromCents(expected) });
    expect(fromCents(expected)).toBe(ledgerBalance('20000.00', trades, 'EUR'));
    const stored = await store().transactionsByAccount(tracked.account_id, new Date('2025-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(stored.map(({ tx_id, txn_type, amount, currency, asset_symbol, quantity, unit_price, fee }) => ({ tx_id, txn_type, amount, currency, asset_symbol, quantity, unit_price, fee }))).toEqual(
      trades.map((t) => ({ tx_id: t.tx_id, txn_type: 'TRADE', amount: t.amount, currency: 'USD', ...order })),
    );
  });
}
