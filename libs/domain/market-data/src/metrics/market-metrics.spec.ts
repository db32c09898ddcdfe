import { describe, expect, it } from 'vitest';
import type { CandleRow, Candles, CandlesParams, MarketAssetRow, MarketReads, NewsRow } from '../ports/market-reads.port.ts';
import { MarketMetricRefusal } from './market-metric-catalog.ts';
import { runMarketMetric } from './market-metrics.ts';

// The market metrics' definitions and refusals on a small in-memory MarketReads (a test double
// of the port: the DuckDB adapter is exercised by the dashboard and agent-eval integration tests).

const day = (d: string) => `${d}T00:00:00.000Z`;
const nulls = { sma_20: null, sma_50: null, sma_200: null, ema_12: null, ema_26: null, macd: null, macd_signal: null, macd_histogram: null, rsi_14: null, bollinger_upper: null, bollinger_middle: null, bollinger_lower: null };
const bar = (d: string, open: string, close: string, rsi: number | null = null): CandleRow => ({ open_time: day(d), open, high: close, low: open, close, volume: '1', quote_currency: 'USDT', ...nulls, rsi_14: rsi });

const BARS: Record<string, CandleRow[]> = {
  BTC: [bar('2024-12-27', '100', '110', 55.5), bar('2024-12-28', '110', '121', 60.25), bar('2024-12-30', '121', '99.5')],
  ETH: [bar('2024-12-27', '10', '10.5'), bar('2024-12-28', '10.5', '12', 40)],
  AAPL: [bar('2024-12-27', '200', '198')],
};
const asset = (symbol: string, name: string, assetClass: 'crypto' | 'stock', cap: string): MarketAssetRow => {
  const bars = BARS[symbol] as CandleRow[];
  return {
    symbol, name, asset_class: assetClass, category: 'x', market_cap_usd: cap,
    series: [{ source: assetClass === 'stock' ? 'yahoo' : 'binance', interval: '1d', bars: bars.length, first_open_time: bars[0]?.open_time as string, last_open_time: bars.at(-1)?.open_time as string, last_close: bars.at(-1)?.close as string }],
  };
};

class InMemoryReads implements MarketReads {
  async assets() {
    return [asset('BTC', 'Bitcoin', 'crypto', '1000'), asset('ETH', 'Ethereum', 'crypto', '500'), asset('AAPL', 'Apple', 'stock', '3000')];
  }
  async candles(p: CandlesParams): Promise<Candles> {
    const bars = (BARS[p.symbol] ?? []).filter((b) => (!p.from || b.open_time >= p.from) && (!p.to || b.open_time <= p.to)).slice(-(p.limit ?? 300));
    return { symbol: p.symbol, source: p.source, interval: p.interval, bars, indicators_missing: null };
  }
  async comparison(): Promise<never> {
    throw new Error('not used');
  }
  async news(): Promise<NewsRow[]> {
    return [];
  }
  async close() {}
}

const reads = new InMemoryReads();
const refusal = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(MarketMetricRefusal);

describe('market metrics', () => {
  it('closingPrice: the daily close of that UTC day, exact, with its source and currency', async () => {
    expect(await runMarketMetric(reads, 'closingPrice', { symbol: 'BTC', day: '2024-12-28' })).toEqual({ symbol: 'BTC', name: 'Bitcoin', source: 'binance', day: '2024-12-28', close: '121', quote_currency: 'USDT' });
  });

  it('closingPrice refuses, with the reason, an unknown asset, a day outside the series and a gap', async () => {
    await expect(runMarketMetric(reads, 'closingPrice', { symbol: 'XYZ', day: '2024-12-28' })).rejects.toThrow('I have no prices for XYZ: it is not one of the 3 assets');
    await expect(runMarketMetric(reads, 'closingPrice', { symbol: 'BTC', day: '2024-12-31' })).rejects.toThrow('the binance series runs from 2024-12-27 to 2024-12-30');
    await expect(runMarketMetric(reads, 'closingPrice', { symbol: 'BTC', day: '2024-12-29' })).rejects.toThrow('there is no daily BTC bar for 2024-12-29 from binance (a gap in the series)');
    await refusal(runMarketMetric(reads, 'closingPrice', { symbol: 'BTC', day: '2023-01-01' }));
  });

  it('latestIndicator: the newest value the mart has, naming the newer bar it has not modelled yet', async () => {
    expect(await runMarketMetric(reads, 'latestIndicator', { symbol: 'BTC', indicator: 'rsi_14' })).toMatchObject({ value: 60.25, open_time: day('2024-12-28'), newest_bar: day('2024-12-30') });
    await expect(runMarketMetric(reads, 'latestIndicator', { symbol: 'AAPL', indicator: 'rsi_14' })).rejects.toThrow('fewer than its warm-up');
  });

  it('topMovers: the N largest of the class by market cap, ranked by first open to last close in the range', async () => {
    const movers = await runMarketMetric(reads, 'topMovers', { assetClass: 'crypto', top: 2, from: '2024-12-27', to: '2024-12-28' });
    expect(movers.ranked.map((m) => [m.symbol, m.open, m.close, m.change_pct])).toEqual([
      ['BTC', '100', '121', 21],
      ['ETH', '10', '12', 20],
    ]);
    const one = await runMarketMetric(reads, 'topMovers', { assetClass: 'crypto', top: 1, from: '2024-12-30', to: '2024-12-31' });
    expect(one.ranked.map((m) => m.symbol)).toEqual(['BTC']);
    await expect(runMarketMetric(reads, 'topMovers', { assetClass: 'stock', top: 5, from: '2024-12-30', to: '2024-12-31' })).rejects.toThrow('none of the 1 largest stock assets has a daily bar');
  });
});
