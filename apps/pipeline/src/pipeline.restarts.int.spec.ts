import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { createPostgresStore } from '@ledgerline/postgres';
import { embeddedEnv, runMainJob, type MainJobRun } from './test-support/main-job-process.ts';
import { probeStore } from '@ledgerline/postgres/testing';

/** The first status line that shows produced events: the stream is running. */
const STREAMING = /events produced [1-9]\d* /;
const STOP_LINE = /^stopped: (\d+) events produced(?:, (\d+) waiting from an earlier run)?, (\d+) landed, (\d+) dead-lettered, (\d+) in flight$/m;

interface Step {
  name: string;
  args: string[];
  signal: NodeJS.Signals;
}

// Issue #25: the embedded bus began at offset 0 on every start while the sink resumed from the
// offsets stored in PGlite, so each restart skipped as many new events as were consumed before.
// The main job runs here as a real process on one data directory, stopped by Ctrl-C (SIGINT)
// twice, SIGKILLed mid-run twice, then restarted with more customers twice. After all of it,
// every distinct event ever produced is landed, dead-lettered or still waiting in the log (as
// the last stop said), and no restart produced history again or contradicted it.
describe('main job restarts on one data directory (embedded defaults)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-restarts-'));
  const env = embeddedEnv(dataDir, { SYNC_INTERVAL_SECONDS: '3', DBT_ENABLED: 'false' });
  // The fast clock: every step must find new transactions to produce, which on the wall clock
  // (the default) only happens once the history is out and their time comes. The wall clock's
  // restarts are tested in stages/stream-stage.int.spec.ts.
  const common = ['--rate', '400', '--customers', '8', '--status-every', '1', '--clock', 'fast'];
  const steps: Step[] = [
    { name: 'Ctrl-C 1', args: common, signal: 'SIGINT' },
    { name: 'Ctrl-C 2', args: common, signal: 'SIGINT' },
    { name: 'SIGKILL 1', args: common, signal: 'SIGKILL' },
    { name: 'SIGKILL 2', args: common, signal: 'SIGKILL' },
    { name: 'more customers 1', args: [...common, '--customers', '10'], signal: 'SIGINT' },
    { name: 'more customers 2', args: [...common, '--customers', '12'], signal: 'SIGINT' },
  ];
  const runs: Array<{ step: Step; run: MainJobRun }> = [];

  beforeAll(async () => {
    for (const step of steps) {
      runs.push({ step, run: await runMainJob({ args: step.args, env, signal: { name: step.signal, when: STREAMING } }) });
    }
  }, 600_000);
  afterAll(() => {
    if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops cleanly after every Ctrl-C, and each stop accounts for every event', () => {
    for (const { step, run } of runs) {
      if (step.signal === 'SIGKILL') {
        expect(run.signal, step.name).toBe('SIGKILL');
        continue;
      }
      expect(run.stderr, step.name).not.toMatch(/pipeline failed|counts do not add up/);
      expect(run.code, `${step.name}\n${run.stdout}\n${run.stderr}`).toBe(0);
      const stop = STOP_LINE.exec(run.stdout);
      expect(stop, `${step.name}\n${run.stdout}`).not.toBeNull();
      const [produced, waiting, landed, dead, inFlight] = [1, 2, 3, 4, 5].map((i) => Number(stop?.[i] ?? 0)) as [number, number, number, number, number];
      expect(produced, step.name).toBeGreaterThan(0);
      expect(landed + dead + inFlight, step.name).toBe(produced + waiting);
    }
    // The restart after the two kills found their unconsumed events in the log and landed them.
    expect(STOP_LINE.exec(runs[4]?.run.stdout ?? '')?.[2], 'backlog after SIGKILL').toBeDefined();
  });

  it('accounts for every distinct event ever produced, in PGlite and in the warehouse, with no history produced twice', async () => {
    const store = await createPostgresStore({ pgliteDir: join(dataDir, 'pglite') });
    const value = `convert_from(l.value, 'UTF8')::jsonb`;
    let totals: { events: string; distinct_ids: string; contradicted: string };
    let missing: string[];
    let inFlight: number;
    let landed: number;
    try {
      totals = (
        await probeStore(store).query<{ events: string; distinct_ids: string; contradicted: string }>(
          `SELECT count(*) AS events, count(DISTINCT ${value}->>'tx_id') AS distinct_ids,
                  (SELECT count(*) FROM (SELECT ${value}->>'tx_id' FROM event_log l WHERE topic = 'transactions'
                                         GROUP BY 1 HAVING count(DISTINCT ${value} - 'produced_at') > 1) c) AS contradicted
             FROM event_log l WHERE topic = 'transactions'`,
        )
      ).rows[0] as { events: string; distinct_ids: string; contradicted: string };
      // Below its partition's stored offset, an event must be landed or dead-lettered; at or
      // above it, it waits in the log for the next run.
      const lost = await probeStore(store).query<{ tx_id: string }>(
        `SELECT ${value}->>'tx_id' AS tx_id
           FROM event_log l
           JOIN stream_offsets o ON o.topic = l.topic AND o.partition = l.partition
          WHERE l.topic = 'transactions' AND l."offset" < o.next_offset
            AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.tx_id = ${value}->>'tx_id')
            AND NOT EXISTS (SELECT 1 FROM event_log d WHERE d.topic = 'transactions.dlq'
                             AND d.headers->>'x-source-partition' = l.partition::text AND d.headers->>'x-source-offset' = l."offset"::text)`,
      );
      missing = lost.rows.map((r) => r.tx_id);
      const waiting = await probeStore(store).query<{ n: string }>(
        `SELECT count(*) AS n FROM event_log l LEFT JOIN stream_offsets o ON o.topic = l.topic AND o.partition = l.partition
          WHERE l.topic = 'transactions' AND l."offset" >= coalesce(o.next_offset, 0)`,
      );
      inFlight = Number(waiting.rows[0]?.n);
      landed = await store.countTransactions();
    } finally {
      await store.close();
    }
    expect(missing).toEqual([]);
    expect(inFlight).toBe(Number(STOP_LINE.exec(runs.at(-1)?.run.stdout ?? '')?.[5]));
    // Each run continued the stream: clean stops never produced an old event again; only the
    // chunk in flight at each SIGKILL (at most rate/20 = 20 events) may have been sent twice.
    const producedByCleanRuns = runs.reduce((sum, { run }) => sum + Number(STOP_LINE.exec(run.stdout)?.[1] ?? 0), 0);
    expect(Number(totals.distinct_ids)).toBeGreaterThanOrEqual(producedByCleanRuns);
    expect(Number(totals.events) - Number(totals.distinct_ids)).toBeLessThanOrEqual(2 * 20);
    expect(Number(totals.contradicted)).toBe(0);
    const warehouse = Number(await probeDuckDb(join(dataDir, 'warehouse.duckdb')).scalar('SELECT count(*) FROM raw.transactions WHERE NOT _deleted'));
    expect(warehouse).toBe(landed);
  });

  it('refuses to continue the stream with fewer customers, naming the way out', async () => {
    const run = await runMainJob({ args: [...common, '--customers', '5', '--duration', '1'], env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--customers 5: the stream already simulates 12 customers.*Use --customers 12 or more, or another DATA_DIR/);
  });
});
