import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSyntheticSources, type PriceBar } from '@ledgerline/market-data';
import { repoRoot } from '@ledgerline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedEnv, runMainJob, type MainJobRun } from './test-support/main-job-process.ts';

// Issue #18's done criterion, end to end: the main job (embedded defaults, market stage on the
// synthetic sources) shows live prices on its dashboard with indicators. The dashboard it serves
// is read over HTTP while it runs; the prices are checked against the seeded source computed
// here, the SMA 20 against the mean of the 20 closes, and the minute series must move while we
// watch. Stopped by Ctrl-C.

interface Candle {
  open_time: string;
  close: string;
  sma_20: number | null;
  rsi_14: number | null;
}
interface CandlesAnswer {
  source: string;
  interval: string;
  indicators_missing: string | null;
  bars: Candle[];
}
interface MarketProbe {
  /** When the last answers were read. */
  at: number;
  daily: CandlesAnswer;
  /** The first minute series seen, and the one read last (with indicators, newer than the first). */
  minutes: CandlesAnswer;
  laterMinutes: CandlesAnswer;
}

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 40;
/**
 * How long the probe waits for indicators and a new minute: the first sync's dbt build (the
 * backfill waits for it behind the warehouse lock), the backfill, the build after it. Generous:
 * 297 s at load 15 on 2 cores. The job is killed (a hang fails, not times out) well before
 * vitest's own timeout, and its --duration outlasts both.
 */
const PROBE_TIMEOUT_MS = 420_000;
const KILL_AFTER_MS = PROBE_TIMEOUT_MS + 120_000;
/** A minute bar opened at t is complete at t + 1 min; one more minute for the landing behind the stream. */
const CAUGHT_UP_MS = 3 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** "64177.660000" and "64177.66" are the same decimal. */
const decimal = (value: string) => (value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value);

async function candles(url: string, query: string): Promise<CandlesAnswer | undefined> {
  const response = await fetch(`${url}/api/market/candles?${query}`);
  if (response.status !== 200) return undefined; // 503 before the first market write, 400 before BTC's bars land
  return ((await response.json()) as { data: CandlesAnswer }).data;
}

/**
 * Polls the job's dashboard until BTC's daily and minute bars carry indicators (the start-up
 * backfill landed and dbt built), then until the minute series has moved past the first one seen.
 */
async function probeMarket(stdout: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<MarketProbe> {
  const url = /^ {2}dashboard\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(stdout)?.[1];
  if (!url) throw new Error('no dashboard URL in the banner');
  const deadline = Date.now() + timeoutMs;
  const ready = (a: CandlesAnswer | undefined) => a !== undefined && a.bars.some((b) => b.sma_20 !== null);
  let minutes: CandlesAnswer | undefined;
  let daily: CandlesAnswer | undefined;
  let laterMinutes: CandlesAnswer | undefined;
  for (;;) {
    daily = await candles(url, 'symbol=BTC&interval=1d').catch(() => undefined);
    laterMinutes = await candles(url, 'symbol=BTC&interval=1m').catch(() => undefined);
    minutes ??= laterMinutes && laterMinutes.bars.length > 0 ? laterMinutes : undefined;
    const newest = (a: CandlesAnswer | undefined) => a?.bars.at(-1)?.open_time ?? '';
    // Caught up: the newest bar is the last completed minute or, landing a little behind, the one before.
    const at = Date.now();
    const caughtUp = at - Date.parse(newest(laterMinutes)) < CAUGHT_UP_MS;
    if (minutes && ready(daily) && ready(laterMinutes) && newest(laterMinutes) > newest(minutes) && caughtUp) {
      return { at, daily: daily!, minutes, laterMinutes: laterMinutes! };
    }
    if (Date.now() > deadline) {
      const seen = { daily: daily?.bars.length, dailyIndicators: ready(daily), minutes: laterMinutes?.bars.length, minuteIndicators: ready(laterMinutes), firstMinute: newest(minutes), newestMinute: newest(laterMinutes) };
      throw new Error(`no BTC candles with indicators and a new minute within ${timeoutMs} ms: ${JSON.stringify(seen)}`);
    }
    await sleep(2_000);
  }
}

/** The seeded source's own bars (what the market stage fetched), by open time. */
async function syntheticBars(source: string, interval: '1d' | '1m', from: string, to: string): Promise<Map<string, PriceBar>> {
  const bars = createSyntheticSources('ledgerline').find((s) => s.id === source);
  if (!bars) throw new Error(`no synthetic ${source}`);
  const batch = await bars.fetchBars({ symbols: ['BTC'], interval, from, to });
  return new Map(batch.items.map((b) => [b.openTime, b]));
}

describe('main job with the market stage: live synthetic prices with indicators on its dashboard', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-main-job-market-'));
  let run: MainJobRun;
  let probe: MarketProbe | Error = new Error('not probed');
  let startedAt = 0;

  beforeAll(async () => {
    // Indicators are dbt models: without the project's dbt the job runs with "dbt off" and the
    // probe could only time out. Say why at once instead.
    if (!existsSync(join(repoRoot(), '.venv/bin/dbt'))) throw new Error('no dbt in .venv: run `bash tools/services/python-env.sh` (the indicators are dbt models)');
    startedAt = Date.now();
    run = await runMainJob({
      killAfterMs: KILL_AFTER_MS,
      args: ['--duration', '900', '--rate', '1000', '--customers', '3', '--status-every', '10'],
      env: embeddedEnv(dataDir, {
        PIPELINE_MARKET_ENABLED: 'true',
        MARKET_SEED: 'ledgerline',
        MARKET_SOURCES: 'synthetic',
        MARKET_HISTORY_DAYS: String(HISTORY_DAYS),
        MARKET_INTRADAY_MINUTES: '30',
        MARKET_POLL_MS: '2000',
        SYNC_INTERVAL_SECONDS: '20',
        LOG_LEVEL: 'info',
      }),
      signal: {
        name: 'SIGINT',
        when: /^ {2}dashboard\s+http/m,
        first: async (stdout) => {
          probe = await probeMarket(stdout).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
        },
      },
    });
    if (!(probe instanceof Error)) console.info(`market probe: indicators and a new minute ${Math.round((probe.at - startedAt) / 1000)} s after the start; job ran ${Math.round((Date.now() - startedAt) / 1000)} s`);
  }, KILL_AFTER_MS + 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops cleanly on Ctrl-C', () => {
    expect(run.stderr).not.toMatch(/unhandled|uncaught/i);
    expect(run.code, run.stdout.slice(-3000) + run.stderr.slice(-3000)).toBe(0);
  });

  it('serves BTC daily bars ending yesterday, each close the seeded source\'s, with the SMA 20 of those closes', async () => {
    if (probe instanceof Error) throw new Error(`${probe.message}\n--- job output (tail) ---\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-2000)}`);
    const { daily, at } = probe;
    expect(daily).toMatchObject({ source: 'binance', interval: '1d', indicators_missing: null });
    // The backfill ends at the start's UTC day; a run across midnight may read either day's.
    const yesterday = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS - DAY_MS).toISOString();
    expect([yesterday(startedAt), yesterday(at)]).toContain(daily.bars.at(-1)?.open_time);
    expect(daily.bars.length).toBe(HISTORY_DAYS);
    const end = Date.parse(daily.bars.at(-1)?.open_time ?? '') + DAY_MS;
    const expected = await syntheticBars('binance', '1d', new Date(end - HISTORY_DAYS * DAY_MS).toISOString(), new Date(end).toISOString());
    daily.bars.forEach((bar, i) => {
      expect(decimal(bar.close), bar.open_time).toBe(decimal(expected.get(bar.open_time)?.close ?? 'missing'));
      if (i < 19) {
        expect(bar.sma_20, `${bar.open_time}: warm-up`).toBeNull();
        return;
      }
      const mean = daily.bars.slice(i - 19, i + 1).reduce((sum, b) => sum + Number(b.close), 0) / 20;
      expect(Math.abs((bar.sma_20 as number) - mean) / mean, `${bar.open_time} sma_20 ${bar.sma_20} vs ${mean}`).toBeLessThanOrEqual(1e-9);
    });
    expect(daily.bars.at(-1)?.rsi_14).not.toBeNull();
  });

  it('serves live BTC minutes: up to the last completed minute, advancing while it runs, each the seeded source\'s bar', async () => {
    if (probe instanceof Error) throw probe;
    const { minutes, laterMinutes, at } = probe;
    const newest = Date.parse(laterMinutes.bars.at(-1)?.open_time ?? '');
    // The newest completed minute at the time of the read (2 s polls, a few seconds of landing).
    expect(at - newest).toBeLessThan(CAUGHT_UP_MS);
    expect(newest).toBeGreaterThan(Date.parse(minutes.bars.at(-1)?.open_time ?? ''));
    expect(laterMinutes.bars.some((b) => b.rsi_14 !== null)).toBe(true);
    const all = [...minutes.bars, ...laterMinutes.bars];
    const expected = await syntheticBars('binance', '1m', all[0]!.open_time, new Date(Date.parse(all.at(-1)!.open_time) + 60_000).toISOString());
    for (const bar of all) expect(decimal(bar.close), bar.open_time).toBe(decimal(expected.get(bar.open_time)?.close ?? 'missing'));
    // Contiguous: the stream started where the backfilled minutes ended.
    const times = laterMinutes.bars.map((b) => Date.parse(b.open_time));
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBe(60_000);
  });
});
