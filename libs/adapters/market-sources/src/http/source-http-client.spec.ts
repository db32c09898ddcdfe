import { MarketSourceError } from '@ledgerline/market-data';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplayServer } from '../testing/replay-server.ts';
import { RequestBudget } from './request-budget.ts';
import { retryAfterMs } from './retry-policy.ts';
import { SourceHttpClient } from './source-http-client.ts';
import { parseJsonLosslessly, plainDecimal, JsonNumber } from './lossless-json.ts';

let server: ReplayServer;
afterEach(async () => server.stop());

function client(budget = 10) {
  const slept: number[] = [];
  const http = new SourceHttpClient({ source: 'binance', budget: new RequestBudget('binance', budget), sleep: async (ms) => void slept.push(ms), policy: { baseDelayMs: 100 } });
  return { http, slept };
}

describe('SourceHttpClient against a local replay server', () => {
  it('waits out a 429 for its Retry-After seconds, then returns the body', async () => {
    server = await new ReplayServer().route('/x', { status: 429, headers: { 'retry-after': '3' }, body: '{}' }, { status: 200, body: '[1]' }).start();
    const { http, slept } = client();
    expect((await http.get(`${server.baseUrl}/x`)).body).toBe('[1]');
    expect(slept).toEqual([3000]);
  });

  it('backs off exponentially on 5xx and gives up with the source named after the last attempt', async () => {
    server = await new ReplayServer().route('/x', { status: 503, body: 'busy' }).start();
    const { http, slept } = client();
    const failure = await http.get(`${server.baseUrl}/x`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MarketSourceError);
    expect(failure).toMatchObject({ source: 'binance', kind: 'unavailable', message: 'binance: HTTP 503 after 4 attempts' });
    expect(slept).toEqual([100, 200, 400]);
    expect(server.requests).toHaveLength(4);
  });

  it('does not wait out a Retry-After longer than its limit', async () => {
    server = await new ReplayServer().route('/x', { status: 429, headers: { 'retry-after': '3600' }, body: '' }).start();
    await expect(client().http.get(`${server.baseUrl}/x`)).rejects.toMatchObject({ kind: 'rate-limited' });
  });

  it('does not retry a refusal (401 bad key)', async () => {
    server = await new ReplayServer().route('/x', { status: 401, body: '{"error":"invalid api key"}' }).start();
    await expect(client().http.get(`${server.baseUrl}/x`)).rejects.toMatchObject({ kind: 'rejected', message: expect.stringContaining('HTTP 401') });
    expect(server.requests).toHaveLength(1);
  });

  it('stops at the request budget, retries included', async () => {
    server = await new ReplayServer().route('/x', { status: 500, body: '' }).start();
    await expect(client(2).http.get(`${server.baseUrl}/x`)).rejects.toMatchObject({ kind: 'budget-exhausted' });
    expect(server.requests).toHaveLength(2);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('120', 0)).toBe(120_000);
    expect(retryAfterMs('Fri, 02 Jan 2026 00:00:10 GMT', Date.UTC(2026, 0, 2))).toBe(10_000);
    expect(retryAfterMs('soon', 0)).toBeNull();
  });
});

describe('lossless JSON numbers', () => {
  it('keeps the digits the API sent and expands exponents exactly', () => {
    const parsed = parseJsonLosslessly('{"p":64180.12000000001,"s":1.234e-05}') as { p: JsonNumber; s: JsonNumber };
    expect(parsed.p.text).toBe('64180.12000000001');
    expect(plainDecimal(parsed.s.text)).toBe('0.00001234');
    expect(plainDecimal('5E+3')).toBe('5000');
    expect(plainDecimal('-1.50')).toBe('-1.50');
    expect(plainDecimal('1.0e-07')).toBe('0.00000010');
    expect(plainDecimal('0')).toBe('0');
  });
});
