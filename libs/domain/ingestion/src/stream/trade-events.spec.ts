import { describe, expect, it } from 'vitest';
import type { Transaction } from '@ledgerline/transactions';
import { transactionFixture } from '../testing/store-fixtures.ts';
import { decodeTransactionRow } from './decode-transaction-row.ts';
import { decodeTransactionEvent, encodeTransactionEvent } from './transaction-event.ts';

const REF = 'transactions/0/9';
const producedAt = '2026-03-02T10:00:00.000Z';
/** A buy of 0.25 BTC at 64123.45 USD with a 16.03 fee: 16030.86 + 16.03 = 16046.89. */
const trade: Transaction = {
  ...transactionFixture(9, 'acc-00001'),
  txn_type: 'TRADE',
  direction: 'DEBIT',
  currency: 'USD',
  amount: '16046.89',
  normalized_amount: '14700.00',
  merchant: 'Ledgerline Invest',
  mcc: null,
  category: 'Transfers',
  subcategory: 'Investments',
  channel: 'ONLINE',
  description: 'BUY 0.25000000 BTC @ 64123.45000000 USD FEE 16.03',
  asset_symbol: 'BTC',
  quantity: '0.25000000',
  unit_price: '64123.45000000',
  fee: '16.03',
};

describe('trades on the transactions topic', () => {
  it('land with their asset, exact quantity, unit price and fee, on the fast path and through zod alike', () => {
    const bytes = encodeTransactionEvent(trade, producedAt);
    const row = decodeTransactionRow(bytes, REF);
    expect(row).toEqual({ ok: true, row: { ...trade, source: 'stream', source_ref: REF, version_at: producedAt } });
    const viaZod = decodeTransactionEvent(bytes);
    expect(viaZod.ok && viaZod.event).toMatchObject({ asset_symbol: 'BTC', quantity: '0.25000000', unit_price: '64123.45000000', fee: '16.03' });
  });

  it("reads an older producer's event without trade fields as a row with none (same schema_version)", () => {
    const { asset_symbol: _a, quantity: _q, unit_price: _u, fee: _f, ...old } = transactionFixture(4, 'acc-00001');
    const row = decodeTransactionRow(JSON.stringify({ ...old, schema_version: 1, produced_at: producedAt }), REF);
    expect(row.ok && row.row).toMatchObject({ tx_id: old.tx_id, asset_symbol: null, quantity: null, unit_price: null, fee: null });
  });

  it('dead-letters a trade whose amount is not quantity * price + fee, and trade fields on a purchase, naming the rule', () => {
    const wrongAmount = decodeTransactionRow(encodeTransactionEvent({ ...trade, amount: '16046.90' }, producedAt), REF);
    expect(wrongAmount).toEqual({ ok: false, reason: 'invalid event: txn_type: a TRADE buy of 0.25000000 BTC at 64123.45000000 with fee 16.03 moves 16046.89, not 16046.90' });
    const noQuantity = decodeTransactionRow(encodeTransactionEvent({ ...trade, quantity: null }, producedAt), REF);
    expect(noQuantity).toEqual({ ok: false, reason: 'invalid event: txn_type: a TRADE has a positive quantity' });
    const floatPrice = decodeTransactionRow(JSON.stringify({ ...JSON.parse(encodeTransactionEvent(trade, producedAt)), unit_price: 64123.45 }), REF);
    expect(floatPrice.ok).toBe(false);
    const purchase = decodeTransactionRow(encodeTransactionEvent({ ...transactionFixture(6, 'acc-00001'), asset_symbol: 'BTC' }, producedAt), REF);
    expect(purchase).toEqual({ ok: false, reason: expect.stringMatching(/a PURCHASE row has no asset_symbol/) });
  });
});
