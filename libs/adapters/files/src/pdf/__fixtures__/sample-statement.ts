import { buildStatement, type Statement } from '@ledgerline/ingestion';
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
  persona: 'young_professional',
  name: 'Jane Müller-Smith',
  email: null,
  city: 'Berlin',
  state: null,
  country: 'DE',
  created_at: '2024-01-10T09:00:00.000Z',
  updated_at: '2024-01-10T09:00:00.000Z',
};

const MERCHANTS = ['Bäckerei Schmidt', 'Coffee & Co', 'Metro "Central" Station', 'Online Bookshop, Inc.', 'Pharmacy 24', 'Cinema Palast'];
const CATEGORIES = ['Groceries', 'Food & Dining', 'Transport', 'Shopping', 'Health', 'Entertainment'];

/** `count` synthetic March-2026 transactions, deterministic (a tiny LCG, no randomness). */
export function sampleTransactions(count: number, month = '2026-03'): Transaction[] {
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    // The low bits of an LCG cycle quickly; use the high ones.
    return Math.floor(seed / 65536) % n;
  };
  return Array.from({ length: count }, (_, i): Transaction => {
    const salary = i % 40 === 0;
    const day = 1 + (i % 28);
    const cents = salary ? 320000n : BigInt(100 + next(25000));
    const merchant = MERCHANTS[next(MERCHANTS.length)] as string;
    // Every 17th description is long enough to wrap onto a second (and third) line in the PDF.
    const description = salary ? 'Salary ACME GmbH March' : i % 17 === 5 ? `${merchant} - order ${1000 + i} with a deliberately long description that has to wrap over more than one line of the table` : merchant;
    return {
      tx_id: `tx-${month}-${String(i).padStart(4, '0')}`,
      account_id: ACCOUNT.account_id,
      occurred_at: `${month}-${String(day).padStart(2, '0')}T${String(8 + (i % 12)).padStart(2, '0')}:15:00.000Z`,
      amount: fromCents(cents),
      direction: salary ? 'CREDIT' : 'DEBIT',
      txn_type: salary ? 'SALARY' : 'PURCHASE',
      currency: 'EUR',
      normalized_amount: fromCents(cents),
      merchant,
      mcc: null,
      category: salary ? 'Income' : (CATEGORIES[next(CATEGORIES.length)] as string),
      subcategory: null,
      channel: salary ? 'BANK_TRANSFER' : 'CARD_PRESENT',
      description,
      city: null,
      state: null,
      country: 'DE',
      is_recurring: false,
      status: 'POSTED',
      related_account_id: null,
      source: 'seed',
      source_ref: null,
      asset_symbol: null,
      quantity: null,
      unit_price: null,
      fee: null,
    };
  });
}

export function sampleStatement(count: number, opening = '12500.00'): Statement {
  return buildStatement(ACCOUNT, CUSTOMER, sampleTransactions(count), opening);
}
