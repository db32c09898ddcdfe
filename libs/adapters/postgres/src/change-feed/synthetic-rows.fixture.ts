import type { Account, Customer, Transaction } from '@ledgerline/transactions';

// Small valid domain rows for the change-feed tests (synthetic data only).

export const CUSTOMER: Customer = {
  customer_id: 'CUST-1',
  kind: 'PERSONAL',
  persona: 'student',
  name: 'Test Person',
  email: null,
  city: 'Lisbon',
  state: null,
  country: 'PT',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

export const ACCOUNT: Account = {
  account_id: 'ACC-1',
  customer_id: 'CUST-1',
  account_type: 'CHECKING',
  currency: 'EUR',
  balance: '1000.50',
  status: 'ACTIVE',
  opened_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

export function transaction(id: string, overrides: Partial<Transaction> = {}): Transaction {
  return {
    tx_id: id,
    account_id: 'ACC-1',
    occurred_at: '2026-10-03T08:15:00.123Z',
    amount: '12.30',
    direction: 'DEBIT',
    txn_type: 'PURCHASE',
    currency: 'EUR',
    normalized_amount: '12.30',
    merchant: 'Cafe Synthetic',
    mcc: '5814',
    category: 'Food & Dining',
    subcategory: null,
    channel: 'CARD_PRESENT',
    description: null,
    city: 'Lisbon',
    state: null,
    country: 'PT',
    is_recurring: false,
    status: 'POSTED',
    related_account_id: null,
    source: 'seed',
    source_ref: null,
    asset_symbol: null,
    quantity: null,
    unit_price: null,
    fee: null,
    ...overrides,
  };
}

const TX_COLUMNS = Object.keys(transaction('x')) as Array<keyof Transaction>;

/** A plain INSERT of one transaction, for tests that drive their own pg transactions. */
export function insertTransactionSql(tx: Transaction): { text: string; values: unknown[] } {
  return {
    text: `INSERT INTO transactions (${TX_COLUMNS.join(', ')}) VALUES (${TX_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
    values: TX_COLUMNS.map((c) => tx[c]),
  };
}
