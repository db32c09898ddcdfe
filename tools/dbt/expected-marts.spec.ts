import type { Account, Transaction } from '@ledgerline/transactions';
import { describe, expect, it } from 'vitest';
import { expectedCashflow, expectedMonthlySpend, utcMonthStart } from './expected-marts.ts';

const account = (account_id: string, customer_id: string): Account => ({
  account_id,
  customer_id,
  account_type: 'CHECKING',
  currency: 'EUR',
  balance: '100.00',
  status: 'ACTIVE',
  opened_at: '2024-01-01T00:00:00.000Z',
  updated_at: '2024-01-01T00:00:00.000Z',
});

let n = 0;
const tx = (fields: Partial<Transaction>): Transaction => ({
  tx_id: `T-${n++}`,
  account_id: 'A-1',
  occurred_at: '2025-01-10T12:00:00.000Z',
  amount: '1.00',
  direction: 'DEBIT',
  txn_type: 'PURCHASE',
  currency: 'EUR',
  normalized_amount: '1.00',
  merchant: 'SHOP',
  mcc: '5411',
  category: 'Groceries',
  subcategory: 'Supermarkets',
  channel: 'CARD_PRESENT',
  description: null,
  city: null,
  state: null,
  country: null,
  is_recurring: false,
  status: 'POSTED',
  related_account_id: null,
  source: 'seed',
  source_ref: null,
  asset_symbol: null,
  quantity: null,
  unit_price: null,
  fee: null,
  ...fields,
});

// The oracle of the dbt integration test must itself follow the documented rules.
describe('expected marts', () => {
  const dataset = {
    customers: [],
    accounts: [account('A-1', 'C-1'), account('A-2', 'C-2')],
    transactions: [
      tx({ normalized_amount: '0.10' }),
      tx({ normalized_amount: '0.20', status: 'PENDING' }),
      tx({ normalized_amount: '5.00', status: 'DECLINED' }),
      tx({ normalized_amount: '7.00', txn_type: 'TRANSFER', category: 'Transfers' }),
      // 23:30 at -02:00 is already February in UTC
      tx({ normalized_amount: '3.00', occurred_at: '2025-01-31T23:30:00.000-02:00' }),
      tx({ normalized_amount: '2500.00', direction: 'CREDIT', txn_type: 'SALARY', category: 'Income' }),
      tx({ account_id: 'A-2', normalized_amount: '9.99', category: 'Dining' }),
      // investment trades (docs/trades.md): a buy and a sell are neither spend nor income
      ...[
        { normalized_amount: '640.23', direction: 'DEBIT' as const },
        { normalized_amount: '100.50', direction: 'CREDIT' as const },
        { normalized_amount: '55.00', direction: 'DEBIT' as const, status: 'DECLINED' as const },
      ].map((order) => tx({ txn_type: 'TRADE', category: 'Transfers', subcategory: 'Investments', merchant: 'Ledgerline Invest', mcc: null, ...order })),
    ],
  };

  it('takes the month in UTC', () => {
    expect(utcMonthStart('2025-01-31T23:30:00.000-02:00')).toBe('2025-02-01');
    expect(utcMonthStart('2025-02-01T00:30:00.000+01:00')).toBe('2025-01-01');
  });

  it('sums non-transfer debits that moved money, per customer, category and month', () => {
    expect(expectedMonthlySpend(dataset)).toEqual([
      { customer_id: 'C-1', category: 'Groceries', month_start: '2025-01-01', spend_amount: '0.30', tx_count: 2 },
      { customer_id: 'C-1', category: 'Groceries', month_start: '2025-02-01', spend_amount: '3.00', tx_count: 1 },
      { customer_id: 'C-2', category: 'Dining', month_start: '2025-01-01', spend_amount: '9.99', tx_count: 1 },
    ]);
  });

  it('nets non-transfer, non-trade income against spend per customer and month; trades as net invested', () => {
    const noTrades = { invested_amount: '0.00', divested_amount: '0.00', net_invested_amount: '0.00', trade_tx_count: 0 };
    expect(expectedCashflow(dataset)).toEqual([
      {
        customer_id: 'C-1',
        month_start: '2025-01-01',
        income_amount: '2500.00',
        spend_amount: '0.30',
        net_amount: '2499.70',
        income_tx_count: 1,
        spend_tx_count: 2,
        invested_amount: '640.23',
        divested_amount: '100.50',
        net_invested_amount: '539.73',
        trade_tx_count: 2,
      },
      { customer_id: 'C-1', month_start: '2025-02-01', income_amount: '0.00', spend_amount: '3.00', net_amount: '-3.00', income_tx_count: 0, spend_tx_count: 1, ...noTrades },
      { customer_id: 'C-2', month_start: '2025-01-01', income_amount: '0.00', spend_amount: '9.99', net_amount: '-9.99', income_tx_count: 0, spend_tx_count: 1, ...noTrades },
    ]);
  });
});
