import { describe, expect, it } from 'vitest';
import { parseTradeDescription, toExactDecimal, tradeAmountCents, tradeDescription, tradeGrossCents, tradeRuleViolation } from './trade.ts';
import { transactionSchema } from './transaction.ts';

const buy = { txn_type: 'TRADE', direction: 'DEBIT', asset_symbol: 'BTC', quantity: '0.25000000', unit_price: '64123.45000000', fee: '16.03', amount: '16046.89' };

describe('trade arithmetic', () => {
  it('prices quantity * unit price half-even to the cent, exactly (no float on the way)', () => {
    expect(tradeGrossCents('0.25000000', '64123.45000000')).toBe(1_603_086n); // 16030.8625 -> 16030.86
    expect(tradeGrossCents('0.00000001', '0.50000000')).toBe(0n);
    expect(tradeGrossCents('3.00000000', '0.00500000')).toBe(2n); // 0.015 -> 0.02 (tie to even)
    expect(tradeGrossCents('1.00000000', '0.02500000')).toBe(2n); // 0.025 -> 0.02 (tie to even)
    expect(tradeGrossCents('123456789.12345678', '98765.43210987')).toBe(1_219_326_312_467_531n);
    expect(tradeAmountCents('BUY', '0.25000000', '64123.45000000', '16.03')).toBe(1_604_689n);
    expect(tradeAmountCents('SELL', '0.25000000', '64123.45000000', '16.03')).toBe(1_601_483n);
  });

  it('renders series prices in the eight-decimal form, refusing what it cannot hold exactly', () => {
    expect(toExactDecimal('64123.5')).toBe('64123.50000000');
    expect(toExactDecimal('0.00001234')).toBe('0.00001234');
    expect(toExactDecimal('12')).toBe('12.00000000');
    expect(() => toExactDecimal('0.000000001')).toThrow(/at most eight/);
    expect(() => toExactDecimal('-1.5')).toThrow();
  });
});

describe('tradeRuleViolation', () => {
  it('accepts a consistent buy and sell, and an ordinary row without trade fields', () => {
    expect(tradeRuleViolation(buy)).toBeUndefined();
    expect(tradeRuleViolation({ ...buy, direction: 'CREDIT', amount: '16014.83' })).toBeUndefined();
    expect(tradeRuleViolation({ txn_type: 'PURCHASE', direction: 'DEBIT', amount: '1.00', asset_symbol: null, quantity: null, unit_price: null, fee: null })).toBeUndefined();
  });

  it('names an amount that is not quantity * price +/- fee, a TRADE lacking a field, and trade fields on another type', () => {
    expect(tradeRuleViolation({ ...buy, amount: '16046.90' })).toBe('a TRADE buy of 0.25000000 BTC at 64123.45000000 with fee 16.03 moves 16046.89, not 16046.90');
    expect(tradeRuleViolation({ ...buy, direction: 'CREDIT' })).toMatch(/sell .* moves 16014.83, not 16046.89/);
    expect(tradeRuleViolation({ ...buy, quantity: null })).toBe('a TRADE has a positive quantity');
    expect(tradeRuleViolation({ ...buy, fee: null })).toBe('a TRADE has a fee (0.00 or more)');
    expect(tradeRuleViolation({ ...buy, txn_type: 'PURCHASE' })).toMatch(/a PURCHASE row has no asset_symbol/);
  });

  it('has the schema refuse inexact trade values field by field', () => {
    const row = {
      tx_id: 'T-1', account_id: 'A-1', occurred_at: '2026-03-01T12:00:00.000Z', amount: buy.amount, direction: 'DEBIT', txn_type: 'TRADE', currency: 'USD',
      normalized_amount: '14000.00', merchant: null, mcc: null, category: 'Transfers', subcategory: 'Investments', channel: 'ONLINE', description: null,
      city: null, state: null, country: null, is_recurring: false, status: 'POSTED', related_account_id: null, source: 'stream', source_ref: null,
      asset_symbol: 'BTC', quantity: '0.25000000', unit_price: '64123.45000000', fee: '16.03',
    };
    expect(transactionSchema.safeParse(row).success).toBe(true);
    for (const [field, value] of [['quantity', '0.25'], ['quantity', '0.00000000'], ['unit_price', 64123.45], ['asset_symbol', 'btc'], ['fee', '16.3']] as const) {
      expect(transactionSchema.safeParse({ ...row, [field]: value }).success, `${field} = ${value}`).toBe(false);
    }
  });
});

describe('trade descriptions', () => {
  it('round-trip through a statement line', () => {
    const text = tradeDescription('SELL', { asset_symbol: 'BRK.B', quantity: '1.50000000', unit_price: '412.30000000', fee: '1.00' }, 'USD');
    expect(text).toBe('SELL 1.50000000 BRK.B @ 412.30000000 USD FEE 1.00');
    expect(parseTradeDescription(`  ${text} `)).toEqual({ side: 'SELL', asset_symbol: 'BRK.B', quantity: '1.50000000', unit_price: '412.30000000', currency: 'USD', fee: '1.00' });
    expect(parseTradeDescription('BUY 1.5 BTC @ 64000 USD FEE 1.00')).toBeUndefined();
    expect(parseTradeDescription('Grocery store')).toBeUndefined();
  });
});
