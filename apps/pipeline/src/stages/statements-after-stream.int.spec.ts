import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatorTradeMarket } from '@ledgerline/composition';
import { loadConfig } from '@ledgerline/config';
import { silentLogger } from '@ledgerline/logging';
import { openDurableEventBus } from '@ledgerline/memory';
import { openPostgres, type PostgresAdapter } from '@ledgerline/postgres';
import { probeStore } from '@ledgerline/postgres/testing';
import { batchStage } from './batch-stage.ts';
import { startStreamStage, type StreamStage } from './stream-stage.ts';

// The main job's stream and its month statements on embedded parts (PGlite, the durable in-process
// bus), on a fixed clock and the default seed and size. The statements share the stream's tx_ids;
// loaded before the stream had landed their month, they left holes in the accounts' history (a
// month's spending without the weeks of income before it), so the balance step refused valid
// stream events as overdrafts (dead letters) and statement files as negative (quarantine). Here
// the job restarts with half a month landed and November's statements due: before the fix they
// loaded at once, and this failed.
// Issue #18: the stream trades (a new stream, on MARKET_SEED's market) and so do its statements:
// buys and sells land from both paths, CSV and PDF, with no dead letter and no quarantine.
describe('month statements wait for the stream to land their month', () => {
  const dir = mkdtempSync(join(tmpdir(), 'statements-after-stream-'));
  const now = Date.parse('2026-12-07T11:00:00Z');
  const env = loadConfig({ env: { DATA_DIR: dir }, dotenvPath: false });
  let postgres: PostgresAdapter;
  const filesIn = (folder: string) => (existsSync(join(dir, folder)) ? readdirSync(join(dir, folder)) : []);

  beforeAll(async () => {
    postgres = await openPostgres({ pgliteDir: 'memory://' });
    await postgres.store.migrate();
  }, 120_000);
  afterAll(async () => {
    await postgres?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lands every stream event and every statement file, and each balance is opening + its rows', async () => {
    const bus = await openDurableEventBus(postgres.eventLog, { defaultPartitions: 6 }) // the default KAFKA_PARTITIONS;
    const startStream = (wallClock: number) =>
      startStreamStage(
        { env, store: postgres.store, sinkStore: postgres.store, ...bus, checkpoints: postgres.producerCheckpoints, logger: silentLogger },
        { customers: 25, ratePerSecond: 5_000, startMonth: '2026-10', clock: 'wall', now: () => wallClock },
      );
    const caughtUp = async (s: StreamStage) => {
      while (s.timeline().nextDueAt === undefined || s.sink.stats().received < s.producer.published) await new Promise((r) => setTimeout(r, 50));
    };
    // The stream the statements wait for: the one started after the restart.
    const restarted: { stream?: StreamStage } = {};
    let asked!: () => void;
    const statementsWaiting = new Promise<void>((resolve) => (asked = resolve));
    const stage = batchStage(env, silentLogger, {
      customers: 25,
      growth: [],
      startMonth: '2026-10',
      market: generatorTradeMarket(env),
      store: () => postgres.store,
      now: () => new Date(now),
      untilStreamLanded: async (instant, signal) => {
        asked();
        while (!restarted.stream) await new Promise((r) => setTimeout(r, 20));
        await restarted.stream.horizon.waitUntilLanded(instant, signal);
      },
    });
    const statements = stage.flows.find((f) => f.name === 'batch-statements')!;

    // The job ran until mid-October and stopped; its stream has landed October's first half.
    const first = await startStream(Date.parse('2026-10-15T12:00:00Z'));
    await caughtUp(first);
    await first.stop();
    expect(first.sink.stats().stored).toBeGreaterThan(300);

    // Restarted on December 7th: the statements of November are due while the stream catches up.
    const run = statements.run({ flow: statements.name, runId: 'test', attempt: 1, signal: new AbortController().signal });
    // The stream starts once the statements wait for it, or (before the fix) once they loaded.
    await Promise.race([statementsWaiting, run]);
    const stream = await startStream(now);
    restarted.stream = stream;
    const { rows } = await run;
    expect(rows).toBeGreaterThan(0);
    await caughtUp(stream);
    await stream.stop();

    const sink = stream.sink.stats();
    expect(first.sink.stats().deadLettered + sink.deadLettered).toBe(0);
    expect(sink.stored).toBe(stream.producer.published);
    expect(filesIn('quarantine')).toEqual([]);
    expect(filesIn('processed').length).toBeGreaterThan(0);
    // The balance step kept every balance equal to its opening plus its rows: recomputing changes none.
    const { rows: accounts } = await probeStore(postgres.store).query<{ account_id: string }>('SELECT account_id FROM accounts');
    expect(accounts.length).toBeGreaterThan(25);
    expect(await postgres.store.recomputeBalances(accounts.map((a) => a.account_id))).toBe(0);

    // Trades went both ways and through the statements: a CSV and a PDF of November with an order
    // line were ingested (processed, not quarantined), and the stream's own trades all landed.
    expect(first.plan.market).toBe('synthetic:ledgerline');
    const { rows: trades } = await probeStore(postgres.store).query<{ direction: string; n: string }>(
      "SELECT direction, count(*) AS n FROM transactions WHERE txn_type = 'TRADE' GROUP BY direction ORDER BY direction",
    );
    expect(trades.map((t) => t.direction)).toEqual(['CREDIT', 'DEBIT']);
    const processed = filesIn('processed');
    const withOrders = processed.filter((f) => f.endsWith('.csv') && /\b(BUY|SELL) \d+\.\d{8} [A-Z.]+ @ /.test(readFileSync(join(dir, 'processed', f), 'utf8')));
    expect(withOrders.length).toBeGreaterThan(0);
    // each CSV's PDF twin holds the same lines
    for (const csv of withOrders) expect(processed).toContain(csv.replace(/\.csv$/, '.pdf'));
  }, 180_000);
});
