import { describe, expect, it } from 'vitest';
import { balanceDeltaCents } from '../fx/settlement.ts';
import { fromCents, toCents } from '../model/money.ts';
import { exactDecimalUnits, tradeRuleViolation } from '../model/trade.ts';
import { transactionSchema, type Transaction } from '../model/transaction.ts';
import { generateDataset } from './generate-dataset.ts';
import type { TradeMarket } from './trade-market.ts';

/**
 * A fake market (the real one is @ledgerline/market-data's syntheticTradeMarket, which this
 * library cannot import; its own spec runs the generator on it): prices that move with the hour,
 * and a stock that trades 14:30-21:00 UTC on weekdays only, as the synthetic series does.
 */
const fakeMarket: TradeMarket = {
  id: 'fake:hourly',
  assets: [
    { symbol: 'BTC', assetClass: 'crypto', currency: 'USD' },
    { symbol: 'SHIB', assetClass: 'crypto', currency: 'USD' },
    { symbol: 'AAPL', assetClass: 'stock', currency: 'USD' },
  ],
  priceAt(symbol, atMs) {
    const hour = Math.floor(atMs / 3_600_000);
    if (symbol === 'BTC') return `${60_000 + (hour % 500)}.25`;
    if (symbol === 'SHIB') return `0.0000${1000 + (hour % 900)}`;
    const at = new Date(atMs);
    const minutes = at.getUTCHours() * 60 + at.getUTCMinutes();
    if (at.getUTCDay() === 0 || at.getUTCDay() === 6 || minutes < 870 || minutes >= 1260) return undefined;
    return `${180 + (hour % 40)}.5`;
  },
};

const options = { seed: 7, customers: 60, months: 3, startMonth: '2026-01' } as const;
const dataset = generateDataset({ ...options, market: fakeMarket });
const trades = dataset.transactions.filter((t) => t.txn_type === 'TRADE');

describe('generated investment trades', () => {
  it('buys and sells several assets, each row valid and consistent (amount = quantity * price +/- fee)', () => {
    expect(trades.filter((t) => t.direction === 'DEBIT').length).toBeGreaterThan(20);
    expect(trades.filter((t) => t.direction === 'CREDIT').length).toBeGreaterThan(3);
    expect(new Set(trades.map((t) => t.asset_symbol))).toEqual(new Set(['BTC', 'SHIB', 'AAPL']));
    for (const t of trades) {
      expect(transactionSchema.parse(t)).toEqual(t);
      expect(tradeRuleViolation(t), t.tx_id).toBeUndefined();
      expect(t).toMatchObject({ currency: 'USD', category: 'Transfers', subcategory: 'Investments', channel: 'ONLINE', status: 'POSTED' });
    }
    const others = dataset.transactions.filter((t) => t.txn_type !== 'TRADE');
    expect(others.every((t) => t.asset_symbol === null && t.quantity === null && t.unit_price === null && t.fee === null)).toBe(true);
  });

  it('prices every trade at the market price of its own timestamp (stocks only in session)', () => {
    for (const t of trades) {
      const quoted = fakeMarket.priceAt(t.asset_symbol as string, Date.parse(t.occurred_at));
      expect(quoted, `${t.tx_id} at ${t.occurred_at}`).toBeDefined();
      expect(exactDecimalUnits(t.unit_price as string)).toBe(exactDecimalUnits(`${quoted}${'0'.repeat(8 - (quoted as string).split('.')[1]!.length)}`));
    }
  });

  it('never sells more than the account holds', () => {
    const held = new Map<string, bigint>();
    for (const t of trades) {
      const key = `${t.account_id}|${t.asset_symbol}`;
      const units = exactDecimalUnits(t.quantity as string);
      const after = (held.get(key) ?? 0n) + (t.direction === 'DEBIT' ? units : -units);
      expect(after >= 0n, `${t.tx_id} sells ${t.quantity} ${t.asset_symbol}`).toBe(true);
      held.set(key, after);
    }
  });

  it('keeps every balance non-negative and equal to the ledger: buys debit, sells credit, settled at the static rate', () => {
    const byAccount = new Map<string, Transaction[]>();
    for (const tx of dataset.transactions) byAccount.set(tx.account_id, [...(byAccount.get(tx.account_id) ?? []), tx]);
    for (const account of dataset.accounts) {
      let balance = toCents(dataset.openingBalances[account.account_id] ?? 'missing');
      for (const tx of byAccount.get(account.account_id) ?? []) {
        balance += balanceDeltaCents(tx, account.currency);
        expect(balance >= 0n, `${account.account_id} after ${tx.tx_id}`).toBe(true);
      }
      expect(fromCents(balance)).toBe(account.balance);
    }
  });

  it('same seed, same data; without a market, no trades and the same rows as a run that never heard of them', () => {
    expect(JSON.stringify(generateDataset({ ...options, market: fakeMarket }))).toBe(JSON.stringify(dataset));
    const plain = generateDataset(options);
    expect(plain.transactions.some((t) => t.txn_type === 'TRADE')).toBe(false);
    // The trades draw from a random stream of their own: customers and accounts are the same people.
    expect(plain.customers).toEqual(dataset.customers);
    expect(plain.accounts.map((a) => a.account_id)).toEqual(dataset.accounts.map((a) => a.account_id));
  });
});
