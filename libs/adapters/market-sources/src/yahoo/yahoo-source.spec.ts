import { SEED_ASSETS } from '@ledgerline/market-data';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestBudget } from '../http/request-budget.ts';
import { SourceHttpClient } from '../http/source-http-client.ts';
import { fixture } from '../testing/fixtures.ts';
import { ReplayServer } from '../testing/replay-server.ts';
import { YahooSource, yahooTicker } from './yahoo-source.ts';

let server: ReplayServer;
afterEach(async () => server.stop());

function source() {
  const http = new SourceHttpClient({ source: 'yahoo', budget: new RequestBudget('yahoo', 20), sleep: async () => {} });
  return new YahooSource({ baseUrl: server.baseUrl, http, assets: SEED_ASSETS });
}
const days = { interval: '1d' as const, from: '2026-01-01T00:00:00.000Z', to: '2026-01-06T00:00:00.000Z' };

describe('YahooSource (chart, replayed)', () => {
  it('decodes daily stock bars keyed by UTC date, exact digits, skipping null slots', async () => {
    server = await new ReplayServer().route('/v8/finance/chart/AAPL', { status: 200, body: fixture('yahoo-chart-aapl-1d.json') }).start();
    const { items, quarantined } = await source().fetchBars({ ...days, symbols: ['AAPL'] });
    expect(quarantined).toEqual([]);
    const query = new URL(server.requests[0]?.path ?? '', 'http://x').searchParams;
    expect([query.get('period1'), query.get('period2'), query.get('interval')]).toEqual(['1767225600', '1767657600', '1d']);
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      source: 'yahoo',
      symbol: 'AAPL',
      interval: '1d',
      openTime: '2026-01-01T00:00:00.000Z',
      closeTime: '2026-01-02T00:00:00.000Z',
      quoteCurrency: 'USD',
      open: '250.9199981689453',
      high: '251.2899932861328',
      low: '242.8800048828125',
      close: '243.85000610351562',
      volume: '40104200',
      quoteVolume: null,
    });
  });

  it('decodes intraday crypto bars (BTC-USD, 1m) and keeps a bar whose volume is missing', async () => {
    server = await new ReplayServer().route('/v8/finance/chart/BTC-USD', { status: 200, body: fixture('yahoo-chart-btc-1m.json') }).start();
    const { items } = await source().fetchBars({ symbols: ['BTC'], interval: '1m', from: '2026-01-02T00:00:00.000Z', to: '2026-01-02T00:03:00.000Z' });
    expect(items.map((b) => [b.openTime, b.closeTime, b.close, b.volume])).toEqual([
      ['2026-01-02T00:00:00.000Z', '2026-01-02T00:01:00.000Z', '64180.1015625', '0'],
      ['2026-01-02T00:01:00.000Z', '2026-01-02T00:02:00.000Z', '64190.0', '1523456'],
      ['2026-01-02T00:02:00.000Z', '2026-01-02T00:03:00.000Z', '64188.75', null],
    ]);
  });

  it('reports an unknown symbol and an empty range, then carries on with the next symbol', async () => {
    server = await new ReplayServer()
      .route('/v8/finance/chart/TSLA', { status: 404, body: fixture('yahoo-chart-not-found.json') })
      .route('/v8/finance/chart/MSFT', { status: 200, body: fixture('yahoo-chart-empty.json') })
      .route('/v8/finance/chart/AAPL', { status: 200, body: fixture('yahoo-chart-aapl-1d.json') })
      .start();
    const { items, quarantined } = await source().fetchBars({ ...days, symbols: ['TSLA', 'MSFT', 'AAPL'] });
    expect(items.map((b) => b.symbol)).toEqual(['AAPL', 'AAPL']);
    expect(quarantined).toEqual([expect.objectContaining({ source: 'yahoo', endpoint: '/v8/finance/chart/TSLA', field: 'chart.error', reason: 'Not Found: No data found, symbol may be delisted' })]);
  });

  it('quarantines a chart whose shape drifted (indicators.quote renamed) and names the field', async () => {
    server = await new ReplayServer().route('/v8/finance/chart/TSLA', { status: 200, body: fixture('yahoo-chart-drift.json') }).start();
    const { items, quarantined } = await source().fetchBars({ ...days, symbols: ['TSLA'] });
    expect(items).toEqual([]);
    expect(quarantined[0]).toMatchObject({ field: 'chart.result[0].indicators.quote', reason: expect.any(String) });
  });

  it('maps seed symbols to Yahoo tickers', () => {
    const bySymbol = (s: string) => SEED_ASSETS.find((a) => a.symbol === s)!;
    expect([yahooTicker(bySymbol('BTC')), yahooTicker(bySymbol('BRK.B')), yahooTicker(bySymbol('AAPL'))]).toEqual(['BTC-USD', 'BRK-B', 'AAPL']);
  });
});
