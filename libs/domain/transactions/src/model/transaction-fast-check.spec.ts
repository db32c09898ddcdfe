import { describe, expect, it } from 'vitest';
import { fastAcceptsTransaction } from './transaction-fast-check.ts';
import { transactionSchema, type Transaction } from './transaction.ts';

const VALID: Transaction = {
  tx_id: 'T-1',
  account_id: 'ACC-1',
  occurred_at: '2026-03-01T12:00:00.000Z',
  amount: '12.30',
  direction: 'DEBIT',
  txn_type: 'PURCHASE',
  currency: 'EUR',
  normalized_amount: '12.30',
  merchant: null,
  mcc: null,
  category: 'Groceries',
  subcategory: null,
  channel: 'CARD_PRESENT',
  description: 'Corner shop',
  city: null,
  state: null,
  country: null,
  is_recurring: false,
  status: 'POSTED',
  related_account_id: null,
  source: 'csv',
  source_ref: 'march.csv:9',
  asset_symbol: null,
  quantity: null,
  unit_price: null,
  fee: null,
};

// For every field of the schema, values zod refuses. Typed by the schema's keys: a new field
// does not compile until it has cases here (and a rule in the fast check).
const REFUSED: Record<keyof Transaction, unknown[]> = {
  tx_id: ['', 'x'.repeat(81), 7, null],
  account_id: ['', 'x'.repeat(41), null],
  occurred_at: ['2026-02-30T12:00:00.000Z', '2026-03-01', '2026-03-01T25:00:00.000Z', '2026-03-01 12:00:00', 20260301, null],
  amount: ['0.00', '-12.30', '12.3', '12', '12345678901234.00', ' 12.30', 12.3, null],
  direction: ['debit', 'OUT', null],
  txn_type: ['purchase', 'GIFT', null],
  currency: ['EURO', 'eur', 'EU', null],
  normalized_amount: ['-12.30', '12.3', '1,00', 12.3, null],
  merchant: ['x'.repeat(201), 5],
  mcc: ['541', '54111', 'abcd', 5411],
  category: ['', 'x'.repeat(61), null],
  subcategory: ['x'.repeat(61), 1],
  channel: ['WEB', null],
  description: ['x'.repeat(501), 1],
  city: ['x'.repeat(101)],
  state: ['x'.repeat(101)],
  country: ['DEU', 'de', 49],
  is_recurring: ['false', 0, null],
  status: ['posted', 'DONE', null],
  related_account_id: ['x'.repeat(41)],
  source: ['file', null],
  source_ref: ['x'.repeat(301), 1],
  asset_symbol: ['btc', '', 'X'.repeat(13), 7],
  quantity: ['0.25', '0.00000000', '-1.00000000', '1.000000000', 0.25],
  unit_price: ['64123.5', '0.00000000', '1e3', 64123.5],
  fee: ['-1.00', '1.2', 1.2],
};

describe('fastAcceptsTransaction', () => {
  it('accepts a valid transaction, as zod does', () => {
    expect(transactionSchema.safeParse(VALID).success).toBe(true);
    expect(fastAcceptsTransaction(VALID)).toBe(true);
  });

  it('accepts nothing that zod refuses: one bad field at a time, for every field of the schema', () => {
    expect(Object.keys(REFUSED).sort()).toEqual(Object.keys(transactionSchema.shape).sort());
    for (const [field, values] of Object.entries(REFUSED)) {
      for (const value of values) {
        const candidate = { ...VALID, [field]: value } as Transaction;
        expect(transactionSchema.safeParse(candidate).success, `zod accepts ${field} = ${JSON.stringify(value)}`).toBe(false);
        expect(fastAcceptsTransaction(candidate), `fast check accepts ${field} = ${JSON.stringify(value)}`).toBe(false);
      }
    }
  });

  it('checks calendar days of timestamps as zod does (leap years included)', () => {
    for (const occurred_at of ['2028-02-29T12:00:00.000Z', '2000-02-29T00:00:00Z', '2026-03-01T12:00:00+02:00']) {
      expect(transactionSchema.safeParse({ ...VALID, occurred_at }).success).toBe(true);
      expect(fastAcceptsTransaction({ ...VALID, occurred_at }), occurred_at).toBe(true);
    }
    for (const occurred_at of ['2026-02-29T12:00:00.000Z', '1900-02-29T12:00:00Z', '2026-04-31T00:00:00Z', '2026-03-01T12:00Z']) {
      expect(transactionSchema.safeParse({ ...VALID, occurred_at }).success).toBe(false);
      expect(fastAcceptsTransaction({ ...VALID, occurred_at }), occurred_at).toBe(false);
    }
  });
});
