import { toExactDecimal } from '@ledgerline/transactions';
import { generateDataset } from '@ledgerline/transactions/generator';
import { describe, expect, it } from 'vitest';
import { findSeedAsset } from '../assets/seed-assets.ts';
import { formatGeneratedDecimal } from '../model/decimal-string.ts';
import { syntheticTradeMarket } from './synthetic-trade-market.ts';
import { TrueSeries } from './true-series.ts';

const market = syntheticTradeMarket('ledgerline');

describe('syntheticTradeMarket', () => {
  it('quotes the open of the true 1-minute bar containing the instant, as the sources render prices', () => {
    const btc = findSeedAsset('BTC');
    if (!btc) throw new Error('BTC is in the seed list');
    const at = Date.UTC(2026, 2, 3, 10, 17, 42, 123);
    const [bar] = new TrueSeries('ledgerline').bars(btc, '1m', Date.UTC(2026, 2, 3, 10, 17), Date.UTC(2026, 2, 3, 10, 18));
    expect(market.priceAt('BTC', at)).toBe(formatGeneratedDecimal(bar!.open));
    expect(syntheticTradeMarket('ledgerline').priceAt('BTC', at)).toBe(market.priceAt('BTC', at));
    expect(syntheticTradeMarket('other').priceAt('BTC', at)).not.toBe(market.priceAt('BTC', at));
  });

  it('has no stock price outside the session or at weekends, and none for an unknown symbol', () => {
    expect(market.priceAt('AAPL', Date.UTC(2026, 2, 3, 15, 0))).toMatch(/^\d+\.\d+$/); // a Tuesday, in session
    expect(market.priceAt('AAPL', Date.UTC(2026, 2, 3, 22, 0))).toBeUndefined();
    expect(market.priceAt('AAPL', Date.UTC(2026, 2, 7, 15, 0))).toBeUndefined(); // a Saturday
    expect(market.priceAt('NOPE', Date.UTC(2026, 2, 3, 15, 0))).toBeUndefined();
    expect(market.assets).toHaveLength(70);
  });

  it("prices the generator's trades: each trade's unit price is the market price at its occurred_at", () => {
    const dataset = generateDataset({ seed: 11, customers: 30, months: 1, startMonth: '2026-02', market });
    const trades = dataset.transactions.filter((t) => t.txn_type === 'TRADE');
    expect(trades.length).toBeGreaterThan(5);
    for (const t of trades) {
      const quoted = market.priceAt(t.asset_symbol as string, Date.parse(t.occurred_at));
      expect(quoted, t.tx_id).toBeDefined();
      expect(t.unit_price).toBe(toExactDecimal(quoted as string));
    }
  });
});
