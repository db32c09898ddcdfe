import { fromCents, type Account, type Customer, type Transaction } from '@ledgerline/transactions';

export const ACCOUNT: Account = {
  account_id: 'ACC-000123',
  customer_id: 'CUS-000042',
  account_type: 'CHECKING',
  currency: 'EUR',
  balance: '0.00',
  status: 'ACTIVE',
  opened_at: '2024-01-10T09:00:00.000Z',
  updated_at: '2026-03-31T23:00:00.000Z',
};

export const CUSTOMER: Customer = {
  customer_id: 'CUS-000042',
  kind: 'PERSONAL',
  persona: 'family',
  name: 'Jane Müller-Smith',
  email: null,
  city: 'Berlin',
  state: null,
  country: 'DE',
  created_at: '2024-01-10T09:00:00.000Z',
  updated_at: '2024-01-10T09:00:00.000Z',
};

/** A transaction of ACCOUNT; `amount` signed (negative = money out). */
export function tx(id: string, occurredAt: string, amount: string, description: string | null, category = 'Shopping'): Transaction {
  const negative = amount.startsWith('-');
  const abs = negative ? amount.slice(1) : amount;
  return {
    tx_id: id,
    account_id: ACCOUNT.account_id,
    occurred_at: occurredAt,
    amount: abs,
    direction: negative ? 'DEBIT' : 'CREDIT',
    txn_type: negative ? 'PURCHASE' : 'DEPOSIT',
    currency: 'EUR',
    normalized_amount: abs,
    merchant: description === null ? 'Corner Shop' : null,
    mcc: null,
    category,
    subcategory: null,
    channel: 'CARD_PRESENT',
    description,
    city: null,
    state: null,
    country: null,
    is_recurring: false,
    status: 'POSTED',
    related_account_id: null,
    source: 'stream',
    source_ref: null,
    asset_symbol: null,
    quantity: null,
    unit_price: null,
    fee: null,
  };
}

/** `count` varied March-2026 transactions: quotes, commas, accents, salary, equal amounts. */
export function marchTransactions(count: number): Transaction[] {
  const descriptions = ['Coffee & Co', 'Online Bookshop, Inc.', 'Metro "Central" Station', 'Bäckerei Schmidt', 'Salary ACME GmbH', '  Spaced   out  '];
  return Array.from({ length: count }, (_, i) => {
    const d = descriptions[i % descriptions.length] as string;
    const cents = BigInt(((i * 7919) % 50000) + 1);
    const amount = d.startsWith('Salary') ? '2500.00' : fromCents(-cents);
    const day = String(1 + (i % 28)).padStart(2, '0');
    return tx(`tx-${String(i).padStart(4, '0')}`, `2026-03-${day}T${String(i % 24).padStart(2, '0')}:30:00.000Z`, amount, d, i % 3 === 0 ? 'Food & Dining' : 'Shopping');
  });
}
