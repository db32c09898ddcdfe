import { afterEach, describe, expect, it } from 'vitest';
import { RequestBudget } from '../http/request-budget.ts';
import { SourceHttpClient } from '../http/source-http-client.ts';
import { fixture } from '../testing/fixtures.ts';
import { ReplayServer } from '../testing/replay-server.ts';
import { BinanceSource } from './binance-source.ts';

let server: ReplayServer;
afterEach(async () => server.stop());

const request = { symbols: ['BTC', 'ETH', 'AAPL', 'USDT'], interval: '24h' as const, from: '2026-01-01T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' };
function source() {
  const http = new SourceHttpClient({ source: 'binance', budget: new RequestBudget('binance', 5), sleep: async () => {} });
  return new BinanceSource({ baseUrl: server.baseUrl, http, cryptoSymbols: new Set(['BTC', 'ETH', 'USDT']), now: () => new Date('2026-01-02T00:00:01.000Z') });
}

describe('BinanceSource (24h ticker, replayed)', () => {
  it('asks for the USDT pairs of the crypto symbols only and decodes exact 24h bars', async () => {
    server = await new ReplayServer().route('/api/v3/ticker/24hr', { status: 200, body: fixture('binance-ticker-24hr.json') }).start();
    const batch = await source().fetchBars(request);
    expect(decodeURIComponent(server.requests[0]?.path ?? '')).toBe('/api/v3/ticker/24hr?symbols=["BTCUSDT","ETHUSDT"]');
    expect(batch.quarantined).toEqual([]);
    expect(batch.items[0]).toEqual({
      source: 'binance',
      symbol: 'BTC',
      interval: '24h',
      openTime: '2026-01-01T00:00:00.123Z',
      closeTime: '2026-01-02T00:00:00.123Z',
      quoteCurrency: 'USDT',
      open: '62654.21000000',
      high: '64500.00000000',
      low: '62100.01000000',
      close: '64177.66000000',
      volume: '23456.78901000',
      quoteVolume: '1480364239.79812300',
    });
    expect(batch.items.map((b) => b.symbol)).toEqual(['BTC', 'ETH']);
  });

  it('quarantines the record whose shape changed, naming the field, and keeps the others', async () => {
    server = await new ReplayServer().route('/api/v3/ticker/24hr', { status: 200, body: fixture('binance-ticker-drift.json') }).start();
    const batch = await source().fetchBars(request);
    expect(batch.items.map((b) => b.symbol)).toEqual(['ETH']);
    expect(batch.quarantined).toHaveLength(1);
    expect(batch.quarantined[0]).toMatchObject({ source: 'binance', endpoint: '/api/v3/ticker/24hr', field: '[0].lastPrice', receivedAt: '2026-01-02T00:00:01.000Z' });
    expect(batch.quarantined[0]?.rawBody).toContain('"last": "64177.66000000"');
  });

  it('quarantines a body that is not the documented array (an error object on 200, HTML)', async () => {
    server = await new ReplayServer().route('/api/v3/ticker/24hr', { status: 200, body: '{"code":-1003,"msg":"Too much request weight used"}' }).start();
    const batch = await source().fetchBars(request);
    expect(batch.items).toEqual([]);
    expect(batch.quarantined[0]).toMatchObject({ field: '(response)', reason: expect.stringContaining('array') });
  });

  it('fails the source on an invalid-symbol refusal (HTTP 400) without retrying', async () => {
    server = await new ReplayServer().route('/api/v3/ticker/24hr', { status: 400, body: '{"code":-1121,"msg":"Invalid symbol."}' }).start();
    await expect(source().fetchBars(request)).rejects.toThrow(/binance: HTTP 400: .*Invalid symbol/);
    expect(server.requests).toHaveLength(1);
  });

  it('returns nothing for intervals the ticker does not have', async () => {
    server = await new ReplayServer().start();
    expect(await source().fetchBars({ ...request, interval: '1d' })).toEqual({ items: [], quarantined: [] });
    expect(server.requests).toHaveLength(0);
  });
});
